import { HANDLED_EVENT_KEEP_MS, HANDLING_LEASE_MS, type ChatPlatform, type EventClaimStore } from './chat-state.js';
import type { Clock, Logger } from './ports.js';

export interface SharedEventClaimsOptions {
  platform: ChatPlatform;
  store: EventClaimStore;
  clock: Clock;
  logger: Logger;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * One platform's event claims in the shared store. When the store cannot be reached the event is handled
 * anyway, and the failure logged: answering a repeated delivery twice is better than answering none.
 */
export class SharedEventClaims {
  constructor(private readonly options: SharedEventClaimsOptions) {}

  /** True when this copy of the bot should handle the event: it won the claim, or the store failed. */
  async claim(id: string): Promise<boolean> {
    const { platform, store, clock, logger } = this.options;
    const now = clock.now();
    try {
      return await store.claimEvent(platform, id, now, new Date(now.getTime() + HANDLING_LEASE_MS));
    } catch (error) {
      logger.warn(
        { event: `${platform}.event.claim_failed`, event_id: id, error: reason(error) },
        'the store could not claim the event: it is handled here, and another copy of the bot may handle it too',
      );
      return true;
    }
  }

  /** Marks the event answered: later deliveries are dropped for HANDLED_EVENT_KEEP_MS. A failure is logged. */
  async handled(id: string): Promise<void> {
    const { platform, store, clock, logger } = this.options;
    try {
      await store.confirmEvent(platform, id, new Date(clock.now().getTime() + HANDLED_EVENT_KEEP_MS));
    } catch (error) {
      logger.warn(
        { event: `${platform}.event.confirm_failed`, event_id: id, error: reason(error) },
        'the store could not mark the event answered: a delivery after its lease may be answered again',
      );
    }
  }

  /** Gives the claim back, so a later delivery of the event is handled; a failure is logged. */
  async release(id: string): Promise<void> {
    const { platform, store, logger } = this.options;
    try {
      await store.releaseEvent(platform, id);
    } catch (error) {
      logger.warn(
        { event: `${platform}.event.release_failed`, event_id: id, error: reason(error) },
        'the store could not release the claim: a later delivery of the event will not be answered until the claim expires',
      );
    }
  }
}
