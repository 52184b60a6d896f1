import { SendError } from '../core/ports.js';

interface HttpFailure {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

/** Retry-After as milliseconds: seconds, or an HTTP date (counted from `now`). */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Turns a failed call to the Bot Connector into a SendError: rate limits (429), timeouts (408) and server
 * errors (5xx) may succeed later; other statuses will not (403: the bot was removed; 404: the conversation is
 * gone). A failure with no status (network, token service) is worth retrying. The message carries the status
 * and the error code, never the request (it holds the bearer token).
 */
export function toSendError(error: unknown, now: Date): SendError {
  if (error instanceof SendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined) {
    const code = typeof e.code === 'string' ? ` (${e.code})` : '';
    const message = typeof e.message === 'string' ? e.message.slice(0, 200) : String(error).slice(0, 200);
    return new SendError(`could not reach the Bot Connector${code}: ${message}`, true);
  }
  if (status === 429 || status === 408 || status >= 500) {
    const wait = retryAfterMs(e.response?.headers?.get?.('retry-after'), now);
    return new SendError(`the Bot Connector answered HTTP ${status}; try again later`, true, wait);
  }
  const why =
    status === 403
      ? ': the bot is no longer a member of the conversation'
      : status === 404
        ? ': the conversation no longer exists'
        : status === 401
          ? ': the bot\'s credentials were refused (check MicrosoftAppId and MicrosoftAppPassword)'
          : '';
  return new SendError(`the Bot Connector refused the message with HTTP ${status}${why}`, false);
}
