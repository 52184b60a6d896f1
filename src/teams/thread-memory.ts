import { LRUCache } from 'lru-cache';
import { upTo } from '../lru-count.js';
import type { ThreadContextStore } from '../core/chat-state.js';
import { systemClock, type Clock, type Logger } from '../core/ports.js';
import type { ThreadContext } from '../core/request.js';

export interface ThreadMemoryOptions {
  /** How many threads and messages to keep in memory (default 10,000). */
  max?: number;
  /** How long to keep one in memory, in milliseconds (default 7 days). */
  ttlMs?: number;
  /** The durable store behind the memory: contexts survive a restart and are shared by every copy of the bot. */
  store?: ThreadContextStore;
  clock?: Clock;
  /** Where a store that fails is reported (the memory then carries on alone). */
  logger?: Logger;
}

// Teams' ids hold no line breaks: the thread's conversation id, then the id of the message the bot posted.
const messageKey = (thread: string, messageId: string): string => `${thread}\n${messageId}`;

/**
 * Which context each thread (and each of the bot's messages) is in, so a typed follow-up is read under the
 * brief it follows. With a store, every context is written through to it, so a follow-up after a restart or
 * on another copy of the bot keeps its context; the bounded memory in front serves the contexts of posted
 * messages (which never change). A thread's latest context is read from the store each time, since another
 * copy of the bot may have replied there since; the memory answers when the store cannot.
 */
export class ThreadMemory {
  private readonly cache: LRUCache<string, ThreadContext>;
  private readonly clock: Clock;

  constructor(private readonly options: ThreadMemoryOptions = {}) {
    this.cache = new LRUCache<string, ThreadContext>({ ...upTo(options.max ?? 10_000), ttl: options.ttlMs ?? 7 * 86_400_000 });
    this.clock = options.clock ?? systemClock;
  }

  /** Remembers the context of a reply the bot posted in a thread, and of the posted message itself. */
  async remember(thread: string, messageId: string | undefined, context: ThreadContext): Promise<void> {
    const keys = [`thread:${thread}`, ...(messageId ? [`message:${messageKey(thread, messageId)}`] : [])];
    for (const key of keys) this.cache.set(key, context);
    const store = this.options.store;
    if (!store) return;
    const now = this.clock.now();
    try {
      await store.rememberThread('teams', messageId ? [thread, messageKey(thread, messageId)] : [thread], context, now);
    } catch (error) {
      this.failed('teams.thread.remember_failed', thread, error, 'the thread context was not stored: a follow-up there after a restart loses it');
    }
  }

  /** The context of the message replied to when known, else the thread's latest. */
  async recall(thread: string, replyToId: string | undefined): Promise<ThreadContext | undefined> {
    const store = this.options.store;
    const cached = replyToId ? this.cache.get(`message:${messageKey(thread, replyToId)}`) : undefined;
    if (cached || !store) return cached ?? this.cache.get(`thread:${thread}`);
    const now = this.clock.now();
    try {
      if (replyToId) {
        const ofMessage = await store.threadContext('teams', messageKey(thread, replyToId), now);
        if (ofMessage) {
          this.cache.set(`message:${messageKey(thread, replyToId)}`, ofMessage);
          return ofMessage;
        }
      }
      const latest = await store.threadContext('teams', thread, now);
      if (latest) this.cache.set(`thread:${thread}`, latest);
      return latest ?? this.cache.get(`thread:${thread}`);
    } catch (error) {
      this.failed('teams.thread.recall_failed', thread, error, 'the thread context could not be read from the store; using this process\'s memory');
      return this.cache.get(`thread:${thread}`);
    }
  }

  private failed(event: string, thread: string, error: unknown, message: string): void {
    this.options.logger?.warn({ event, conversation: thread, error: (error instanceof Error ? error.message : String(error)).slice(0, 200) }, message);
  }
}
