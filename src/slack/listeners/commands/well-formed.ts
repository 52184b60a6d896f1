/** A request Slack would never send: answered 400, and the app keeps serving. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
  /** A stable code, so Bolt passes the error on as it is (it wraps errors without one). */
  readonly code = 'haiti_malformed_payload';
}

const text = (v: unknown): boolean => typeof v === 'string';
const id = (v: unknown): boolean => typeof v === 'string' && /^[A-Z0-9]+$/i.test(v);

/**
 * Throws on a slash-command payload that lacks what every real one has. Called before the ack, so the
 * HTTP receiver answers 400 (see the app's processEventErrorHandler).
 */
export function assertWellFormedCommand(body: Record<string, unknown>): void {
  const missing = (['text', 'channel_id', 'user_id', 'response_url'] as const).filter((k) =>
    k === 'channel_id' || k === 'user_id' ? !id(body[k]) : !text(body[k]),
  );
  if (typeof body.response_url === 'string' && !/^https?:\/\//.test(body.response_url)) missing.push('response_url');
  if (missing.length > 0) throw new MalformedPayloadError(`slash command payload without a valid ${missing.join(', ')}`);
}
