// Issue 14, item 6: answers run with a configured concurrency and a bounded queue; past it the asker is told
// at once, ephemerally, that the bot is busy; and an @mention whose answer cannot be posted tells its asker.
// Before: the queue had no bound (answers came minutes late) and a lost mention answer was only logged.
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../doubles/fake-slack-api.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h?.engine) h.engine.gate = undefined;
  await h?.stop();
  await h?.fake.close();
  h = undefined;
});

function mention(harness: Harness, text: string, channel = 'C0BRIEFS', user = 'U0ANALYST'): Record<string, unknown> {
  const ts = harness.fake.nextTs();
  return { type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts, channel, event_ts: ts };
}

describe('a full answer queue', () => {
  it('tells the asker at once, ephemerally, that the bot is busy, for commands and mentions, and answers the rest', async () => {
    h = await startHarness({ limits: { concurrency: 1, maxWaiting: 1 } });
    let open: () => void = () => undefined;
    h.engine.gate = new Promise<void>((resolve) => (open = resolve));
    expect((await h.command({ text: 'status', channel: 'C0ONE' })).status).toBe(200);
    expect((await h.command({ text: 'dates', channel: 'C0TWO' })).status).toBe(200);
    const busy = await h.command({ text: 'proposals', channel: 'C0THREE' });
    expect(busy.status).toBe(200);
    expect(busy.ms).toBeLessThan(1000);
    expect(JSON.parse(busy.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('too many questions') });

    expect((await h.event(mention(h, 'status', 'C0FOUR'), 'EvBusy1')).status).toBe(200);
    const told = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === 'C0FOUR');
    expect(told.body).toMatchObject({ user: 'U0ANALYST', text: expect.stringContaining('too many questions') });

    open();
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0TWO');
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.channel).sort()).toEqual(['C0ONE', 'C0TWO']);
    expect(h.engine.requests.map((r) => r.text)).toEqual(['status', 'dates']);
    await h.logs.waitFor((l) => l.outcome === 'busy' && l.event === 'slack.command');
  });
});

describe('a mention whose answer cannot be posted', () => {
  it('tells its asker ephemerally, or by direct message when Slack refuses that too', async () => {
    h = await startHarness();
    h.fake.script('chat.postMessage', { error: 'msg_blocks_too_long' });
    expect((await h.event(mention(h, 'status', 'C0LOST'), 'EvLost1')).status).toBe(200);
    const told = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === 'C0LOST');
    expect(told.body.text).toContain('Slack would not take my answer (msg_blocks_too_long)');

    h.fake.script('chat.postMessage', { error: 'msg_blocks_too_long' });
    h.fake.script('chat.postEphemeral', { error: 'user_not_in_channel' });
    expect((await h.event(mention(h, 'dates', 'C0LOST2', 'U0OTHER'), 'EvLost2')).status).toBe(200);
    const dm = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0OTHER');
    expect(dm.body.text).toContain('Slack would not take my answer');
    await h.logs.waitFor((l) => l.event === 'slack.mention' && l.outcome === 'lost' && l.told === true);
  });
});
