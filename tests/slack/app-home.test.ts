import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHomeOverview } from '../../src/core/home.js';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import { renderSlackHome } from '../../src/render/slack-home.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { BOT_TOKEN } from './harness.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { knowledge, RecordingEngine, startHarness, type Harness } from './harness.js';

const DEFAULTS = { timeZone: 'America/Port-au-Prince', postAt: '09:00' };
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
  h = undefined;
});

async function start(at = '2025-06-01T12:00:00Z') {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'haiti-home-')), 'brief.sqlite'));
  const clock = new ManualClock(at);
  const remind = createRemindHandler({ knowledge: knowledge(), store, defaults: DEFAULTS, canDeliver: (p) => p !== 'console' });
  const home = createHomeOverview({ knowledge: knowledge(), store, clock, defaults: DEFAULTS });
  h = await startHarness({ engine: new RecordingEngine(knowledge(), clock, { remind }), home });
  return { store, clock, h, home };
}

const opened = (user: string, tab = 'home') => ({ type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: '1760000000.000100' });
const viewText = (call: { body: Record<string, any> }): string => JSON.stringify(call.body.view);

describe('the Slack App Home (app_home_opened, views.publish)', () => {
  it('publishes where things stand, the next milestones, how current the knowledge is, and the commands', async () => {
    const { h } = await start();
    const res = await h.event(opened('U0JANE'), 'EvHome1');
    expect(res.status).toBe(200);
    const published = await h.fake.waitFor((c) => c.method === 'views.publish');
    expect(published.response.ok).toBe(true);
    expect(published.body.user_id).toBe('U0JANE');
    expect(published.body.view.type).toBe('home');
    expect(published.body.view.blocks.length).toBeLessThanOrEqual(100);
    const text = viewText(published);
    expect(text).toContain('where it stands');
    expect(text).toMatch(/Current to \d+ \w+ 2025 \(newest source\)/);
    expect(text).toContain('Next milestones');
    expect(text).toContain('2 October 2025');
    expect(text).toContain('You have turned on no reminders');
    expect(text).toContain('/haiti remind on [30,7,1] [at HH:MM] [in Area/City]');
  });

  it('lists the channels where the person turned reminders on, with their settings, refreshed when they change', async () => {
    const { h } = await start();
    await h.command({ text: 'remind on 7,1 at 08:00 in Europe/Paris', user: 'U0JANE', channel: 'C0BRIEFS' });
    const refreshed = await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0JANE');
    const text = viewText(refreshed);
    expect(text).toContain('<#C0BRIEFS>: 7 and 1 days before each milestone, at 08:00 Europe/Paris. Next: 25 September 2025, 08:00 (Europe/Paris)');
    await h.command({ text: 'remind me on 30', user: 'U0JANE', channel: 'C0BRIEFS' });
    await h.fake.waitFor((c) => c.method === 'views.publish' && viewText(c).includes('Your direct messages'));
    // Someone else's Home does not list Jane's channels.
    await h.event(opened('U0PAUL'), 'EvHome2');
    const paul = await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0PAUL');
    expect(viewText(paul)).toContain('You have turned on no reminders');
  });

  it('refreshes everyone else\'s App Home when someone changes a channel\'s reminders, and every App Home after a reload', async () => {
    const { h } = await start();
    await h.command({ text: 'remind on 7,1', user: 'U0JANE', channel: 'C0BRIEFS' });
    await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0JANE' && viewText(c).includes('<#C0BRIEFS>'));
    const janes = () => h.fake.callsTo('views.publish').filter((c) => c.body.user_id === 'U0JANE');
    const before = janes().length;
    // Paul changes them: the channel's reminders are now his, and Jane's App Home says so without her opening it.
    await h.command({ text: 'remind on 30 at 10:00', user: 'U0PAUL', channel: 'C0BRIEFS' });
    await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0PAUL' && viewText(c).includes('<#C0BRIEFS>'));
    await h.fake.waitFor(() => janes().length > before);
    expect(viewText(janes().at(-1)!)).toContain('You have turned on no reminders');
    // A knowledge reload (the composition root calls this) publishes both again.
    const published = h.fake.callsTo('views.publish').length;
    expect(await h.slack.refreshHomes()).toBe(2);
    expect(h.fake.callsTo('views.publish').slice(published).map((c) => c.body.user_id).sort()).toEqual(['U0JANE', 'U0PAUL']);
  });

  it('says the sources hold no milestone ahead when none lies ahead, and ignores the Messages tab', async () => {
    const { h } = await start('2030-01-01T00:00:00Z');
    await h.event(opened('U0JANE', 'messages'), 'EvHome3');
    await h.event(opened('U0JANE'), 'EvHome4');
    const published = await h.fake.waitFor((c) => c.method === 'views.publish');
    expect(viewText(published)).toContain('The sources hold no milestone ahead of today');
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('stays within Slack’s 100 blocks however many reminders a person has, and the fake refuses more', async () => {
    const { h } = await start();
    const many = renderSlackHome({
      headline: 'x',
      asOf: '1 May 2025',
      milestones: [],
      reminders: Array.from({ length: 500 }, (_, i) => ({ channel: { platform: 'slack' as const, id: `C${i}` }, personal: false, settings: '30 days before each milestone, at 09:00 UTC', next: null })),
      commands: ['status'],
    });
    expect(many.blocks.length).toBeLessThanOrEqual(100);
    const publish = (blocks: unknown[]) =>
      fetch(`${h!.fake.apiUrl}views.publish`, { method: 'POST', headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'U0JANE', view: { type: 'home', blocks } }) }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
    expect(await publish(many.blocks)).toMatchObject({ ok: true });
    expect(await publish(Array.from({ length: 101 }, () => ({ type: 'divider' })))).toEqual({ ok: false, error: 'invalid_arguments' });
  });
});
