import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../../core/ports.js';

export interface EventDedupeOptions {
  max?: number;
  /** Slack retries for about five minutes; an hour leaves room. */
  ttlMs?: number;
}

/**
 * Drops a retried delivery (X-Slack-Retry-Num) of an event this process has already taken, by its event_id.
 * Bolt itself runs every retry again; dropping all retries would lose events whose first delivery never
 * arrived, so only the ids seen are dropped. An event the listener failed to take (it threw) is forgotten,
 * so a retry may answer it.
 */
export function eventDedupe(logger: Logger, options: EventDedupeOptions = {}): Middleware<AnyMiddlewareArgs> {
  const taken = new LRUCache<string, true>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 3_600_000 });
  return async ({ body, context, next }) => {
    const id = body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (!id) return next();
    if (taken.has(id)) {
      logger.info(
        { event: 'slack.event.duplicate', event_id: id, retry_num: context.retryNum, retry_reason: context.retryReason },
        'a retried delivery of an event already taken was dropped',
      );
      return;
    }
    taken.set(id, true);
    try {
      await next();
    } catch (error) {
      taken.delete(id);
      throw error;
    }
  };
}
