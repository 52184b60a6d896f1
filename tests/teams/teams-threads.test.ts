import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, RecordingEngine, startHarness, teamsMessage, type Harness } from './teams-harness.js';

const THREAD = '19:general@thread.tacv2;messageid=1001';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('follow-ups in a Teams thread are read in the context of the bot\'s brief', () => {
  it('answers a reply in a channel thread in that thread, in the brief\'s context', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    const channel = { serviceUrl: h.connector.url, conversationType: 'channel' as const, conversationId: THREAD, mention: true };
    expect((await h.post(teamsMessage('status', { ...channel, id: '1001' }))).status).toBe(200);
    expect((await h.post(teamsMessage('how many of them are Kenyan?', { ...channel, id: '1002', replyToId: '1001' }))).status).toBe(200);

    expect(engine.requests.map((r) => r.text)).toEqual(['status', 'how many of them are Kenyan?']);
    expect(engine.requests[0]?.request.thread).toBeUndefined();
    expect(engine.requests[1]?.request.thread).toEqual({ kind: 'status' });
    expect(h.connector.calls.map((c) => [c.kind, c.conversationId, c.replyToId])).toEqual([
      ['reply', THREAD, '1001'],
      ['reply', THREAD, '1002'],
    ]);
  });

  it('does not carry a thread\'s context into another thread or a new post', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    const channel = { serviceUrl: h.connector.url, conversationType: 'channel' as const, mention: true };
    await h.post(teamsMessage('dates', { ...channel, conversationId: THREAD, id: '1001' }));
    await h.post(teamsMessage('who leads the mission?', { ...channel, conversationId: '19:general@thread.tacv2;messageid=2001', id: '2001' }));
    expect(engine.requests[1]?.request.thread).toBeUndefined();
  });

  it('reads a follow-up in a personal chat in the context of the bot\'s last brief there', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    await h.post(teamsMessage('proposals', { serviceUrl: h.connector.url }));
    await h.post(teamsMessage('which one did Kenya back?', { serviceUrl: h.connector.url }));
    expect(engine.requests[1]?.request.thread).toEqual({ kind: 'proposals' });
  });

  it('reads only a question in its thread\'s context: a brief typed there is not looked up in it', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    await h.post(teamsMessage('proposals', { serviceUrl: h.connector.url }));
    await h.post(teamsMessage('status', { serviceUrl: h.connector.url }));
    await h.post(teamsMessage('who backed it?', { serviceUrl: h.connector.url }));
    expect(engine.requests.map((r) => r.request.thread)).toEqual([undefined, undefined, { kind: 'status' }]);
  });

  it('after a restart, answers the card\'s follow-up box in the brief\'s context, which the card carries', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    const channel = { serviceUrl: h.connector.url, conversationType: 'channel' as const, conversationId: THREAD };
    await h.post(teamsMessage('status', { ...channel, id: '1001', mention: true }));
    const card = cardOf(h.connector.calls[0]);
    const askButton = card.actions?.find((a) => a.title === 'Ask');
    expect(askButton).toBeDefined();

    await h.restart();
    // Teams sends the button's data merged with the card's inputs, as a message replying to the card.
    const value = { ...askButton!.data, question: 'how many of them are Kenyan?' };
    const res = await h.post(teamsMessage('', { ...channel, id: '1003', replyToId: 'bot-message-1', value }));
    expect(res.status).toBe(200);
    expect(engine.requests[1]).toMatchObject({ text: 'ask how many of them are Kenyan?', request: { thread: { kind: 'status' } } });
    expect(h.connector.calls[1]).toMatchObject({ kind: 'reply', conversationId: THREAD, replyToId: '1003' });
  });

  it('ignores a card action that is not one of its own', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    const res = await h.post(teamsMessage('', { serviceUrl: h.connector.url, value: { somethingElse: true } }));
    expect(res.status).toBe(200);
    expect(engine.requests).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
  });
});
