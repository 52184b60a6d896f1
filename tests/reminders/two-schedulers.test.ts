import { afterAll, describe, expect, it } from 'vitest';
import { reminderId } from '../../src/core/reminders/model.js';
import { planReminders } from '../../src/core/reminders/reminder-schedule.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { createTestDatabase } from '../doubles/postgres-database.js';
import { reminderKnowledge } from '../doubles/reminder-knowledge.js';
import { Bot, subscription } from './delivery-harness.js';

const ZONES = [null, 'America/New_York', 'America/Port-au-Prince', 'Europe/Paris', 'Pacific/Auckland', 'Asia/Kolkata'];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A sender that yields before recording, so the two bots' ticks interleave. */
async function interleaved(bot: Bot): Promise<void> {
  const send = bot.sender.send.bind(bot.sender);
  bot.sender.send = async (channel, reply) => {
    await new Promise((r) => setImmediate(r));
    await send(channel, reply);
  };
}

describe('two schedulers on one PostgreSQL', () => {
  it('deliver every reminder exactly once when they tick at the same instants', async () => {
    const db = await createTestDatabase();
    const stores = [await PostgresStore.open(db.url), await PostgresStore.open(db.url)];
    cleanups.push(async () => {
      for (const s of stores) await s.close();
      await db.drop();
    });
    const knowledge = reminderKnowledge();
    const [a, b] = stores.map((store) => new Bot('', '2025-10-01T00:00:00Z', knowledge, { batchSize: 7, concurrency: 3 }, store)) as [Bot, Bot];
    await interleaved(a);
    await interleaved(b);
    const subs = Array.from({ length: 48 }, (_, i) =>
      subscription(`C${String(i).padStart(2, '0')}`, { timeZone: ZONES[i % ZONES.length] ?? null, leadDays: i % 4 === 0 ? [14, 2] : [30, 7, 1], since: new Date('2025-09-01T00:00:00Z') }),
    );
    await a.subscribe(...subs);
    // Some sends are rate-limited and retried: retries, too, must not be sent twice.
    a.sender.rateLimitNext(3, 0);
    b.sender.rateLimitNext(2, 0);

    const milestones = knowledge.events.filter((e) => e.milestone);
    const expected = planReminders(milestones, subs, { after: new Date('2025-10-01T00:00:00Z'), until: new Date('2025-11-11T00:00:00Z') }, { timeZone: 'UTC', postAt: '09:00' });
    const instants = [...new Set(expected.map((r) => r.sendAt.getTime()))].sort((x, y) => x - y);
    expect(expected.length).toBeGreaterThan(100);
    // Both tick at each instant, a minute later and two minutes later (for the retries), at the very same moments.
    for (const t of instants) {
      for (const offset of [0, 60_000, 120_000]) {
        const at = new Date(t + offset);
        await Promise.all([a.tickAt(at), b.tickAt(at)]);
      }
    }

    const sent = [...a.sender.sent, ...b.sender.sent].map((m) => `slack:${m.channel.id}|${m.reply.mentions[0]}`);
    const ledger = await stores[0]!.deliveries();
    expect(ledger.filter((d) => d.state !== 'sent')).toEqual([]);
    expect(ledger.map(reminderId).sort()).toEqual(expected.map(reminderId).sort());
    expect(sent).toHaveLength(expected.length);
    const perKey = new Map<string, number>();
    for (const s of sent) perKey.set(s, (perKey.get(s) ?? 0) + 1);
    const perChannelMilestone = new Map<string, number>();
    for (const r of expected) perChannelMilestone.set(`${r.subscriptionKey}|${r.milestoneId}`, (perChannelMilestone.get(`${r.subscriptionKey}|${r.milestoneId}`) ?? 0) + 1);
    expect(perKey).toEqual(perChannelMilestone);
    expect(a.sender.calls + b.sender.calls).toBe(expected.length + 5);
  });
});
