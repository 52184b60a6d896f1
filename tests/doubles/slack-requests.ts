import { createHmac } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID, APP_ID } from './fake-slack-api.js';

/** Slack's request signature headers for a raw body: v0 HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlashCommand {
  text: string;
  channel?: string;
  channelName?: string;
  user?: string;
  userName?: string;
  responseUrl: string;
}

/** A slash command's form body, field for field as Slack sends it. */
export function commandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'haiti-test',
    channel_id: c.channel ?? 'C0BRIEFS',
    channel_name: c.channelName ?? 'briefs',
    user_id: c.user ?? 'U0ANALYST',
    user_name: c.userName ?? 'analyst',
    command: '/haiti',
    text: c.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: '1234567890.123456.abcdef',
  }).toString();
}

/** An Events API callback's JSON body, as Slack sends it. */
export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  });
}

export interface Sent {
  status: number;
  text: string;
  /** Milliseconds from sending the request to the end of the response. */
  ms: number;
}

/** POSTs a body to the app, signed unless told otherwise, with any extra headers (X-Slack-Retry-Num...). */
export async function postToApp(
  url: string,
  body: string,
  options: { secret: string; contentType: string; headers?: Record<string, string>; timestamp?: number; sign?: boolean },
): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType,
      ...(options.sign === false ? {} : signatureHeaders(options.secret, body, options.timestamp)),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** A `block_actions` payload's form body, as Slack sends it when someone presses a button on a message. */
export function blockActionBody(a: { user: string; channel: string; messageTs: string; threadTs?: string; actionId: string; value: string; responseUrl: string }): string {
  const payload = {
    type: 'block_actions',
    user: { id: a.user, username: 'someone', name: 'someone', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: a.messageTs, channel_id: a.channel, is_ephemeral: false, ...(a.threadTs ? { thread_ts: a.threadTs } : {}) },
    trigger_id: '1234567890.123456.abcdef',
    team: { id: TEAM_ID, domain: 'haiti-test' },
    channel: { id: a.channel, name: 'briefs' },
    message: { type: 'message', ts: a.messageTs, user: 'U0HAITIBOT', bot_id: 'B0HAITIBOT', text: 'brief', ...(a.threadTs ? { thread_ts: a.threadTs } : {}) },
    response_url: a.responseUrl,
    actions: [{ type: 'button', action_id: a.actionId, block_id: 'haiti_actions', text: { type: 'plain_text', text: 'x' }, value: a.value, action_ts: '1750000000.000001' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
