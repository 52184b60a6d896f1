import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { ReminderDelivery } from '../../src/core/reminders/reminder-delivery.js';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { cardOf, startHarness, teamsMessage, USER, type Harness } from './teams-harness.js';

const DEFAULTS = { timeZone: 'America/Port-au-Prince', postAt: '09:00' };
const THREAD = '19:ops@thread.tacv2;messageid=4001';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start() {
  const knowledge = shippedKnowledge();
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'haiti-teams-remind-')), 'brief.sqlite'));
  const clock = new ManualClock('2025-06-01T12:00:00Z');
  const remind = createRemindHandler({ knowledge, store, defaults: DEFAULTS, canDeliver: (p) => p !== 'console' });
  h = await startHarness({ engine: new BriefingEngine(knowledge, clock, { remind }) });
  return { knowledge, store, clock, h };
}

describe('reminder settings in Teams', () => {
  it('announces a change to everyone in the conversation, with a mention of who made it', async () => {
    const { store, h } = await start();
    const res = await h.post(teamsMessage('remind on 30,7,1 at 09:00 in America/Port-au-Prince', { serviceUrl: h.connector.url, conversationType: 'channel', conversationId: THREAD, mention: true }));
    expect(res.status).toBe(200);
    const [card, announcement] = h.connector.delivered;
    expect(JSON.stringify(cardOf(card).body)).toContain('2 September 2025, 09:00 (America/Port-au-Prince)');
    expect(announcement?.activity).toMatchObject({
      type: 'message',
      text: `<at>${USER.name}</at> turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 America/Port-au-Prince.`,
      entities: [{ type: 'mention', text: `<at>${USER.name}</at>`, mentioned: { id: USER.id, name: USER.name } }],
    });
    expect(await store.getSubscription('teams:19:ops@thread.tacv2')).toMatchObject({ timeZone: 'America/Port-au-Prince', postAt: '09:00' });

    h.connector.reset();
    await h.post(teamsMessage('remind on in Mars/Olympus', { serviceUrl: h.connector.url, conversationType: 'channel', conversationId: THREAD, mention: true }));
    expect(h.connector.delivered).toHaveLength(1); // the error card, and no announcement
    expect(JSON.stringify(cardOf(h.connector.delivered[0]).body)).toContain('is not a time zone I know');
  });

  it('remind me in a channel opens a direct conversation, and delivers there exactly once', async () => {
    const { knowledge, store, clock, h } = await start();
    await h.post(teamsMessage('remind me on 7 at 08:00 in Asia/Tokyo', { serviceUrl: h.connector.url, conversationType: 'channel', conversationId: THREAD, mention: true }));
    const created = h.connector.calls.find((c) => c.kind === 'create');
    expect(created?.activity).toMatchObject({ isGroup: false, members: [{ id: USER.id }], tenantId: 'tenant-1' });
    expect(h.connector.delivered.filter((c) => c.kind !== 'create')).toHaveLength(1); // the confirmation, no announcement
    const sub = await store.getSubscription(`teams:a:direct-${USER.id}`);
    expect(sub).toMatchObject({ leadDays: [7], timeZone: 'Asia/Tokyo', postAt: '08:00', channel: { platform: 'teams', id: `a:direct-${USER.id}` } });

    h.connector.reset();
    const delivery = new ReminderDelivery({ knowledge, store, sender: h.bot.sender, clock, logger: new RecordingLogger(), settings: DEFAULTS });
    // 7 days before 2 October 2025 at 08:00 in Tokyo (UTC+9) is 23:00 UTC on 24 September.
    clock.set('2025-09-24T23:00:00Z');
    expect(await delivery.tick()).toMatchObject({ sent: 1 });
    clock.set('2025-09-24T23:05:00Z');
    expect(await delivery.tick()).toMatchObject({ sent: 0 });
    expect(h.connector.delivered.map((c) => [c.kind, c.conversationId])).toEqual([['post', `a:direct-${USER.id}`]]);
  });

  it('remind me says what to do, and changes nothing, when Teams will not open the direct chat', async () => {
    const { store, h } = await start();
    h.connector.failNext(403);
    const res = await h.post(teamsMessage('remind me on', { serviceUrl: h.connector.url, conversationType: 'channel', conversationId: THREAD, mention: true }));
    expect(res.status).toBe(200);
    const reply = h.connector.delivered.find((c) => c.kind === 'reply');
    expect(JSON.stringify(cardOf(reply).body)).toContain('I could not open a direct message with you, so nothing was changed.');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('remind me in a personal chat keeps that chat', async () => {
    const { store, h } = await start();
    await h.post(teamsMessage('remind me on', { serviceUrl: h.connector.url }));
    expect(h.connector.calls.some((c) => c.kind === 'create')).toBe(false);
    expect(await store.getSubscription('teams:a:1personal-chat-ana')).toMatchObject({ leadDays: [30, 7, 1] });
  });
});
