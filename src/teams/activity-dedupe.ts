import { LRUCache } from 'lru-cache';
import { upTo } from '../lru-count.js';
import type { SharedEventClaims } from '../core/event-claims.js';

export interface ActivityDedupeOptions {
  max?: number;
  ttlMs?: number;
  /** The claims shared by every copy of the bot (the store); without them, this process's memory only. */
  shared?: SharedEventClaims;
}

/** Why an activity is not taken: this process took it already, or another copy of the bot did (the store says). */
export type Duplicate = 'this process' | 'the store';

/**
 * The activities already taken, by conversation and activity id: Teams sends an activity again when the bot
 * was slow to answer, and the copy must not be answered twice, whichever copy of the bot it reaches. This
 * process's memory answers first, for the activities it took; the store's claim decides between copies. One whose handling failed before
 * anything was sent is released, so Teams' next attempt is answered.
 */
export class ActivityDedupe {
  private readonly seen: LRUCache<string, true>;

  constructor(private readonly options: ActivityDedupeOptions = {}) {
    this.seen = new LRUCache<string, true>({ ...upTo(options.max ?? 10_000), ttl: options.ttlMs ?? 3_600_000 });
  }

  // Teams' ids hold no line breaks.
  private static key(conversationId: string, activityId: string): string {
    return `${conversationId}\n${activityId}`;
  }

  /** Takes an activity: null the first time (it is now claimed), or why it is a copy. Activities without an id always pass. */
  async claim(conversationId: string, activityId: string | undefined): Promise<Duplicate | null> {
    if (!activityId) return null;
    const key = ActivityDedupe.key(conversationId, activityId);
    if (this.seen.has(key)) return 'this process';
    this.seen.set(key, true);
    const shared = this.options.shared;
    if (!shared || (await shared.claim(key))) return null;
    // Another copy holds it; it may yet release it, so the next copy asks the store again.
    this.seen.delete(key);
    return 'the store';
  }

  /** Marks an activity answered, so a re-send after the claim's short lease is still not answered twice. */
  async handled(conversationId: string, activityId: string | undefined): Promise<void> {
    if (!activityId) return;
    await this.options.shared?.handled(ActivityDedupe.key(conversationId, activityId));
  }

  /** Forgets an activity whose handling failed before anything was sent, so a retry of it is answered. */
  async release(conversationId: string, activityId: string | undefined): Promise<void> {
    if (!activityId) return;
    const key = ActivityDedupe.key(conversationId, activityId);
    this.seen.delete(key);
    await this.options.shared?.release(key);
  }
}
