import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { upTo } from '../../../lru-count.js';
import type { SharedEventClaims } from '../../../core/event-claims.js';
import type { Logger } from '../../../core/ports.js';

export interface EventDedupeOptions {
  max?: number;
  /** Slack retries for about five minutes; an hour leaves room. */
  ttlMs?: number;
  /** The claims shared by every copy of the app (the store); without them, this process's memory only. */
  shared?: SharedEventClaims;
}

/** An event's claim in the store shared by every copy of the app. */
export interface EventClaim {
  /** Claims the event (once; later calls give the same answer): false when another copy holds it (logged). */
  take(): Promise<boolean>;
  /** Gives the event back, when its answer failed before anything was sent: a later retry then answers it. */
  release(): Promise<void>;
  /** Marks the event answered, so deliveries after the claim's short lease are still dropped. */
  done(): Promise<void>;
}

/** Where the middleware leaves the event's claim in Bolt's context. */
const CLAIM = 'haitiBriefEventClaim';

const UNCLAIMED: EventClaim = { take: async () => true, release: async () => undefined, done: async () => undefined };

/** The claim on the event being handled (one that always wins outside an event, or without the middleware). */
export function eventClaim(context: Record<string, unknown>): EventClaim {
  const claim = context[CLAIM] as EventClaim | undefined;
  return claim ?? UNCLAIMED;
}

/**
 * Drops a retried delivery (X-Slack-Retry-Num) of an event already taken, by its event_id: by this process
 * (its memory answers first, here) or by another copy of the app (the store's claim decides, when a listener
 * is about to answer: Slack sends many events the app ignores, and those cost no write). Bolt itself runs
 * every retry again; dropping all retries would lose events whose first delivery never arrived, so only the
 * ids taken are dropped. An event the listener failed to take (it threw), or whose answer failed before
 * anything was sent, is released, so a retry may answer it.
 */
export function eventDedupe(logger: Logger, options: EventDedupeOptions = {}): Middleware<AnyMiddlewareArgs> {
  const taken = new LRUCache<string, true>({ ...upTo(options.max ?? 10_000), ttl: options.ttlMs ?? 3_600_000 });
  const { shared } = options;
  return async ({ body, context, next }) => {
    const id = body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (!id) return next();
    const duplicate = (seenBy: string): void =>
      logger.info(
        { event: 'slack.event.duplicate', event_id: id, retry_num: context.retryNum, retry_reason: context.retryReason, seen_by: seenBy },
        'a retried delivery of an event already taken was dropped',
      );
    if (taken.has(id)) return duplicate('this process');
    taken.set(id, true);
    let held: Promise<boolean> | undefined;
    const claim: EventClaim = {
      take: () =>
        (held ??= (async () => {
          if (!shared || (await shared.claim(id))) return true;
          taken.delete(id); // the copy that holds it may yet release it: ask the store again next time
          duplicate('the store');
          return false;
        })()),
      release: async () => {
        taken.delete(id);
        if (held && (await held)) await shared?.release(id);
      },
      done: async () => {
        if (held && (await held)) await shared?.handled(id);
      },
    };
    context[CLAIM] = claim;
    try {
      await next();
    } catch (error) {
      await claim.release();
      throw error;
    }
  };
}
