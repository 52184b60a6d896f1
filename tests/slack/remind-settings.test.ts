import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReminderDelivery } from '../../src/core/reminders/reminder-delivery.js';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import { createLogger } from '../../src/logger.js';
import { createSlackSender } from '../../src/slack/slack-sender.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { LogLines } from '../doubles/log-lines.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { BOT_TOKEN, FAST_RETRY, knowledge, RecordingEngine, startHarness, type Harness } from './harness.js';

const DEFAULTS = { timeZone: 'America/Port-au-Prince', postAt: '09:00' };

describe('reminder settings a Slack channel can see and set', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    await h?.fake.close();
    h = undefined;
  });

  async function start() {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'haiti-slack-remind-')), 'brief.sqlite'));
    const clock = new ManualClock('2025-06-01T12:00:00Z');
    const remind = createRemindHandler({ knowledge: knowledge(), store, defaults: DEFAULTS, canDeliver: (p) => p !== 'console' });
    h = await startHarness({ engine: new RecordingEngine(knowledge(), clock, { remind }) });
    return { store, clock, h };
  }

  it('announces a change in the channel, naming who made it, and shows the settings to the asker only', async () => {
    const { store, h } = await start();
    await h.command({ text: 'remind on 30,7,1 at 09:00 in America/Port-au-Prince', user: 'U0JANE', channel: 'C0BRIEFS' });
    const announced = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(announced.body.channel).toBe('C0BRIEFS');
    expect(announced.body.text).toBe('<@U0JANE> turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 America/Port-au-Prince.');
    const asker = h.fake.callsTo('response_url')[0];
    expect(asker?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(asker?.body.blocks)).toContain('2 September 2025, 09:00 (America/Port-au-Prince)');
    expect(await store.getSubscription('slack:C0BRIEFS')).toMatchObject({ timeZone: 'America/Port-au-Prince', postAt: '09:00', leadDays: [30, 7, 1] });
    await h.logs.waitFor((l) => l.event === 'slack.announce' && l.outcome === 'announced' && l.channel === 'C0BRIEFS');

    await h.command({ text: 'remind off', user: 'U0PAUL', channel: 'C0BRIEFS' });
    const off = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && /turned off/.test(String(c.body.text)));
    expect(off.body.text).toBe('<@U0PAUL> turned off milestone reminders here.');
  });

  it('announces nothing for a bad value, and changes nothing', async () => {
    const { store, h } = await start();
    await h.command({ text: 'remind on 7 at 25:00', user: 'U0JANE' });
    const response = await h.fake.waitFor((c) => c.method === 'response_url');
    expect(JSON.stringify(response.body)).toContain('is not a time of day');
    await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered');
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('announces through the command response where the bot is not a member of the channel', async () => {
    const { h } = await start();
    h.fake.leave('C0OUTSIDE');
    await h.command({ text: 'remind on', user: 'U0JANE', channel: 'C0OUTSIDE' });
    const shown = await h.fake.waitFor((c) => c.method === 'response_url' && c.body.response_type === 'in_channel');
    expect(shown.body.text).toBe('<@U0JANE> turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 America/Port-au-Prince.');
  });

  it('remind me: delivers the reminders in a direct message to the person, exactly once through the ledger', async () => {
    const { store, clock, h } = await start();
    await h.command({ text: 'remind me on 7 at 08:00 in Europe/Paris', user: 'U0JANE', channel: 'C0BRIEFS' });
    await h.fake.waitFor((c) => c.method === 'response_url');
    await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered');
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]); // nothing said in the channel
    expect(await store.getSubscription('slack:U0JANE')).toMatchObject({ channel: { platform: 'slack', id: 'U0JANE' }, leadDays: [7], timeZone: 'Europe/Paris', postAt: '08:00' });

    const logs = new LogLines();
    const sender = createSlackSender({ botToken: BOT_TOKEN, apiUrl: h.fake.apiUrl }, createLogger('info', logs), { retry: FAST_RETRY });
    const delivery = new ReminderDelivery({ knowledge: knowledge(), store, sender, clock, logger: createLogger('info', logs), settings: DEFAULTS });
    // 7 days before 2 October 2025, 08:00 in Paris (summer time, UTC+2) is 06:00 UTC on 25 September.
    clock.set('2025-09-25T05:59:00Z');
    await delivery.tick();
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    clock.set('2025-09-25T06:00:00Z');
    expect(await delivery.tick()).toMatchObject({ sent: 1 });
    clock.set('2025-09-25T06:01:00Z');
    expect(await delivery.tick()).toMatchObject({ sent: 0 });
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts.map((c) => c.body.channel)).toEqual(['U0JANE']);
    expect(String(posts[0]?.body.text)).toMatch(/^Reminder: The MSS authorization ends/);
  });
});
