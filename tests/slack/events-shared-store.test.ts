import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID, FakeSlackApi, type RecordedCall } from '../doubles/fake-slack-api.js';
import { sharedStoreBackends, type SharedDatabase } from '../doubles/shared-store.js';
import { startHarness, type Harness } from './harness.js';

const CHANNEL = 'C0BRIEFS';
let running: Harness[] = [];
let databases: SharedDatabase[] = [];
let fake: FakeSlackApi | undefined;

afterEach(async () => {
  for (const h of running) await h.stop();
  for (const db of databases) await db.drop();
  await fake?.close();
  running = [];
  databases = [];
  fake = undefined;
});

let ids = 0;
const isPost = (c: RecordedCall): boolean => c.method === 'chat.postMessage';
const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

describe.each(sharedStoreBackends)('Slack events on a $name store shared by copies of the app', (backend) => {
  async function setup(copies: number): Promise<{ db: SharedDatabase; apps: Harness[]; fake: FakeSlackApi }> {
    const db = await backend.create();
    databases.push(db);
    fake = await FakeSlackApi.start();
    const apps: Harness[] = [];
    for (let i = 0; i < copies; i++) apps.push(await startHarness({ fake, store: await db.connect() }));
    running.push(...apps);
    return { db, apps, fake };
  }

  /** A mention as Slack sends it, with a fresh event id. */
  function mention(api: FakeSlackApi, text: string): { event: Record<string, unknown>; id: string } {
    const ts = api.nextTs();
    const said = `<@${BOT_USER_ID}> ${text}`;
    api.seed(CHANNEL, { ts, user: 'U0JANE', text: said });
    const event = { type: 'app_mention', channel: CHANNEL, user: 'U0JANE', text: said, ts, event_ts: ts };
    return { event, id: `Ev0${++ids}SHARED` };
  }

  const logged = (apps: Harness[], event: string): Record<string, any>[] => apps.flatMap((h) => h.logs.lines.filter((l) => l.event === event));

  it('answers an event delivered to two copies at once (a delivery and its retry) only once', async () => {
    const { apps, fake } = await setup(2);
    const [a, b] = apps as [Harness, Harness];
    const { event, id } = mention(fake, 'status');
    const sent = await Promise.all([a.event(event, id), b.event(event, id, RETRY)]);
    expect(sent.map((s) => s.status)).toEqual([200, 200]);
    await Promise.race([a, b].map((h) => h.logs.waitFor((l) => l.event_id === id && l.outcome === 'answered')));
    await Promise.all([a.slack.stop(), b.slack.stop()]); // every answer acknowledged is given before stopping
    expect(fake.calls.filter(isPost).map((c) => c.body.thread_ts)).toEqual([event.ts]);
    expect(logged(apps, 'slack.event.duplicate')).toMatchObject([{ event_id: id, seen_by: 'the store' }]);
  });

  it('drops the retry of an event answered before a restart', async () => {
    const { db, apps, fake } = await setup(1);
    const { event, id } = mention(fake, 'dates');
    await apps[0]!.event(event, id);
    await apps[0]!.logs.waitFor((l) => l.event_id === id && l.outcome === 'answered');
    await apps[0]!.stop();

    const restarted = await startHarness({ fake, store: await db.connect() });
    running.push(restarted);
    expect((await restarted.event(event, id, RETRY)).status).toBe(200);
    expect(await restarted.logs.waitFor((l) => l.event === 'slack.event.duplicate')).toMatchObject({ event_id: id, seen_by: 'the store', retry_num: 1 });
    await restarted.stop();
    expect(fake.calls.filter(isPost)).toHaveLength(1);
  });

  it('claims in the store only the events it answers, not the messages it ignores', async () => {
    const { db, apps, fake } = await setup(1);
    const ts = fake.nextTs();
    fake.seed(CHANNEL, { ts, user: 'U0JANE', text: 'lunch?' });
    const chatter = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0JANE', text: 'lunch?', ts, event_ts: ts };
    const { event, id } = mention(fake, 'status');
    await apps[0]!.event(chatter, 'Ev0CHATTER');
    await apps[0]!.event(event, id);
    await apps[0]!.logs.waitFor((l) => l.event_id === id && l.outcome === 'answered');
    await apps[0]!.stop();

    const store = await db.connect();
    const now = new Date('2025-06-01T12:05:00Z');
    const later = new Date('2025-06-02T12:05:00Z');
    expect(await store.claimEvent('slack', id, now, later)).toBe(false);
    expect(await store.claimEvent('slack', 'Ev0CHATTER', now, later)).toBe(true);
  });

  it('releases an event whose answer could not be posted, so that its retry to the other copy is answered', async () => {
    const { apps, fake } = await setup(2);
    const [a, b] = apps as [Harness, Harness];
    const { event, id } = mention(fake, 'status');
    fake.script('chat.postMessage', { error: 'channel_not_found' });
    await a.event(event, id);
    await a.logs.waitFor((l) => l.event_id === id && l.outcome === 'lost');

    await b.event(event, id, RETRY);
    await b.logs.waitFor((l) => l.event_id === id && l.outcome === 'answered');
    expect(fake.calls.filter(isPost).map((c) => [c.body.thread_ts, c.response.ok])).toEqual([
      [event.ts, false],
      [event.ts, true],
    ]);

    await a.event(event, id, { ...RETRY, 'x-slack-retry-num': '2' });
    expect(await a.logs.waitFor((l) => l.event === 'slack.event.duplicate')).toMatchObject({ event_id: id, seen_by: 'the store' });
  });
});
