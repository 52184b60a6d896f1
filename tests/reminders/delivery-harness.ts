import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knowledge } from '../../src/core/knowledge/parse-knowledge.js';
import type { Subscription } from '../../src/core/reminders/model.js';
import { ReminderDelivery, type DeliverySettings, type TickReport } from '../../src/core/reminders/reminder-delivery.js';
import type { Store } from '../../src/core/reminders/store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { RecordingSender } from '../doubles/recording-sender.js';
import { reminderKnowledge } from '../doubles/reminder-knowledge.js';

/** A sent reminder as tests compare them: channel, milestone, the days left it states, and the instant of the tick that sent it. */
export type Sent = [channel: string, milestone: string, daysLeft: number, at: string];

/** A subscription for tests: a Slack channel with lead times 30, 7 and 1, in the default time zone. */
export function subscription(id: string, extra: Partial<Subscription> = {}): Subscription {
  return { key: `slack:${id}`, channel: { platform: 'slack', id }, leadDays: [30, 7, 1], timeZone: null, postAt: null, origin: 'chat', since: new Date('2025-01-01T00:00:00Z'), ...extra };
}

/**
 * One bot process: a reminder delivery over a real SQLite file, with a manual clock, a recording sender and
 * a recording logger. `restart()` is a new process on the same file.
 */
export class Bot {
  readonly clock: ManualClock;
  readonly logger = new RecordingLogger();
  sender = new RecordingSender();
  store: Store;
  delivery: ReminderDelivery;
  /** Every reminder this bot sent, with the tick instant. */
  readonly log: Sent[] = [];

  constructor(
    readonly file: string,
    start: string,
    readonly knowledge: Knowledge = reminderKnowledge(),
    private readonly settings: Partial<DeliverySettings> = {},
    store?: Store,
  ) {
    this.clock = new ManualClock(start);
    this.store = store ?? new SqliteStore(file);
    this.delivery = this.build();
  }

  static inTempDir(start: string, settings: Partial<DeliverySettings> = {}): Bot {
    return new Bot(join(mkdtempSync(join(tmpdir(), 'haiti-reminders-')), 'brief.sqlite'), start, reminderKnowledge(), settings);
  }

  private build(): ReminderDelivery {
    return new ReminderDelivery({ knowledge: this.knowledge, store: this.store, sender: this.sender, clock: this.clock, logger: this.logger, settings: this.settings });
  }

  /** The process died (its store connection is dropped without ceremony) and a new one starts on the same file. */
  restart(): this {
    this.store = new SqliteStore(this.file);
    this.sender = new RecordingSender();
    this.delivery = this.build();
    return this;
  }

  async subscribe(...subs: Subscription[]): Promise<void> {
    for (const s of subs) await this.store.saveSubscription(s);
  }

  /** Runs one tick at the instant; returns what it sent. */
  async tickAt(at: string | Date): Promise<{ report: TickReport; sent: Sent[] }> {
    this.clock.set(at);
    const before = this.sender.sent.length;
    const report = await this.delivery.tick();
    const sent = this.sender.sent.slice(before).map((m): Sent => [`${m.channel.platform}:${m.channel.id}`, m.reply.mentions[0] ?? '?', this.daysLeft(m.reply.intro ?? []), this.clock.now().toISOString()]);
    this.log.push(...sent);
    return { report, sent };
  }

  /** The days left that a reminder's "When:" line states (equal to its lead time when it is sent on time). */
  private daysLeft(intro: string[]): number {
    const when = intro[0] ?? '';
    const days = /in (\d+) days/.exec(when)?.[1];
    if (days) return Number(days);
    if (when.includes('tomorrow')) return 1;
    return when.includes('today') ? 0 : -1;
  }

  /** Ticks every `stepMinutes` from `from` to `to` inclusive. */
  async tickEvery(stepMinutes: number, from: string, to: string): Promise<void> {
    for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) await this.tickAt(new Date(t));
  }

  /** The ledger as [channel, milestone, lead, state, attempts] rows. */
  async ledger(): Promise<[string, string, number, string, number][]> {
    return (await this.store.deliveries()).map((d) => [d.subscriptionKey, d.milestoneId, d.leadDays, d.state, d.attempts]);
  }
}
