import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import type { RequestContext } from '../../src/core/request.js';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { sharedStoreBackends } from '../doubles/shared-store.js';
import { engineAt, startHarness, teamsMessage, TeamsRun, type Harness } from './teams-harness.js';

const THREAD = '19:general@thread.tacv2;messageid=1001';

/** The real engine, recording each request and the reply it gave. */
class ReplyRecorder {
  readonly asked: Array<{ text: string; request: RequestContext; reply: Reply }> = [];
  private readonly engine = engineAt();
  async answerText(text: string, request: RequestContext = {}): Promise<Reply> {
    const reply = await this.engine.answerText(text, request);
    this.asked.push({ text, request, reply });
    return reply;
  }
}

const run = new TeamsRun();
afterEach(() => run.stop());

describe.each(sharedStoreBackends)('the Teams bot on a $name store', (backend) => {
  async function setup(copies: number, engine = new ReplyRecorder()) {
    const db = await backend.create();
    run.databases.push(db);
    const connector = (run.connector = new FakeBotConnector());
    await connector.start();
    const bots: Harness[] = [];
    for (let i = 0; i < copies; i++) bots.push(await startHarness({ engine, connector, store: await db.connect() }));
    run.bots.push(...bots);
    return { db, bots, engine, connector };
  }

  it('after a restart, answers a follow-up typed in a channel thread in the brief\'s context', async () => {
    const { db, bots, engine, connector } = await setup(1);
    const [h] = bots as [Harness];
    const channel = { serviceUrl: connector.url, conversationType: 'channel' as const, conversationId: THREAD, mention: true };
    expect((await h.post(teamsMessage('status', { ...channel, id: '1001' }))).status).toBe(200);

    await h.restart(await db.connect()); // a new process: a new adapter, server and memory, the same database
    expect((await h.post(teamsMessage('how many of them are Kenyan?', { ...channel, id: '1002', replyToId: '1001' }))).status).toBe(200);
    expect(engine.asked[1]).toMatchObject({ text: 'how many of them are Kenyan?', request: { thread: { kind: 'status' } } });
    expect(connector.delivered.map((c) => [c.conversationId, c.replyToId])).toEqual([
      [THREAD, '1001'],
      [THREAD, '1002'],
    ]);

    // Another thread of the channel has no context, restart or not.
    await h.post(teamsMessage('who leads the mission?', { ...channel, conversationId: '19:general@thread.tacv2;messageid=2001', id: '2001' }));
    expect(engine.asked[2]?.request.thread).toBeUndefined();
  });

  it('after a restart, reads a reply to one of its messages in that message\'s context, and other messages in the latest', async () => {
    const { db, bots, engine, connector } = await setup(1);
    const [h] = bots as [Harness];
    const chat = { serviceUrl: connector.url };
    await h.post(teamsMessage('proposals', chat));
    const proposalsCard = connector.delivered[0]?.activity;
    await h.post(teamsMessage('dates', chat));
    expect(connector.delivered).toHaveLength(2);
    const proposalsMessageId = 'bot-message-1'; // the fake connector's id for the first message the bot posted
    expect(proposalsCard).toBeDefined();

    await h.restart(await db.connect());
    await h.post(teamsMessage('what happens next?', chat));
    await h.post(teamsMessage('which one did Kenya back?', { ...chat, replyToId: proposalsMessageId }));
    expect(engine.asked.slice(2).map((a) => a.request.thread)).toEqual([{ kind: 'dates' }, { kind: 'proposals' }]);
  });

  it('on two copies, reads a follow-up in the context of the thread\'s latest reply, whichever copy posted it', async () => {
    const { bots, engine, connector } = await setup(2);
    const [a, b] = bots as [Harness, Harness];
    const channel = { serviceUrl: connector.url, conversationType: 'channel' as const, conversationId: THREAD, mention: true };
    await a.post(teamsMessage('status', { ...channel, id: '1001' }));
    await b.post(teamsMessage('how many of them are Kenyan?', { ...channel, id: '1002', replyToId: '1001' }));
    const answer = engine.asked[1]?.reply.context;
    expect(engine.asked[1]?.request.thread).toEqual({ kind: 'status' });
    expect(answer).toMatchObject({ kind: 'answer' });

    await a.post(teamsMessage('and who commands them?', { ...channel, id: '1003', replyToId: '1001' }));
    expect(engine.asked[2]?.request.thread).toEqual(answer);
  });

  it('answers an activity delivered to two copies at once only once', async () => {
    const { bots, connector } = await setup(2);
    const [a, b] = bots as [Harness, Harness];
    const activity = teamsMessage('status', { serviceUrl: connector.url, id: 'sent-twice' });
    const statuses = await Promise.all([a.post(activity), b.post(activity), a.post(activity), b.post(activity)]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    expect(connector.delivered.map((c) => c.replyToId)).toEqual(['sent-twice']);
    const duplicates = [...a.logger.events, ...b.logger.events].filter((e) => e.fields.event === 'teams.duplicate');
    expect(duplicates).toHaveLength(3);
    expect(duplicates.some((e) => e.fields.seenBy === 'the store')).toBe(true);

    expect((await b.post(activity)).status).toBe(200);
    expect(connector.delivered).toHaveLength(1);
  });

  it('releases an activity whose reply could not be delivered, so that its re-send to the other copy is answered', async () => {
    const { bots, connector } = await setup(2);
    const [a, b] = bots as [Harness, Harness];
    const activity = teamsMessage('dates', { serviceUrl: connector.url, id: 'lost-once' });
    connector.failNext(403);
    expect((await a.post(activity)).status).toBe(503);
    expect((await b.post(activity)).status).toBe(200);
    expect(connector.delivered.map((c) => c.replyToId)).toEqual(['lost-once']);

    expect((await a.post(activity)).status).toBe(200);
    expect(connector.delivered).toHaveLength(1);
    expect(a.logger.events.find((e) => e.fields.event === 'teams.duplicate')?.fields).toMatchObject({ seenBy: 'the store' });
  });
});
