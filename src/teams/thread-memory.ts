import { LRUCache } from 'lru-cache';
import type { ThreadContext } from '../core/request.js';

export interface ThreadMemoryOptions {
  /** How many threads and messages to remember (default 10,000). */
  max?: number;
  /** How long to remember one, in milliseconds (default 7 days). */
  ttlMs?: number;
}

/**
 * Which context each thread (and each of the bot's messages) is in, so a typed follow-up is read under the
 * brief it follows. Bounded and in memory: after a restart a typed follow-up in an old thread is answered
 * without context, while the card's follow-up box still carries its own (see card-submit.ts).
 */
export class ThreadMemory {
  private readonly cache: LRUCache<string, ThreadContext>;

  constructor(options: ThreadMemoryOptions = {}) {
    this.cache = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 7 * 86_400_000 });
  }

  /** Remembers the context of a reply the bot posted in a thread, and of the posted message itself. */
  remember(thread: string, messageId: string | undefined, context: ThreadContext): void {
    this.cache.set(`thread:${thread}`, context);
    if (messageId) this.cache.set(`message:${thread}:${messageId}`, context);
  }

  /** The context of the message replied to when known, else the thread's latest. */
  recall(thread: string, replyToId: string | undefined): ThreadContext | undefined {
    return (replyToId ? this.cache.get(`message:${thread}:${replyToId}`) : undefined) ?? this.cache.get(`thread:${thread}`);
  }
}
