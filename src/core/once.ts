import type { ChatPlatform, EventClaimStore } from './chat-state.js';
import type { Clock, Logger } from './ports.js';

/** How long a "done once" mark lasts: for good, as far as a chat is concerned. */
const FOR_GOOD_MS = 100 * 365 * 86_400_000;

/**
 * Work done once per key (a welcome per conversation, a button's work per message), shared by every copy of
 * the bot on one store: the first caller wins the key with one atomic claim in the store (the claimed event
 * ids' table, under a "once:" prefix), every later caller, on any copy, is told it was done. Without a store
 * the marks live in this process.
 */
export class OnceClaims {
  private readonly local = new Set<string>();

  constructor(private readonly options: { platform: ChatPlatform; clock: Clock; logger: Logger; store?: EventClaimStore | undefined }) {}

  /** True for the one caller that gets to do the work for `key`. */
  async first(key: string): Promise<boolean> {
    const { store, platform, clock, logger } = this.options;
    if (!store) {
      if (this.local.has(key)) return false;
      this.local.add(key);
      return true;
    }
    const now = clock.now();
    try {
      return await store.claimEvent(platform, `once:${key}`, now, new Date(now.getTime() + FOR_GOOD_MS));
    } catch (error) {
      logger.warn({ event: `${platform}.once.claim_failed`, key, error: error instanceof Error ? error.message : String(error) }, 'the store could not claim the work: not doing it, to avoid doing it twice');
      return false;
    }
  }

  /** Gives a key back when its work could not be done, so a later attempt does it. */
  async release(key: string): Promise<void> {
    this.local.delete(key);
    await this.options.store?.releaseEvent(this.options.platform, `once:${key}`).catch(() => undefined);
  }
}
