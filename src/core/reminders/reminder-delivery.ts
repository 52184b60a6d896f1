import { knowledgeSource, type KnowledgeSource } from '../knowledge/knowledge-holder.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { ChannelMark } from '../news/channel-marks.js';
import { digestId, digestReply, isDigestId } from '../news/digest.js';
import { knowledgeOn, knowledgeVersion, laterThan, newestSourceDate } from '../news/knowledge-on.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import { SendError, type Clock, type Logger, type MessageSender } from '../ports.js';
import type { Reply } from '../reply.js';
import { reminderId, type Claim, type Delivery, type PlannedReminder, type Subscription } from './model.js';
import { reminderReply } from './reminder-reply.js';
import { dueReminders, timingOf, type ReminderDefaults } from './reminder-schedule.js';
import { retryDelay } from './retry-delay.js';
import type { Store } from './store.js';

/** How reminders are delivered: when, how late at most, and how failures are retried. */
export interface DeliverySettings extends ReminderDefaults {
  /** A reminder later than this is skipped (and logged) instead of posted. */
  graceMs: number;
  /** How long a claim holds before another tick may take the reminder over (a crash between claim and send). */
  leaseMs: number;
  /** The first retry's delay after a failed send; it doubles with each attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How many reminders are claimed at once, and how many are sent at the same time. */
  batchSize: number;
  concurrency: number;
  /** A send that has not answered after this long counts as failed (and is retried); keep it well under `leaseMs`. */
  sendTimeoutMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  timeZone: 'UTC',
  postAt: '09:00',
  graceMs: 24 * 3_600_000,
  leaseMs: 10 * 60_000,
  retryBaseMs: 60_000,
  retryMaxMs: 60 * 60_000,
  batchSize: 100,
  concurrency: 4,
  sendTimeoutMs: 60_000,
};

/** What one tick did. */
export interface TickReport {
  at: Date;
  /** Reminders due at this tick (new and retries). */
  due: number;
  /** Claimed by this tick (the rest were claimed by another bot, or their subscription ended). */
  claimed: number;
  sent: number;
  /** Failed and to be retried on a later tick. */
  retrying: number;
  /** Failed for good. */
  failed: number;
  skipped: number;
  /** "New in Haiti Brief" digests posted by this tick (counted in `sent` too). */
  digests: number;
}

export interface ReminderDeliveryOptions {
  /** Fixed, or swapped by a running bot when its files change: each tick reads it once (new milestones count from the next tick). */
  knowledge: Knowledge | KnowledgeSource;
  store: Store;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  settings?: Partial<DeliverySettings>;
}

/** What one tick works from: the knowledge it read at its start, its milestones, version, and the digests' marks. */
interface TickRun {
  knowledge: Knowledge;
  byId: Map<string, TimelineEvent>;
  version: string;
  marks: Map<string, ChannelMark>;
}

function hours(ms: number): string {
  return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Delivers milestone reminders, one tick at a time: finds every reminder due by now, claims each in the store,
 * sends it through the MessageSender and records it sent. Failed sends are retried on later ticks with
 * backoff; reminders later than the grace period are skipped with a log line saying what and why.
 */
export class ReminderDelivery {
  readonly settings: DeliverySettings;
  private readonly source: KnowledgeSource;
  /** The knowledge version (and subscription count) whose digests this process has planned already. */
  private digestsPlannedFor: string | null = null;

  constructor(private readonly options: ReminderDeliveryOptions) {
    this.settings = { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings };
    this.source = knowledgeSource(options.knowledge);
  }

  /** Runs one tick at the clock's now, on the knowledge as it is at the start of the tick. */
  async tick(): Promise<TickReport> {
    const { store, clock, logger } = this.options;
    const now = clock.now();
    const knowledge = knowledgeOn(this.source.current(), now);
    const milestones = knowledge.events.filter((e) => e.milestone);
    const run: TickRun = { knowledge, byId: new Map(milestones.map((m) => [m.id, m])), version: knowledgeVersion(knowledge), marks: new Map() };
    const report: TickReport = { at: now, due: 0, claimed: 0, sent: 0, retrying: 0, failed: 0, skipped: 0, digests: 0 };
    const [subscriptions, watermark, retries] = await Promise.all([store.listSubscriptions(), store.watermark(), store.pendingRetries(now)]);
    const subs = new Map(subscriptions.map((s) => [s.key, s]));
    const { due, missed } = dueReminders(milestones, subscriptions, now, watermark, this.settings.graceMs, this.settings);
    due.push(...(await this.dueDigests(run, subscriptions, now)));

    const oldestInGrace = now.getTime() - this.settings.graceMs;
    const expired = retries.filter((r) => r.sendAt.getTime() < oldestInGrace);
    report.skipped += await this.skip(missed, `the bot was not running when it was due and it is now more than the grace period (${hours(this.settings.graceMs)}) late`, now);
    report.skipped += await this.skip(expired, `it could not be sent within the grace period (${hours(this.settings.graceMs)})`, now);

    const queue = new Map<string, PlannedReminder>();
    for (const r of [...due, ...retries.filter((r) => r.sendAt.getTime() >= oldestInGrace)]) queue.set(reminderId(r), r);
    const todo = [...queue.values()];
    report.due = todo.length;
    const replies = new Map<string, Reply>();
    for (let i = 0; i < todo.length; i += this.settings.batchSize) {
      const at = clock.now();
      const claims = await store.claim(todo.slice(i, i + this.settings.batchSize), at, new Date(at.getTime() + this.settings.leaseMs));
      report.claimed += claims.length;
      await this.sendAll(claims, subs, replies, now, report, run);
    }
    await store.advanceWatermark(now);
    if (report.due + report.skipped > 0) logger.info({ event: 'reminders.tick', ...report, at: now.toISOString() }, 'reminder tick done');
    return report;
  }

  /**
   * The digests due: one per channel with reminders on and digests not turned off, whose mark (the newest
   * source its last brief rested on) is older than the knowledge's newest source. Planned once per knowledge
   * version in this process (and again after a restart); the ledger makes each one go out once in all.
   */
  private async dueDigests(run: TickRun, subscriptions: readonly Subscription[], now: Date): Promise<PlannedReminder[]> {
    const plan = `${run.version}|${subscriptions.length}`;
    if (this.digestsPlannedFor === plan) return [];
    const newest = newestSourceDate(run.knowledge);
    if (!newest) return [];
    const marks = await this.options.store.channelMarks();
    const out: PlannedReminder[] = [];
    for (const sub of subscriptions) {
      const mark = marks.get(sub.key);
      if (sub.digest === false || !mark || !laterThan(newest, mark.newest)) continue;
      run.marks.set(sub.key, mark);
      out.push({ subscriptionKey: sub.key, milestoneId: digestId(run.version), leadDays: 0, sendAt: now });
    }
    this.digestsPlannedFor = plan;
    return out;
  }

  private async skip(reminders: PlannedReminder[], why: string, now: Date): Promise<number> {
    if (reminders.length === 0) return 0;
    const skipped = await this.options.store.skip(reminders, why, now);
    for (const d of skipped) this.logSkip(d, why);
    return skipped.length;
  }

  private logSkip(d: Delivery, why: string): void {
    const after = d.attempts > 0 ? ` after ${d.attempts} attempt(s)` : '';
    this.options.logger.warn(
      { event: 'reminder.skipped', channel: d.subscriptionKey, milestone: d.milestoneId, leadDays: d.leadDays, dueAt: d.sendAt.toISOString(), attempts: d.attempts, reason: why },
      `skipped the reminder ${d.leadDays} day(s) before ${d.milestoneId} due ${d.sendAt.toISOString()} for ${d.subscriptionKey}${after}: ${d.lastError ?? why}`,
    );
  }

  private async sendAll(claims: Claim[], subs: Map<string, Subscription>, replies: Map<string, Reply>, now: Date, report: TickReport, run: TickRun): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claims.length) {
        const claim = claims[next++] as Claim;
        if (isDigestId(claim.milestoneId)) await this.sendDigest(claim, subs, now, report, run);
        else await this.sendOne(claim, subs, replies, now, report, run);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, claims.length) }, worker));
  }

  /** Sends, failing (retryably) when the platform does not answer in time: a hung call must not hold the tick. */
  private async sendWithin(sub: Subscription, reply: Reply, deliveryKey: string): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SendError(`no answer from ${sub.channel.platform} within ${this.settings.sendTimeoutMs / 1000} s`, true)), this.settings.sendTimeoutMs);
      timer.unref?.();
    });
    try {
      await Promise.race([this.options.sender.send(sub.channel, reply, { deliveryKey }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one claimed digest, unless the knowledge changed since it was planned (a later digest replaces it). */
  private async sendDigest(claim: Claim, subs: Map<string, Subscription>, now: Date, report: TickReport, run: TickRun): Promise<void> {
    const { store, clock, logger } = this.options;
    const sub = subs.get(claim.subscriptionKey);
    const fields = { channel: claim.subscriptionKey, digest: claim.milestoneId, attempt: claim.attempt };
    const mark = run.marks.get(claim.subscriptionKey) ?? (await store.channelMark(claim.subscriptionKey));
    const newest = newestSourceDate(run.knowledge);
    const why =
      !sub || sub.digest === false
        ? 'the channel turned digests off or unsubscribed'
        : claim.milestoneId !== digestId(run.version)
          ? 'the knowledge changed since it was planned'
          : !mark || !newest || !laterThan(newest, mark.newest)
            ? 'the channel has already been sent these sources'
            : null;
    if (why || !sub || !mark || !newest) {
      await store.markFailed(claim, why ?? 'nothing to send', null, clock.now());
      logger.info({ event: 'digest.dropped', ...fields, reason: why }, `no digest for ${claim.subscriptionKey}: ${why}`);
      return;
    }
    const reply = digestReply(run.knowledge, now, mark.newest);
    try {
      await this.sendWithin(sub, reply, reminderId(claim));
    } catch (error) {
      const retryAt = await this.recordFailure(claim, error);
      if (retryAt) report.retrying++;
      else report.failed++;
      logger.warn({ event: retryAt ? 'digest.retry' : 'digest.failed', ...fields, error: describe(error), ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) }, `sending a digest to ${claim.subscriptionKey} failed`);
      return;
    }
    await store.markSent(claim, clock.now());
    await store.recordChannelMark(claim.subscriptionKey, { newest, at: now });
    report.sent++;
    report.digests++;
    logger.info({ event: 'digest.sent', ...fields, newest: newest.date }, `sent "New in Haiti Brief" to ${claim.subscriptionKey}`);
  }

  private replyFor(sub: Subscription, milestone: TimelineEvent, replies: Map<string, Reply>, now: Date, knowledge: Knowledge): Reply {
    const timeZone = timingOf(sub, this.settings).timeZone;
    const key = `${milestone.id}|${timeZone}|${sub.leadDays.join(',')}`;
    let reply = replies.get(key);
    if (!reply) {
      reply = reminderReply(knowledge, milestone, { now, timeZone, subscribedLeadDays: sub.leadDays });
      replies.set(key, reply);
    }
    return reply;
  }

  /**
   * Whether an earlier attempt of this reminder reached the channel (the platform reads its recent history for
   * the reminder's delivery key). A failed look is logged and counts as "not found": sending again risks a
   * duplicate, not sending risks losing the reminder.
   */
  private async foundSent(sub: Subscription, claim: Claim, fields: Record<string, unknown>): Promise<boolean> {
    const { sender, logger } = this.options;
    if (!sender.alreadySent) return false;
    try {
      const found = await sender.alreadySent(sub.channel, reminderId(claim), new Date(claim.sendAt.getTime() - 60_000));
      if (found) logger.info({ event: 'reminder.found-sent', ...fields }, `the reminder to ${claim.subscriptionKey} was already in the channel (an earlier attempt posted it): recorded, not sent again`);
      return found;
    } catch (error) {
      logger.warn({ event: 'reminder.lookup-failed', ...fields, error: describe(error) }, `could not read ${claim.subscriptionKey}'s recent history; sending the reminder`);
      return false;
    }
  }

  /** Records a failed send: when to try again (backoff, or the platform's Retry-After), or null when it is lost. */
  private async recordFailure(claim: Claim, error: unknown): Promise<Date | null> {
    const at = this.options.clock.now();
    const retryable = error instanceof SendError ? error.retryable : true;
    const retryAt = retryable
      ? new Date(at.getTime() + retryDelay(claim.attempt, { baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs, retryAfterMs: error instanceof SendError ? error.retryAfterMs : undefined }))
      : null;
    await this.options.store.markFailed(claim, describe(error), retryAt, at);
    return retryAt;
  }

  private async sendOne(claim: Claim, subs: Map<string, Subscription>, replies: Map<string, Reply>, now: Date, report: TickReport, run: TickRun): Promise<void> {
    const { store, clock, logger } = this.options;
    const sub = subs.get(claim.subscriptionKey);
    const milestone = run.byId.get(claim.milestoneId);
    const fields = { channel: claim.subscriptionKey, milestone: claim.milestoneId, leadDays: claim.leadDays, dueAt: claim.sendAt.toISOString(), attempt: claim.attempt };
    if (!sub) {
      // Subscribed again after this tick read the subscriptions: let the next tick send it.
      await store.markFailed(claim, 'the subscription changed during the tick', clock.now(), clock.now());
      report.retrying++;
      return;
    }
    if (!milestone || !sub.leadDays.includes(claim.leadDays)) {
      const why = !milestone ? 'the milestone is no longer in the knowledge base' : 'the channel no longer asks for this lead time';
      await store.markFailed(claim, why, null, clock.now());
      report.failed++;
      logger.warn({ event: 'reminder.dropped', ...fields, reason: why }, `dropped a reminder for ${claim.subscriptionKey}: ${why}`);
      return;
    }
    if (claim.attempt > 1 && (await this.foundSent(sub, claim, fields))) {
      // Posted by an earlier attempt that died before recording it: recorded now, not sent again.
      await store.markSent(claim, clock.now());
      report.sent++;
      return;
    }
    try {
      await this.sendWithin(sub, this.replyFor(sub, milestone, replies, now, run.knowledge), reminderId(claim));
    } catch (error) {
      const retryAt = await this.recordFailure(claim, error);
      if (retryAt) {
        report.retrying++;
        logger.warn({ event: 'reminder.retry', ...fields, error: describe(error), retryAt: retryAt.toISOString() }, `sending a reminder to ${claim.subscriptionKey} failed; retrying from ${retryAt.toISOString()}`);
      } else {
        report.failed++;
        logger.error({ event: 'reminder.failed', ...fields, error: describe(error) }, `sending a reminder to ${claim.subscriptionKey} failed for good: the reminder ${claim.leadDays} day(s) before ${claim.milestoneId} is lost`);
      }
      return;
    }
    const recorded = await store.markSent(claim, clock.now());
    report.sent++;
    if (recorded) logger.info({ event: 'reminder.sent', ...fields }, `sent the reminder ${claim.leadDays} day(s) before ${claim.milestoneId} to ${claim.subscriptionKey}`);
    else logger.warn({ event: 'reminder.sent-late', ...fields }, `sent a reminder to ${claim.subscriptionKey} after its claim ran out: it may have been sent twice`);
  }
}
