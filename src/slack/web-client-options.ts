import { webApi } from '@slack/bolt';
import type { Logger } from '../core/ports.js';
import { boltLogger } from './bolt-logger.js';

/** How Web API calls are retried on rate limits (after Retry-After), 5xx answers and network errors. */
export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** A user waits for the answer: a few quick retries, then a logged failure. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 4, minTimeoutMs: 1000, maxTimeoutMs: 15_000 };

/**
 * The Web API client's options: our base URL, logger and retry policy. The client itself waits out a 429's
 * Retry-After before retrying; `rejectRateLimitedCalls` makes it fail at once instead (for callers that
 * schedule their own retries, like the reminders).
 */
export function webClientOptions(
  apiUrl: string,
  logger: Logger,
  retry: RetryPolicy = DEFAULT_RETRY,
  rejectRateLimitedCalls = false,
): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger: boltLogger(logger),
    retryConfig: { retries: retry.retries, factor: 2, minTimeout: retry.minTimeoutMs, maxTimeout: retry.maxTimeoutMs, randomize: true },
    rejectRateLimitedCalls,
    timeout: 10_000,
  };
}
