import { describe, expect, it, vi } from 'vitest';
import { SendError } from '../../src/core/ports.js';
import { Bot, subscription } from './delivery-harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const plus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

describe('delivering reminders, tick by tick', () => {
  it('sends each lead time once, at its instant, across the end of DST and in time zones far apart', async () => {
    const bot = Bot.inTempDir('2025-10-01T00:00:00Z');
    await bot.subscribe(
      subscription('UTC', { since: new Date('2025-09-01T00:00:00Z') }),
      subscription('NEWYORK', { timeZone: 'America/New_York', since: new Date('2025-09-01T00:00:00Z') }),
      subscription('AUCKLAND', { timeZone: 'Pacific/Auckland', since: new Date('2025-09-01T00:00:00Z') }),
      subscription('KOLKATA', { timeZone: 'Asia/Kolkata', leadDays: [7], since: new Date('2025-09-01T00:00:00Z') }),
    );
    await bot.tickEvery(15, '2025-10-01T00:00:00Z', '2025-11-10T23:45:00Z');
    expect(bot.log.sort((a, b) => a[3].localeCompare(b[3]) || a[0].localeCompare(b[0]))).toEqual([
      ['slack:AUCKLAND', 'ev-harbour-vote', 30, '2025-10-10T20:00:00.000Z'],
      ['slack:UTC', 'ev-harbour-vote', 30, '2025-10-11T09:00:00.000Z'],
      ['slack:NEWYORK', 'ev-harbour-vote', 30, '2025-10-11T13:00:00.000Z'],
      ['slack:AUCKLAND', 'ev-harbour-vote', 7, '2025-11-02T20:00:00.000Z'],
      ['slack:KOLKATA', 'ev-harbour-vote', 7, '2025-11-03T03:30:00.000Z'],
      ['slack:UTC', 'ev-harbour-vote', 7, '2025-11-03T09:00:00.000Z'],
      ['slack:NEWYORK', 'ev-harbour-vote', 7, '2025-11-03T14:00:00.000Z'],
      ['slack:AUCKLAND', 'ev-harbour-vote', 1, '2025-11-08T20:00:00.000Z'],
      ['slack:UTC', 'ev-harbour-vote', 1, '2025-11-09T09:00:00.000Z'],
      ['slack:NEWYORK', 'ev-harbour-vote', 1, '2025-11-09T14:00:00.000Z'],
    ]);
    expect((await bot.ledger()).every(([, , , state, attempts]) => state === 'sent' && attempts === 1)).toBe(true);
    expect(bot.logger.named('reminder.sent')).toHaveLength(10);
  });

  it('counts a month-precision milestone from the first day of its month and says only the month', async () => {
    const bot = Bot.inTempDir('2025-04-01T00:00:00Z');
    await bot.subscribe(subscription('C1', { since: new Date('2025-04-01T00:00:00Z') }));
    await bot.tickEvery(60, '2025-04-01T00:00:00Z', '2025-06-01T00:00:00Z');
    expect(bot.log).toEqual([
      ['slack:C1', 'ev-team-arrives', 30, '2025-05-02T09:00:00.000Z'],
      ['slack:C1', 'ev-team-arrives', 7, '2025-05-25T09:00:00.000Z'],
      ['slack:C1', 'ev-team-arrives', 1, '2025-05-31T09:00:00.000Z'],
    ]);
    const first = bot.sender.sent[0]!.reply;
    expect(first.title).toBe('Reminder: The police team is due to arrive');
    expect(first.intro?.[0]).toBe('When: June 2025 (the sources give only the month; it begins in 30 days).');
  });

  it('does not send late the reminders whose time passed before the channel subscribed', async () => {
    const bot = Bot.inTempDir('2025-11-03T12:00:00Z');
    // Subscribed three hours after the 7-day reminder's instant (09:00 UTC), well within the grace period.
    await bot.subscribe(subscription('LATE', { since: new Date('2025-11-03T12:00:00Z') }));
    await bot.tickEvery(60, '2025-11-03T12:00:00Z', '2025-11-10T00:00:00Z');
    expect(bot.log).toEqual([['slack:LATE', 'ev-harbour-vote', 1, '2025-11-09T09:00:00.000Z']]);
  });

  it('retries once a reminder whose bot died between claiming and sending it, after the claim runs out', async () => {
    const crashed = Bot.inTempDir('2025-11-03T09:00:00Z');
    await crashed.subscribe(subscription('C1', { leadDays: [7] }));
    await crashed.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
    crashed.sender.hangNext();
    void crashed.tickAt('2025-11-03T09:00:00Z');
    await vi.waitFor(() => expect(crashed.sender.calls).toBe(1));
    expect(await crashed.ledger()).toEqual([['slack:C1', 'ev-harbour-vote', 7, 'claimed', 1]]);

    const bot = new Bot(crashed.file, '2025-11-03T09:01:00Z');
    expect((await bot.tickAt('2025-11-03T09:01:00Z')).sent).toEqual([]);
    expect((await bot.tickAt('2025-11-03T09:09:00Z')).sent).toEqual([]);
    expect((await bot.tickAt('2025-11-03T09:10:00Z')).sent).toEqual([['slack:C1', 'ev-harbour-vote', 7, '2025-11-03T09:10:00.000Z']]);
    await bot.tickEvery(1, '2025-11-03T09:11:00Z', '2025-11-03T10:00:00Z');
    expect(bot.sender.calls).toBe(1);
    expect(await bot.ledger()).toEqual([['slack:C1', 'ev-harbour-vote', 7, 'sent', 2]]);
  });

  it('catches up after 3 hours down, and skips with a log line after 3 days down', async () => {
    const bot = Bot.inTempDir('2025-11-03T08:00:00Z');
    await bot.subscribe(subscription('C1'));
    await bot.tickAt('2025-11-03T08:00:00Z');
    const up = await bot.restart().tickAt(plus('2025-11-03T09:00:00Z', 3 * HOUR));
    expect(up.sent).toEqual([['slack:C1', 'ev-harbour-vote', 7, '2025-11-03T12:00:00.000Z']]);

    await bot.tickAt('2025-11-09T08:00:00Z');
    const down = await bot.restart().tickAt(plus('2025-11-09T09:00:00Z', 3 * DAY));
    expect(down.sent).toEqual([]);
    expect(down.report).toMatchObject({ skipped: 1, sent: 0 });
    const [skipped] = bot.logger.named('reminder.skipped');
    expect(skipped?.level).toBe('warn');
    expect(skipped?.fields).toMatchObject({ channel: 'slack:C1', milestone: 'ev-harbour-vote', leadDays: 1, dueAt: '2025-11-09T09:00:00.000Z' });
    expect(skipped?.message).toContain('skipped the reminder 1 day(s) before ev-harbour-vote due 2025-11-09T09:00:00.000Z for slack:C1');
    expect(skipped?.message).toContain('the bot was not running when it was due and it is now more than the grace period (24 h) late');
    await bot.tickAt(plus('2025-11-09T09:00:00Z', 3 * DAY + MIN));
    expect(bot.logger.named('reminder.skipped')).toHaveLength(1);
    expect(await bot.ledger()).toEqual([
      ['slack:C1', 'ev-harbour-vote', 7, 'sent', 1],
      ['slack:C1', 'ev-harbour-vote', 1, 'skipped', 0],
    ]);
  });

  it('retries a send the platform rate-limited (429) on a later tick, and sends it once', async () => {
    const bot = Bot.inTempDir('2025-11-03T09:00:00Z');
    await bot.subscribe(subscription('C1', { leadDays: [7] }));
    await bot.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
    bot.sender.rateLimitNext(1, 30_000);
    const first = await bot.tickAt('2025-11-03T09:00:00Z');
    expect(first.report).toMatchObject({ due: 1, claimed: 1, sent: 0, retrying: 1 });
    expect((await bot.store.deliveries())[0]).toMatchObject({ state: 'retry', attempts: 1, nextAttemptAt: new Date('2025-11-03T09:01:00Z') });
    expect(bot.logger.named('reminder.retry')[0]?.fields).toMatchObject({ channel: 'slack:C1', error: 'the platform answered 429 Too Many Requests' });
    expect((await bot.tickAt('2025-11-03T09:00:30Z')).sent).toEqual([]);
    expect((await bot.tickAt('2025-11-03T09:01:00Z')).sent).toEqual([['slack:C1', 'ev-harbour-vote', 7, '2025-11-03T09:01:00.000Z']]);
    await bot.tickEvery(1, '2025-11-03T09:02:00Z', '2025-11-03T09:30:00Z');
    expect(bot.sender.calls).toBe(2);
    expect(bot.sender.sent).toHaveLength(1);
    expect(await bot.ledger()).toEqual([['slack:C1', 'ev-harbour-vote', 7, 'sent', 2]]);
  });

  it('backs off further after each failure, and gives up with a log line when the grace period runs out', async () => {
    const bot = Bot.inTempDir('2025-11-03T09:00:00Z', { graceMs: 10 * MIN });
    await bot.subscribe(subscription('C1', { leadDays: [7] }));
    await bot.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
    for (let i = 0; i < 5; i++) bot.sender.failNext(new SendError('503 Service Unavailable', true));
    const retryTimes: string[] = [];
    for (let t = Date.parse('2025-11-03T09:00:00Z'); t <= Date.parse('2025-11-03T09:30:00Z'); t += MIN) {
      const { report } = await bot.tickAt(new Date(t));
      if (report.retrying > 0) retryTimes.push((await bot.store.deliveries())[0]!.nextAttemptAt!.toISOString());
    }
    expect(retryTimes).toEqual(['2025-11-03T09:01:00.000Z', '2025-11-03T09:03:00.000Z', '2025-11-03T09:07:00.000Z', '2025-11-03T09:15:00.000Z']);
    expect(bot.sender.sent).toEqual([]);
    const [gaveUp] = bot.logger.named('reminder.skipped');
    expect(gaveUp?.fields).toMatchObject({ attempts: 4, reason: 'it could not be sent within the grace period (0.2 h)' });
    expect(gaveUp?.message).toContain('after 4 attempt(s)');
    expect(await bot.ledger()).toEqual([['slack:C1', 'ev-harbour-vote', 7, 'skipped', 4]]);
  });

  it('gives up at once, with an error log line, on a failure that retrying cannot fix', async () => {
    const bot = Bot.inTempDir('2025-11-03T09:00:00Z');
    await bot.subscribe(subscription('GONE', { leadDays: [7] }), subscription('OK', { leadDays: [7] }));
    await bot.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
    bot.sender.failNext(new SendError('channel_not_found', false));
    const { report } = await bot.tickAt('2025-11-03T09:00:00Z');
    expect(report).toMatchObject({ due: 2, sent: 1, failed: 1, retrying: 0 });
    expect(bot.logger.named('reminder.failed')[0]).toMatchObject({ level: 'error', fields: { channel: 'slack:GONE', error: 'channel_not_found' } });
    await bot.tickEvery(1, '2025-11-03T09:01:00Z', '2025-11-03T10:00:00Z');
    expect(bot.sender.calls).toBe(2);
  });

  it('counts a send that never answers as failed after the send timeout, so a hung call cannot hold the tick', async () => {
    vi.useFakeTimers();
    try {
      const bot = Bot.inTempDir('2025-11-03T09:00:00Z', { sendTimeoutMs: 30_000 });
      await bot.subscribe(subscription('C1', { leadDays: [7] }));
      await bot.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
      bot.sender.hangNext();
      const tick = bot.tickAt('2025-11-03T09:00:00Z');
      await vi.advanceTimersByTimeAsync(30_000);
      expect((await tick).report).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
      expect(bot.logger.named('reminder.retry')[0]?.fields.error).toBe('no answer from slack within 30 s');
      expect((await bot.tickAt('2025-11-03T09:01:00Z')).sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops sending to a channel as soon as it unsubscribes, even a reminder waiting for a retry', async () => {
    const bot = Bot.inTempDir('2025-11-03T09:00:00Z');
    await bot.subscribe(subscription('C1', { leadDays: [7] }));
    await bot.store.advanceWatermark(new Date('2025-11-03T08:59:00Z'));
    bot.sender.rateLimitNext();
    await bot.tickAt('2025-11-03T09:00:00Z');
    await bot.store.deleteSubscription('slack:C1');
    await bot.tickEvery(1, '2025-11-03T09:01:00Z', '2025-11-03T09:10:00Z');
    expect(bot.sender.sent).toEqual([]);
  });

  it('posts the reminder as a cited brief of the milestone, with the as-of date', async () => {
    const bot = Bot.inTempDir('2025-11-03T09:00:00Z');
    await bot.subscribe(subscription('C1', { leadDays: [7] }));
    await bot.tickAt('2025-11-03T09:00:00Z');
    const [message] = bot.sender.sent;
    expect(message?.channel).toEqual({ platform: 'slack', id: 'C1' });
    expect(message?.reply).toMatchObject({
      kind: 'reminder',
      title: 'Reminder: The council votes on the harbour mission',
      asOf: { date: '2025-04', precision: 'month' },
      context: { kind: 'dates' },
      mentions: ['ev-harbour-vote'],
    });
    expect(message?.reply.intro?.[0]).toBe('When: 10 November 2025, in 7 days.');
    expect(message?.reply.sections.map((s) => s.heading)).toEqual(['What happens', 'What is at stake']);
    expect(message?.reply.sections[1]?.claims[0]?.text).toBe('Whether the depot stays guarded after the rains.');
    expect(message?.reply.sections[0]?.claims[0]?.disagreement?.text).toBe('The gazette expects the vote a week later.');
    // What happens cites the record (its disagreement the gazette); the stake cites its own stakeCite, a gazette quote.
    expect(message?.reply.citations.map((c) => c.sourceId)).toEqual(['sample-record', 'sample-doc', 'sample-doc']);
    expect(message?.reply.sections[1]?.claims[0]?.citations.map((n) => message.reply.citations[n - 1]?.quote)).toEqual(['guard the fuel depot']);
  });
});
