import { afterEach, describe, expect, it } from 'vitest';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import type { Store } from '../../src/core/reminders/store.js';
import { fixedClock } from '../../src/core/ports.js';
import { reminderReply } from '../../src/core/reminders/reminder-reply.js';
import { ACTIONS } from '../../src/render/slack-actions.js';
import { createLogger } from '../../src/logger.js';
import { createSlackSender } from '../../src/slack/slack-sender.js';
import { FakeSlackApi, type RecordedCall } from '../doubles/fake-slack-api.js';
import { LogLines } from '../doubles/log-lines.js';
import { sharedStoreBackends, type SharedDatabase } from '../doubles/shared-store.js';
import { BOT_TOKEN, FAST_RETRY, knowledge, NOW, RecordingEngine, startHarness, type Harness } from './harness.js';

let apps: Harness[] = [];
let databases: SharedDatabase[] = [];
let fakes: FakeSlackApi[] = [];

afterEach(async () => {
  for (const h of apps) await h.stop();
  for (const f of fakes) await f.close();
  for (const db of databases) await db.drop();
  apps = [];
  fakes = [];
  databases = [];
});

/** The posts Slack took (the fake refuses what Slack would). */
const posts = (h: Harness): RecordedCall[] => h.fake.callsTo('chat.postMessage').filter((c) => c.response.ok === true);
const buttonsOf = (call: RecordedCall | undefined): Array<{ action_id: string; text: { text: string }; value: string }> =>
  (call?.body.blocks as Array<{ type: string; elements?: unknown[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements as never[]);

async function app(options: { store?: Store; fake?: FakeSlackApi } = {}): Promise<Harness> {
  const engine = options.store
    ? new RecordingEngine(knowledge(), fixedClock(NOW), {
        remind: createRemindHandler({ knowledge: knowledge(), store: options.store, defaults: { timeZone: 'America/Port-au-Prince', postAt: '09:00' }, canDeliver: (p) => p !== 'console' }),
      })
    : undefined;
  const h = await startHarness({ ...(options.fake ? { fake: options.fake } : {}), ...(engine ? { engine } : {}), store: options.store });
  apps.push(h);
  if (!options.fake) fakes.push(h.fake);
  return h;
}

/** Posts a status brief through /haiti and returns its ts. */
async function brief(h: Harness): Promise<string> {
  await h.command({ text: 'status', channel: 'C0BRIEFS', user: 'U0JANE' });
  const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && !c.body.thread_ts);
  return String(post.response.ts);
}

describe('buttons on Slack messages, through the real Bolt app', () => {
  it('puts Full brief, Sources and quotes and Remind this channel under a short brief', async () => {
    const h = await app();
    await brief(h);
    expect(buttonsOf(posts(h)[0]).map((b) => [b.text.text, b.action_id, b.value])).toEqual([
      ['Full brief', ACTIONS.full, 'status'],
      ['Sources and quotes', ACTIONS.sources, 'status'],
      ['Remind this channel', ACTIONS.remind, 'remind on'],
    ]);
  });

  it('Full brief: acknowledged at once, posts the full brief in the brief’s thread once; a second press says where it is', async () => {
    const h = await app();
    const ts = await brief(h);
    const before = posts(h).length;
    const press = { channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.full, value: 'status' };
    const [first, second] = await Promise.all([h.press({ ...press, user: 'U0JANE' }), h.press({ ...press, user: 'U0PAUL' })]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(Math.max(first.ms, second.ms)).toBeLessThan(3000);
    await h.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'posted');
    await h.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'already_done');
    const full = posts(h).slice(before);
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(full.every((c) => c.body.thread_ts === ts)).toBe(true);
    expect(String(full[0]?.body.text)).toMatch(/where it stands/i);
    expect(buttonsOf(full[0])).toEqual([]); // the full form carries no buttons
    const told = h.fake.callsTo('chat.postEphemeral').at(-1);
    expect(told?.body).toMatchObject({ channel: 'C0BRIEFS', thread_ts: ts, text: 'The full brief is already posted in the thread of this message: open its replies.' });
    await h.press({ ...press, user: 'U0JANE' });
    await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && h.fake.callsTo('chat.postEphemeral').length === 2);
    expect(posts(h).slice(before)).toHaveLength(full.length);
  });

  it('Sources and quotes: shows the brief’s sources with their verbatim quotes to the person who pressed it', async () => {
    const h = await app();
    const ts = await brief(h);
    await h.press({ user: 'U0PAUL', channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.sources, value: 'status' });
    const shown = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(shown.body.user).toBe('U0PAUL');
    const text = JSON.stringify(shown.body.blocks);
    expect(text).toContain('Sources and quotes');
    expect(text).toMatch(/\[\d+\] “[^”]+”/);
  });

  it('Remind this channel: turns reminders on once when two people press at once, and the channel hears of it once', async () => {
    const db = await sharedStoreBackends[0]!.create();
    databases.push(db);
    const store = await db.connect();
    const h = await app({ store });
    const ts = await brief(h);
    const press = { channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.remind, value: 'remind on' };
    await Promise.all([h.press({ ...press, user: 'U0JANE' }), h.press({ ...press, user: 'U0PAUL' })]);
    await h.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'reminders_on');
    await h.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'listed');
    await h.logs.waitFor((l) => l.event === 'slack.announce');
    expect(await store.getSubscription('slack:C0BRIEFS')).toMatchObject({ leadDays: [30, 7, 1] });
    const announcements = posts(h).filter((c) => /milestone reminders here/.test(String(c.body.text)));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]?.body.text).toMatch(/^<@U0(JANE|PAUL)> turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 America\/Port-au-Prince\.$/);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(2); // each presser sees the settings
  });

  it('Open brief on a reminder: posts the status brief in the reminder’s thread, once', async () => {
    const h = await app();
    const logs = new LogLines();
    const sender = createSlackSender({ botToken: BOT_TOKEN, apiUrl: h.fake.apiUrl }, createLogger('info', logs), { retry: FAST_RETRY });
    const milestone = knowledge().events.find((e) => e.milestone)!;
    await sender.send({ platform: 'slack', id: 'C0BRIEFS' }, reminderReply(knowledge(), milestone, { now: NOW, timeZone: 'UTC', subscribedLeadDays: [7] }));
    const reminder = posts(h)[0]!;
    expect(buttonsOf(reminder).map((b) => [b.text.text, b.action_id])).toEqual([['Open brief', ACTIONS.open]]);
    const ts = String(reminder.response.ts);
    await h.press({ user: 'U0JANE', channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.open, value: 'status' });
    await h.press({ user: 'U0JANE', channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.open, value: 'status' });
    await h.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'already_done');
    const inThread = posts(h).filter((c) => c.body.thread_ts === ts);
    expect(inThread).toHaveLength(1);
    expect(String(inThread[0]?.body.text)).toMatch(/where it stands/i);
  });

  it('answers 401 to an unsigned button press', async () => {
    const h = await app();
    const res = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=%7B%7D' });
    expect(res.status).toBe(401);
  });
});

describe('two copies of the Slack app on one PostgreSQL', () => {
  it('do a button’s work once, whichever copy each press reaches', async () => {
    const db = await sharedStoreBackends[1]!.create();
    databases.push(db);
    const fake = await FakeSlackApi.start();
    fakes.push(fake);
    const a = await app({ fake, store: await db.connect() });
    const b = await app({ fake, store: await db.connect() });
    const ts = await brief(a);
    const before = fake.callsTo('chat.postMessage').length;
    const press = { channel: 'C0BRIEFS', messageTs: ts, actionId: ACTIONS.full, value: 'status' };
    await Promise.all([a.press({ ...press, user: 'U0JANE' }), b.press({ ...press, user: 'U0PAUL' }), a.press({ ...press, user: 'U0JANE' }), b.press({ ...press, user: 'U0ANA' })]);
    // What one copy posts for one press, alone: the full brief's messages.
    const single = await app();
    const alone = await brief(single);
    const start = single.fake.callsTo('chat.postMessage').length;
    await single.press({ ...press, messageTs: alone, user: 'U0JANE' });
    await single.logs.waitFor((l) => l.event === 'slack.action' && l.outcome === 'posted');
    const expected = single.fake.callsTo('chat.postMessage').slice(start).map((c) => c.body.text);
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').length === 3 && fake.callsTo('chat.postMessage').length - before >= expected.length);
    const threaded = fake.callsTo('chat.postMessage').slice(before);
    expect(threaded.every((c) => c.response.ok === true && c.body.thread_ts === ts)).toBe(true);
    // Exactly one full brief: as many messages as one copy posts for it, each once.
    expect(threaded.map((c) => c.body.text)).toEqual(expected);
  });
});
