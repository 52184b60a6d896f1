import { LRUCache } from 'lru-cache';

/**
 * The activities already taken, by conversation and activity id: Teams sends an activity again when the bot
 * was slow to answer, and the copy must not be answered twice. One whose handling failed is forgotten, so
 * Teams' next attempt is answered.
 */
export class ActivityDedupe {
  private readonly seen: LRUCache<string, true>;

  constructor(options: { max?: number; ttlMs?: number } = {}) {
    this.seen = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 3_600_000 });
  }

  /** True the first time an activity is seen (and marks it); false for a copy. Activities without an id always pass. */
  claim(conversationId: string, activityId: string | undefined): boolean {
    if (!activityId) return true;
    const key = `${conversationId}\u0000${activityId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }

  /** Forgets an activity whose handling failed, so a retry of it is answered. */
  release(conversationId: string, activityId: string | undefined): void {
    if (activityId) this.seen.delete(`${conversationId}\u0000${activityId}`);
  }
}
