import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { sharedStoreBackends } from '../doubles/shared-store.js';
import { cardOf, cardText, membersAdded, RecordingEngine, startHarness, teamsMessage, TeamsRun } from './teams-harness.js';

const run = new TeamsRun();
afterEach(() => run.stop());

describe('the Teams welcome card and buttons', () => {
  it('welcomes a personal chat, a group chat and a team once each, with what it does, how current it is, and buttons', async () => {
    const h = await startHarness({ engine: new RecordingEngine() });
    run.bots.push(h);
    for (const conversationType of ['personal', 'groupChat', 'channel'] as const) {
      const res = await h.post(membersAdded({ serviceUrl: h.connector.url, conversationType }));
      expect(res.status).toBe(200);
    }
    expect(h.connector.delivered).toHaveLength(3);
    const card = cardOf(h.connector.delivered[0]);
    expect(cardText(card)).toContain('Haiti Brief is here');
    expect(cardText(card)).toMatch(/My sources run to \d+ \w+ 20\d\d/);
    expect(card.actions?.map((a) => [a.title, a.data])).toEqual([
      ['Where things stand', { haitiBrief: { command: 'status' } }],
      ['Key dates', { haitiBrief: { command: 'dates' } }],
      ['Turn on reminders', { haitiBrief: { command: 'remind on' } }],
    ]);
    // Added again (removed and re-added, or Teams resending the update): no second welcome.
    await h.post(membersAdded({ serviceUrl: h.connector.url, conversationType: 'groupChat' }));
    // Someone else joining is no reason to welcome.
    await h.post(membersAdded({ serviceUrl: h.connector.url, conversationType: 'groupChat', conversationId: '19:other@thread.v2', members: [{ id: '29:someone-else' }] }));
    expect(h.connector.delivered).toHaveLength(3);
  });

  it('runs the command of a pressed button, and help carries the buttons too', async () => {
    const engine = new RecordingEngine();
    const h = await startHarness({ engine });
    run.bots.push(h);
    await h.post(teamsMessage('', { serviceUrl: h.connector.url, value: { haitiBrief: { command: 'dates' } } }));
    expect(engine.requests.map((r) => r.text)).toEqual(['dates']);
    expect(cardText(cardOf(h.connector.delivered[0]))).toContain('Key dates');
    await h.post(teamsMessage('help', { serviceUrl: h.connector.url }));
    const help = cardOf(h.connector.delivered[1]);
    expect(help.actions?.map((a) => a.title)).toEqual(['Where things stand', 'Key dates', 'Turn on reminders']);
    const status = await h.post(teamsMessage('status', { serviceUrl: h.connector.url }));
    expect(status.status).toBe(200);
    const brief = cardOf(h.connector.delivered[2]);
    const titles = brief.actions?.map((a) => a.title) ?? [];
    expect(titles).toContain('Ask');
    expect(titles.every((t) => !/^[a-z]+( [a-z]+)?$/.test(t) || t === 'Ask')).toBe(true); // readable titles, not bare commands
  });

  describe.each(sharedStoreBackends)('on a $name store shared by two copies of the bot', (backend) => {
    it('welcomes a conversation once, whichever copy gets the update, after a restart too', async () => {
      const db = await backend.create();
      run.databases.push(db);
      const connector = (run.connector = new FakeBotConnector());
      await connector.start();
      const a = await startHarness({ engine: new RecordingEngine(), connector, store: await db.connect() });
      const b = await startHarness({ engine: new RecordingEngine(), connector, store: await db.connect() });
      run.bots.push(a, b);
      const update = membersAdded({ serviceUrl: connector.url, conversationType: 'channel', conversationId: '19:ops@thread.tacv2' });
      await Promise.all([a.post(update), b.post({ ...update, id: 'resent' })]);
      expect(connector.delivered).toHaveLength(1);
      await a.restart(await db.connect());
      await a.post({ ...update, id: 'after-restart' });
      expect(connector.delivered).toHaveLength(1);
    });
  });
});
