import type { Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { Reply } from '../core/reply.js';
import type { ThreadContext } from '../core/request.js';

export interface CachedReply {
  reply: Reply;
  activities: Partial<Activity>[];
}

export interface ReplyCacheOptions {
  /** How long a reply is reused, in milliseconds (default 5 s). */
  ttlMs?: number;
  max?: number;
}

/**
 * A few seconds of memory for replies and their rendered cards: when a channel asks for the same brief again
 * (a busy channel, a retry), the bot answers at once instead of building and rendering it again. Keyed by the
 * exact text and thread context. Replies that change state (remind) are never kept; the others depend only
 * on the text, the context and the time, which moves on by at most `ttlMs` while one is reused.
 */
export class ReplyCache {
  private readonly cache: LRUCache<string, CachedReply>;

  constructor(options: ReplyCacheOptions = {}) {
    this.cache = new LRUCache({ max: options.max ?? 500, ttl: options.ttlMs ?? 5_000 });
  }

  private static key(text: string, thread: ThreadContext | undefined): string {
    return `${thread ? JSON.stringify(thread) : '-'}\u0000${text}`;
  }

  get(text: string, thread: ThreadContext | undefined): CachedReply | undefined {
    return this.cache.get(ReplyCache.key(text, thread));
  }

  set(text: string, thread: ThreadContext | undefined, entry: CachedReply): void {
    if (entry.reply.kind === 'remind') return;
    this.cache.set(ReplyCache.key(text, thread), entry);
  }
}
