import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock, SendError } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/logger.js';
import { createSlackSender, type SlackMessageSender } from '../../src/slack/slack-sender.js';
import { FakeSlackApi } from '../doubles/fake-slack-api.js';
import { LogLines } from '../doubles/log-lines.js';
import { BOT_TOKEN, FAST_RETRY, knowledge, NOW } from './harness.js';

let fake: FakeSlackApi;
let logs: LogLines;
let sender: SlackMessageSender;
let reply: Reply;

beforeEach(async () => {
  fake = await FakeSlackApi.start();
  logs = new LogLines();
  sender = createSlackSender({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl }, createLogger('info', logs), { retry: FAST_RETRY });
  reply = await new BriefingEngine(knowledge(), fixedClock(NOW)).answerText('dates');
});
afterEach(() => fake.close());

async function failure(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe('the Slack MessageSender (reminders)', () => {
  it('posts a new top-level message in Block Kit, with the reply’s context in its metadata', async () => {
    await sender.send({ platform: 'slack', id: 'C0SUBSCRIBED' }, reply);
    const [post] = fake.callsTo('chat.postMessage');
    expect(post?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post?.body).toMatchObject({ channel: 'C0SUBSCRIBED', metadata: { event_type: 'haiti_brief_reply', event_payload: { kind: 'dates' } } });
    expect(post?.body.thread_ts).toBeUndefined();
    expect(post?.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Key dates: what lies ahead, and the last twelve months' } });
  });

  it('reports a 429 at once as retryable, with Slack’s Retry-After', async () => {
    fake.script('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await failure(sender.send({ platform: 'slack', id: 'C0BUSY' }, reply));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await logs.waitFor((l) => l.event === 'slack.send_failed')).toMatchObject({ channel: 'C0BUSY', error: 'rate_limited', retryable: true, lost: reply.title });
  });

  it('retries 5xx with backoff, then reports them as retryable', async () => {
    fake.script('chat.postMessage', { status: 502 }, { status: 503 }, { status: 500 });
    const error = await failure(sender.send({ platform: 'slack', id: 'C0DOWN' }, reply));
    expect(error).toMatchObject({ retryable: true, message: 'Slack did not take the post to C0DOWN: http_500' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('recovers from one 5xx by itself', async () => {
    fake.script('chat.postMessage', { status: 503 });
    await sender.send({ platform: 'slack', id: 'C0FLAKY' }, reply);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 200]);
  });

  it('reports refusals that will not change as not retryable', async () => {
    fake.script('chat.postMessage', { error: 'channel_not_found' });
    expect(await failure(sender.send({ platform: 'slack', id: 'C0GONE' }, reply))).toMatchObject({ retryable: false });
    expect(await failure(sender.send({ platform: 'teams', id: '19:abc' }, reply))).toMatchObject({ retryable: false });
    for (const line of logs.raw) expect(line).not.toContain(BOT_TOKEN);
  });
});
