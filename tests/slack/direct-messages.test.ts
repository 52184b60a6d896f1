import { afterEach, describe, expect, it } from 'vitest';
import { DM_HINT } from '../../src/slack/listeners/commands/haiti-command.js';
import { BOT_USER_ID } from '../doubles/fake-slack-api.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
  h = undefined;
});

const DM = 'D0JANEBOT';
let seq = 0;
const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message', channel: DM, channel_type: 'im', user: 'U0JANE', text, ts: `1760000000.${String(++seq).padStart(6, '0')}`, event_ts: '1', ...extra,
});

describe('direct messages with the bot (message.im)', () => {
  it('answers every message there, without a mention or a question mark, in the conversation', async () => {
    h = await startHarness();
    const res = await h.event(dm('funding'), 'EvDM1');
    expect(res.status).toBe(200);
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(post.body.channel).toBe(DM);
    expect(post.body.thread_ts).toBeUndefined();
    expect(h.engine.requests[0]).toMatchObject({ text: 'funding', request: { channel: { platform: 'slack', id: DM }, user: { id: 'U0JANE' } } });
    await h.logs.waitFor((l) => l.event === 'slack.dm' && l.outcome === 'answered');
  });

  it('reads a follow-up in the context of the bot’s latest reply there, like a thread question', async () => {
    h = await startHarness();
    await h.event(dm('status'), 'EvDM2');
    await h.logs.waitFor((l) => l.event === 'slack.dm' && l.outcome === 'answered');
    await h.event(dm('how many of them are Kenyan?'), 'EvDM3');
    await h.logs.waitFor((l) => l.event === 'slack.dm' && l.outcome === 'answered' && l.event_id === 'EvDM3');
    expect(h.engine.requests[1]).toMatchObject({ text: 'how many of them are Kenyan?', request: { thread: { kind: 'status' } } });
  });

  it('answers a message in a DM thread in that thread, and ignores its own messages and edits there', async () => {
    h = await startHarness();
    await h.event(dm('dates'), 'EvDM4');
    const first = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    const root = String(first.response.ts);
    await h.event(dm('what is next?', { thread_ts: root }), 'EvDM5');
    const inThread = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === root);
    expect(inThread.body.channel).toBe(DM);
    expect(h.engine.requests[1]?.request.thread).toEqual({ kind: 'dates' });
    await h.event(dm('status', { user: BOT_USER_ID, bot_id: 'B0HAITIBOT' }), 'EvDM6');
    await h.event(dm('status', { subtype: 'message_changed' }), 'EvDM7');
    await h.event(dm('status'), 'EvDM5'); // a retry of an event already answered
    await h.event(dm('help'), 'EvDM8');
    await h.logs.waitFor((l) => l.event === 'slack.dm' && l.event_id === 'EvDM8' && l.outcome === 'answered');
    expect(h.engine.requests.map((r) => r.text)).toEqual(['dates', 'what is next?', 'help']);
  });

  it('in a DM between two people, says what can be done there instead of /invite', async () => {
    h = await startHarness();
    h.fake.leave('D0PEOPLE');
    await h.command({ text: 'status', channel: 'D0PEOPLE', channelName: 'directmessage' });
    const hint = await h.fake.waitFor((c) => c.method === 'response_url' && c.body.text === DM_HINT);
    expect(hint.body.response_type).toBe('ephemeral');
    expect(DM_HINT).not.toContain('/invite');
    const shown = h.fake.callsTo('response_url').filter((c) => c.body.response_type === 'in_channel');
    expect(shown.length).toBeGreaterThan(0);
  });
});
