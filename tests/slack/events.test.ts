import { afterEach, describe, expect, it } from 'vitest';
import { BOT_ID, BOT_USER_ID, FakeSlackApi, type RecordedCall } from '../doubles/fake-slack-api.js';
import { startHarness, type Harness } from './harness.js';

const CHANNEL = 'C0BRIEFS';
let running: Harness[] = [];
let fake: FakeSlackApi | undefined;

async function harness(): Promise<Harness> {
  fake ??= await FakeSlackApi.start();
  const h = await startHarness({ fake });
  running.push(h);
  return h;
}

afterEach(async () => {
  for (const h of running) await h.stop();
  running = [];
  await fake?.close();
  fake = undefined;
});

let ids = 0;
const eventId = (): string => `Ev0${++ids}TEST`;
const isPost = (c: RecordedCall): boolean => c.method === 'chat.postMessage';

/** A person's message as Slack sends it in a message event (and stores it, so threads can be read back). */
function personSays(h: Harness, text: string, threadTs?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = h.fake.nextTs();
  h.fake.seed(CHANNEL, { ts, user: 'U0JANE', text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  return { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0JANE', text, ts, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}), ...extra };
}

function mention(h: Harness, text: string, threadTs?: string): Record<string, unknown> {
  return { ...personSays(h, `<@${BOT_USER_ID}> ${text}`, threadTs), type: 'app_mention' };
}

/** Posts a brief with /haiti and returns the ts of the bot's message (the thread's parent). */
async function briefInChannel(h: Harness, text: string): Promise<string> {
  const before = h.fake.callsTo('chat.postMessage').length;
  await h.command({ text });
  const post = await h.fake.waitFor((c) => isPost(c) && !c.body.thread_ts && h.fake.callsTo('chat.postMessage').indexOf(c) >= before);
  return String(post.response.ts);
}

describe('mentions and thread follow-ups, through the real Bolt app', () => {
  it('answers `@Haiti Brief <command>` in a thread under the mention', async () => {
    const h = await harness();
    const event = mention(h, 'status');
    const sent = await h.event(event, eventId());
    expect(sent.status).toBe(200);
    const post = await h.fake.waitFor(isPost);
    expect(post.body).toMatchObject({ channel: CHANNEL, thread_ts: event.ts, metadata: { event_type: 'haiti_brief_reply', event_payload: { kind: 'status' } } });
    expect(post.body.blocks[0].text.text).toBe("Haiti's security mission: where it stands");
    expect(h.engine.requests[0]).toEqual({ text: 'status', request: { channel: { platform: 'slack', id: CHANNEL }, user: { id: 'U0JANE' } } });
  });

  it('answers help asked by mention to the asker only, in the thread', async () => {
    const h = await harness();
    const event = mention(h, 'help');
    await h.event(event, eventId());
    const shown = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(shown.body).toMatchObject({ channel: CHANNEL, user: 'U0JANE', thread_ts: event.ts });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers a message in the thread of a brief, in that thread and in the brief’s context', async () => {
    const h = await harness();
    const parent = await briefInChannel(h, 'status');
    await h.event(personSays(h, 'how many of them are Kenyan?', parent), eventId());
    const answer = await h.fake.waitFor((c) => isPost(c) && c.body.thread_ts === parent);
    expect(answer.body.channel).toBe(CHANNEL);
    expect(h.engine.requests[1]).toEqual({
      text: 'ask how many of them are Kenyan?',
      request: { channel: { platform: 'slack', id: CHANNEL }, user: { id: 'U0JANE' }, thread: { kind: 'status' } },
    });
    expect(h.fake.callsTo('conversations.replies')).toHaveLength(0); // known from the post itself
  });

  it('answers "what are your sources?" in the thread of a brief with the sources', async () => {
    const h = await harness();
    const parent = await briefInChannel(h, 'status');
    await h.event(personSays(h, 'what are your sources?', parent), eventId());
    const answer = await h.fake.waitFor((c) => isPost(c) && c.body.thread_ts === parent);
    expect(String(answer.body.text)).toMatch(/^Sources behind every answer/);
  });

  it('answers a follow-up in context after a restart, reading the parent’s metadata back from Slack', async () => {
    const first = await harness();
    const parent = await briefInChannel(first, 'proposals');
    await first.stop();
    running = running.filter((x) => x !== first);

    const second = await harness(); // a new process: empty cache, same Slack
    await second.event(personSays(second, 'which one did Kenya back?', parent), eventId());
    const answer = await second.fake.waitFor((c) => isPost(c) && c.body.thread_ts === parent);
    expect(answer.body.channel).toBe(CHANNEL);
    const read = second.fake.callsTo('conversations.replies');
    expect(read).toHaveLength(1);
    expect(read[0]?.body).toMatchObject({ channel: CHANNEL, ts: parent, include_all_metadata: 'true' });
    expect(second.engine.requests[0]?.request.thread).toEqual({ kind: 'proposals' });
  });

  it('answers a follow-up under an earlier answer in that answer’s context, even after a restart', async () => {
    const first = await harness();
    const parent = await briefInChannel(first, 'ask who pays for the mission?');
    const posted = first.fake.callsTo('chat.postMessage').find((c) => !c.body.thread_ts);
    const context = posted?.body.metadata?.event_payload as { kind: string; id: string } | undefined;
    expect(context?.kind).toBe('answer');
    expect(context?.id.length).toBeGreaterThan(0);
    await first.stop();
    running = running.filter((x) => x !== first);

    const second = await harness();
    await second.event(personSays(second, 'how much did they give?', parent), eventId());
    await second.fake.waitFor((c) => isPost(c) && c.body.thread_ts === parent && second.engine.requests.length > 0);
    expect(second.engine.requests[0]?.request.thread).toEqual(context);
  });

  it('after a restart, finds the context of a thread the bot joined by a mention (its first reply there)', async () => {
    const first = await harness();
    const start = mention(first, 'dates');
    await first.event(start, eventId());
    await first.fake.waitFor((c) => isPost(c) && c.body.thread_ts === start.ts);
    await first.stop();
    running = running.filter((x) => x !== first);

    const second = await harness();
    await second.event(personSays(second, 'what happens next?', String(start.ts)), eventId());
    await second.fake.waitFor((c) => isPost(c) && c.body.thread_ts === start.ts && second.engine.requests.length > 0);
    expect(second.engine.requests[0]?.request.thread).toEqual({ kind: 'dates' });
  });

  it('ignores its own messages, other bots, subtypes, messages outside threads and threads that are not its own', async () => {
    const h = await harness();
    const parent = await briefInChannel(h, 'status');
    const stranger = personSays(h, 'lunch?');
    const cases: [string, Record<string, unknown>, string][] = [
      ['own message', { ...personSays(h, 'x', parent), user: BOT_USER_ID, bot_id: BOT_ID }, 'own message'],
      ['another bot', { ...personSays(h, 'x', parent), bot_id: 'B0OTHER', user: 'U0OTHERBOT' }, 'a bot message'],
      ['an edit', { ...personSays(h, 'x', parent), subtype: 'message_changed' }, 'subtype message_changed'],
      ['a join', { ...personSays(h, 'x', parent), subtype: 'channel_join' }, 'subtype channel_join'],
      ['not in a thread', personSays(h, 'status'), 'not in a thread'],
      ['someone else’s thread', personSays(h, 'who pays for it?', String(stranger.ts)), 'not one of the bot’s threads'],
    ];
    for (const [what, event, reason] of cases) {
      const id = eventId();
      await h.event(event, id);
      const line = await h.logs.waitFor((l) => l.event_id === id);
      expect(line, what).toMatchObject({ outcome: 'ignored', reason });
    }
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1); // the brief only
    expect(h.engine.requests).toHaveLength(1);
  });

  it('answers a mention inside a brief’s thread once, in the brief’s context', async () => {
    const h = await harness();
    const parent = await briefInChannel(h, 'status');
    const said = personSays(h, `<@${BOT_USER_ID}> who leads it?`, parent);
    const messageId = eventId();
    await h.event(said, messageId); // Slack sends the message event...
    await h.event({ ...said, type: 'app_mention' }, eventId()); // ...and the app_mention event
    await h.fake.waitFor((c) => isPost(c) && c.body.thread_ts === parent);
    expect(await h.logs.waitFor((l) => l.event_id === messageId)).toMatchObject({ reason: 'mentions the bot (answered as a mention)' });
    expect(h.engine.requests.slice(1)).toEqual([
      { text: 'who leads it?', request: { channel: { platform: 'slack', id: CHANNEL }, user: { id: 'U0JANE' }, thread: { kind: 'status' } } },
    ]);
  });

  it('does not answer a retried delivery of an event it handled, but answers a retry whose first delivery never came', async () => {
    const h = await harness();
    const event = mention(h, 'dates');
    const id = eventId();
    await h.event(event, id);
    await h.logs.waitFor((l) => l.event_id === id && l.outcome === 'answered');
    const retry = await h.event(event, id, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    expect(await h.logs.waitFor((l) => l.event === 'slack.event.duplicate')).toMatchObject({ event_id: id, retry_num: 1, retry_reason: 'http_timeout' });

    const missed = mention(h, 'status');
    const missedId = eventId();
    await h.event(missed, missedId, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' });
    await h.logs.waitFor((l) => l.event_id === missedId && l.outcome === 'answered');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.body.thread_ts)).toEqual([event.ts, missed.ts]);
  });
});
