import { webApi } from '@slack/bolt';

/** What went wrong with a Slack call, in words fit for a log line (never the token or the request body). */
export interface SlackFailure {
  /** Slack's error code (`not_in_channel`), `http_503`, `rate_limited`, `network` or `unknown`. */
  code: string;
  /** Whether trying again later may succeed. */
  retryable: boolean;
  /** How long Slack asked us to wait, when it said. */
  retryAfterMs?: number;
  /** For errors that are none of the above: their message, with anything shaped like a token blanked out. */
  detail?: string;
}

/** Slack tokens (xoxb-, xoxp-, xapp-, ...) wherever they appear in a text. */
const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** The text with anything shaped like a Slack token blanked out, fit for a log line. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN, '[redacted]');
}

/** Platform errors that say "try again later" rather than "this will never work". */
const TRANSIENT_CODES = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Classifies an error thrown by the Web API client or by `respond()`. */
export function describeSlackError(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIPlatformError) {
    return { code: error.data.error, retryable: TRANSIENT_CODES.has(error.data.error) };
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { code: 'rate_limited', retryable: true, retryAfterMs: error.retryAfter * 1000 };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return { code: `http_${error.statusCode}`, retryable: error.statusCode >= 500 || error.statusCode === 429 };
  }
  if (error instanceof webApi.WebAPIRequestError) return { code: 'network', retryable: true };
  const message = error instanceof Error ? error.message : String(error);
  // The client's own retries ran out on 429s: its last error is a plain Error naming the Retry-After.
  const limited = /rate limit was exceeded.*retry-after: (\d+)/i.exec(message);
  if (limited) return { code: 'rate_limited', retryable: true, retryAfterMs: Number(limited[1]) * 1000 };
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') return { code: `http_${status}`, retryable: status >= 500 || status === 429 };
  return { code: 'unknown', retryable: false, detail: redactTokens(message).slice(0, 300) };
}

/** Slack's answers when the bot cannot post in a channel it is not a member of. */
export function isNotInChannel(failure: SlackFailure): boolean {
  return failure.code === 'not_in_channel' || failure.code === 'channel_not_found';
}
