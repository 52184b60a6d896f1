import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { THREAD_CONTEXT_KEEP_MS, type ChatPlatform } from '../core/chat-state.js';
import type { Claim, Delivery, DeliveryState, PlannedReminder, Subscription } from '../core/reminders/model.js';
import type { Store } from '../core/reminders/store.js';
import type { ThreadContext } from '../core/request.js';
import type { Precision } from '../core/dates.js';
import { endInstant } from '../core/dates.js';
import type { ChannelMark } from '../core/news/channel-marks.js';
import { PruneGate } from './prune-gate.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { DEFAULT_SQLITE_BUSY_MS } from './store-config.js';

interface SubRow {
  key: string;
  platform: Subscription['channel']['platform'];
  channel_id: string;
  reference: string | null;
  lead_days: string;
  time_zone: string | null;
  post_at: string | null;
  origin: Subscription['origin'];
  since: number;
  digest?: number;
  set_by: string | null;
}

interface MarkRow {
  channel_key: string;
  newest_date: string;
  newest_precision: Precision;
  brief_at: number;
}

interface DeliveryRow {
  subscription_key: string;
  milestone_id: string;
  lead_days: number;
  send_at: number;
  state: DeliveryState;
  attempts: number;
  lease_until: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
  sent_at: number | null;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function toSubscription(r: SubRow): Subscription {
  const channel: Subscription['channel'] = { platform: r.platform, id: r.channel_id };
  if (r.reference !== null) channel.reference = JSON.parse(r.reference) as unknown;
  return {
    key: r.key,
    channel,
    leadDays: JSON.parse(r.lead_days) as number[],
    timeZone: r.time_zone,
    postAt: r.post_at,
    origin: r.origin,
    since: new Date(r.since),
    ...(r.digest === 0 ? { digest: false as const } : {}),
    ...(r.set_by ? { setBy: r.set_by } : {}),
  };
}

function toMark(r: MarkRow): ChannelMark {
  return { newest: { date: r.newest_date, precision: r.newest_precision }, at: new Date(r.brief_at) };
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    subscriptionKey: r.subscription_key,
    milestoneId: r.milestone_id,
    leadDays: r.lead_days,
    sendAt: new Date(r.send_at),
    state: r.state,
    attempts: r.attempts,
    leaseUntil: date(r.lease_until),
    nextAttemptAt: date(r.next_attempt_at),
    lastError: r.last_error,
    sentAt: date(r.sent_at),
  };
}

const CLAIMABLE = `(deliveries.state = 'claimed' AND deliveries.lease_until <= @now)
  OR (deliveries.state = 'retry' AND deliveries.next_attempt_at <= @now)`;

const ORDER = 'ORDER BY send_at, subscription_key, milestone_id, lead_days DESC';

/** A thread context's key among the pending writes (no platform name holds a line break). */
const pendingKey = (platform: string, key: string): string => `${platform}\n${key}`;

/**
 * The embedded store: one SQLite file (WAL), for a single bot or several processes on one machine. Claims are
 * single INSERT ... ON CONFLICT DO UPDATE ... WHERE statements, so they are atomic in the database.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly threadPrune = new PruneGate();
  private readonly eventPrune = new PruneGate();
  private readonly signaturePrune = new PruneGate();
  /**
   * Writes committed together once per turn of the event loop (a handled event's claim and confirmation, a
   * request's signature, a thread's context): one transaction for every request that wrote in that turn, where
   * each would have been one commit. Each caller's promise settles when its write is committed, so a claim is
   * won or lost only once it is on disk.
   */
  private pending: { write: () => void; settle: (error?: unknown) => void }[] = [];
  /** The thread contexts among the pending writes (platform, key), so that reading one commits them first. */
  private readonly pendingThreads = new Set<string>();
  private readonly commitPending: (writes: readonly { write: () => void }[]) => void;

  constructor(
    readonly file: string,
    options: { busyTimeoutMs?: number | undefined } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // A writer waits this long for another process's lock, then fails (SQLITE_BUSY) instead of waiting forever.
    this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_MS)}`);
    this.migrate();
    const db = this.db;
    this.stmt = {
      getSub: db.prepare<[string], SubRow>('SELECT * FROM subscriptions WHERE key = ?'),
      listSubs: db.prepare<[], SubRow>('SELECT * FROM subscriptions ORDER BY key'),
      saveSub: db.prepare<Record<string, unknown>, SubRow>(`
        INSERT INTO subscriptions (key, platform, channel_id, reference, lead_days, time_zone, post_at, origin, since, updated_at, digest, set_by)
        VALUES (@key, @platform, @channel_id, @reference, @lead_days, @time_zone, @post_at, @origin, @since, @now, @digest, @set_by)
        ON CONFLICT (key) DO UPDATE SET platform = excluded.platform, channel_id = excluded.channel_id,
          reference = excluded.reference, lead_days = excluded.lead_days, time_zone = excluded.time_zone,
          post_at = excluded.post_at, origin = excluded.origin, updated_at = excluded.updated_at, digest = excluded.digest, set_by = excluded.set_by
        RETURNING *`),
      deleteSub: db.prepare<[string]>('DELETE FROM subscriptions WHERE key = ?'),
      claim: db.prepare<Record<string, unknown>, { send_at: number; attempts: number }>(`
        INSERT INTO deliveries (subscription_key, milestone_id, lead_days, send_at, state, attempts, lease_until, updated_at)
        SELECT @sub, @milestone, @lead, @send_at, 'claimed', 1, @lease, @now
        WHERE EXISTS (SELECT 1 FROM subscriptions WHERE key = @sub)
        ON CONFLICT (subscription_key, milestone_id, lead_days) DO UPDATE SET
          state = 'claimed', attempts = deliveries.attempts + 1, lease_until = excluded.lease_until,
          next_attempt_at = NULL, updated_at = excluded.updated_at
        WHERE ${CLAIMABLE}
        RETURNING send_at, attempts`),
      settle: db.prepare<Record<string, unknown>>(`
        UPDATE deliveries SET state = @state, sent_at = @sent_at, next_attempt_at = @next, lease_until = NULL,
          last_error = @error, updated_at = @now
        WHERE subscription_key = @sub AND milestone_id = @milestone AND lead_days = @lead
          AND state = 'claimed' AND attempts = @attempt`),
      skip: db.prepare<Record<string, unknown>, DeliveryRow>(`
        INSERT INTO deliveries (subscription_key, milestone_id, lead_days, send_at, state, attempts, last_error, updated_at)
        VALUES (@sub, @milestone, @lead, @send_at, 'skipped', 0, @reason, @now)
        ON CONFLICT (subscription_key, milestone_id, lead_days) DO UPDATE SET
          state = 'skipped', lease_until = NULL, next_attempt_at = NULL, updated_at = excluded.updated_at,
          last_error = excluded.last_error || COALESCE('; last send error: ' || deliveries.last_error, '')
        WHERE ${CLAIMABLE}
        RETURNING *`),
      pending: db.prepare<{ now: number }, DeliveryRow>(`SELECT * FROM deliveries WHERE ${CLAIMABLE} ${ORDER}`),
      all: db.prepare<[], DeliveryRow>(`SELECT * FROM deliveries ${ORDER}`),
      ofSub: db.prepare<[string], DeliveryRow>(`SELECT * FROM deliveries WHERE subscription_key = ? ${ORDER}`),
      watermark: db.prepare<[], { at: number }>(`SELECT at FROM reminder_state WHERE name = 'watermark'`),
      advance: db.prepare<[number]>(`
        INSERT INTO reminder_state (name, at) VALUES ('watermark', ?)
        ON CONFLICT (name) DO UPDATE SET at = MAX(reminder_state.at, excluded.at)`),
      rememberThread: db.prepare<{ platform: string; key: string; context: string; now: number }>(`
        INSERT INTO thread_contexts (platform, key, context, updated_at) VALUES (@platform, @key, @context, @now)
        ON CONFLICT (platform, key) DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at
        WHERE thread_contexts.updated_at <= excluded.updated_at`),
      threadContext: db.prepare<[string, string, number], { context: string }>(
        'SELECT context FROM thread_contexts WHERE platform = ? AND key = ? AND updated_at >= ?',
      ),
      pruneThreads: db.prepare<[number]>('DELETE FROM thread_contexts WHERE updated_at < ?'),
      claimEvent: db.prepare<{ platform: string; id: string; now: number; until: number }, { event_id: string }>(`
        INSERT INTO handled_events (platform, event_id, claimed_at, expires_at) VALUES (@platform, @id, @now, @until)
        ON CONFLICT (platform, event_id) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
        WHERE handled_events.expires_at <= excluded.claimed_at
        RETURNING event_id`),
      releaseEvent: db.prepare<[string, string]>('DELETE FROM handled_events WHERE platform = ? AND event_id = ?'),
      confirmEvent: db.prepare<[number, string, string]>('UPDATE handled_events SET expires_at = ? WHERE platform = ? AND event_id = ?'),
      pruneEvents: db.prepare<[number]>('DELETE FROM handled_events WHERE expires_at <= ?'),
      channelMark: db.prepare<[string], MarkRow>('SELECT * FROM channel_news_marks WHERE channel_key = ?'),
      channelMarks: db.prepare<[], MarkRow>('SELECT * FROM channel_news_marks'),
      recordMark: db.prepare<{ key: string; date: string; precision: string; end: number; at: number }>(`
        INSERT INTO channel_news_marks (channel_key, newest_date, newest_precision, newest_end, brief_at)
        VALUES (@key, @date, @precision, @end, @at)
        ON CONFLICT (channel_key) DO UPDATE SET brief_at = MAX(channel_news_marks.brief_at, excluded.brief_at),
          newest_date = CASE WHEN excluded.newest_end > channel_news_marks.newest_end THEN excluded.newest_date ELSE channel_news_marks.newest_date END,
          newest_precision = CASE WHEN excluded.newest_end > channel_news_marks.newest_end THEN excluded.newest_precision ELSE channel_news_marks.newest_precision END,
          newest_end = MAX(channel_news_marks.newest_end, excluded.newest_end)`),
      rememberSignature: db.prepare<{ platform: string; signature: string; now: number; until: number }, { signature: string }>(`
        INSERT INTO request_signatures (platform, signature, expires_at) VALUES (@platform, @signature, @until)
        ON CONFLICT (platform, signature) DO UPDATE SET expires_at = excluded.expires_at
        WHERE request_signatures.expires_at <= @now
        RETURNING signature`),
      pruneSignatures: db.prepare<[number]>('DELETE FROM request_signatures WHERE expires_at <= ?'),
      ping: db.prepare<[], { one: number }>('SELECT 1 AS one'),
    };
    this.commitPending = db.transaction((writes: readonly { write: () => void }[]) => {
      for (const w of writes) w.write();
    });
  }

  /** Queues a write for the next commit of pending writes (see `pending`); resolves with what it returned, once committed. */
  private later<T>(write: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      let result!: T;
      const run = (): void => {
        result = write();
      };
      this.pending.push({ write: run, settle: (error) => (error === undefined ? resolve(result) : reject(error)) });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits the pending writes in one transaction; when that fails, each alone, so one failure is only its caller's. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.pendingThreads.clear();
    try {
      this.commitPending(batch);
      for (const w of batch) w.settle();
    } catch {
      for (const w of batch) {
        try {
          w.write();
          w.settle();
        } catch (error) {
          w.settle(error);
        }
      }
    }
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const apply = this.db.transaction(() => {
      const row = this.db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get();
      const current = row?.v ?? 0;
      SQLITE_MIGRATIONS.forEach((sql, i) => {
        if (i + 1 <= current) return;
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, Date.now());
      });
    });
    apply.immediate();
  }

  async getSubscription(key: string): Promise<Subscription | null> {
    const row = this.stmt.getSub.get(key);
    return row ? toSubscription(row) : null;
  }

  async saveSubscription(s: Subscription): Promise<Subscription> {
    const row = this.stmt.saveSub.get({
      key: s.key,
      platform: s.channel.platform,
      channel_id: s.channel.id,
      reference: s.channel.reference === undefined ? null : JSON.stringify(s.channel.reference),
      lead_days: JSON.stringify(s.leadDays),
      time_zone: s.timeZone,
      post_at: s.postAt,
      origin: s.origin,
      since: s.since.getTime(),
      now: Date.now(),
      digest: s.digest === false ? 0 : 1,
      set_by: s.setBy ?? null,
    });
    return toSubscription(row as SubRow);
  }

  async deleteSubscription(key: string): Promise<boolean> {
    return this.stmt.deleteSub.run(key).changes > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.stmt.listSubs.all().map(toSubscription);
  }

  async claim(reminders: readonly PlannedReminder[], now: Date, leaseUntil: Date): Promise<Claim[]> {
    const run = this.db.transaction((): Claim[] => {
      const claims: Claim[] = [];
      for (const r of reminders) {
        const row = this.stmt.claim.get({
          sub: r.subscriptionKey,
          milestone: r.milestoneId,
          lead: r.leadDays,
          send_at: r.sendAt.getTime(),
          lease: leaseUntil.getTime(),
          now: now.getTime(),
        });
        if (row) claims.push({ subscriptionKey: r.subscriptionKey, milestoneId: r.milestoneId, leadDays: r.leadDays, sendAt: new Date(row.send_at), attempt: row.attempts });
      }
      return claims;
    });
    return run.immediate();
  }

  private settle(claim: Claim, state: DeliveryState, fields: { sentAt: Date | null; next: Date | null; error: string | null }, now: Date): boolean {
    return (
      this.stmt.settle.run({
        state,
        sent_at: fields.sentAt?.getTime() ?? null,
        next: fields.next?.getTime() ?? null,
        error: fields.error,
        now: now.getTime(),
        sub: claim.subscriptionKey,
        milestone: claim.milestoneId,
        lead: claim.leadDays,
        attempt: claim.attempt,
      }).changes > 0
    );
  }

  async markSent(claim: Claim, now: Date): Promise<boolean> {
    return this.settle(claim, 'sent', { sentAt: now, next: null, error: null }, now);
  }

  async markFailed(claim: Claim, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    return this.settle(claim, retryAt ? 'retry' : 'failed', { sentAt: null, next: retryAt, error }, now);
  }

  async skip(reminders: readonly PlannedReminder[], reason: string, now: Date): Promise<Delivery[]> {
    const run = this.db.transaction((): Delivery[] =>
      reminders.flatMap((r) => {
        const row = this.stmt.skip.get({
          sub: r.subscriptionKey,
          milestone: r.milestoneId,
          lead: r.leadDays,
          send_at: r.sendAt.getTime(),
          reason,
          now: now.getTime(),
        });
        return row ? [toDelivery(row)] : [];
      }),
    );
    return run.immediate();
  }

  async pendingRetries(now: Date): Promise<PlannedReminder[]> {
    return this.stmt.pending.all({ now: now.getTime() }).map((r) => ({
      subscriptionKey: r.subscription_key,
      milestoneId: r.milestone_id,
      leadDays: r.lead_days,
      sendAt: new Date(r.send_at),
    }));
  }

  async deliveries(subscriptionKey?: string): Promise<Delivery[]> {
    const rows = subscriptionKey === undefined ? this.stmt.all.all() : this.stmt.ofSub.all(subscriptionKey);
    return rows.map(toDelivery);
  }

  async watermark(): Promise<Date | null> {
    const row = this.stmt.watermark.get();
    return row ? new Date(row.at) : null;
  }

  async advanceWatermark(to: Date): Promise<void> {
    this.stmt.advance.run(to.getTime());
  }

  async rememberThread(platform: ChatPlatform, keys: readonly string[], context: ThreadContext, now: Date): Promise<void> {
    const row = { platform, key: '', context: JSON.stringify(context), now: now.getTime() };
    const remember = this.stmt.rememberThread;
    for (const key of keys) this.pendingThreads.add(pendingKey(platform, key));
    await this.later(() => {
      for (const key of keys) remember.run({ ...row, key });
    });
    if (this.threadPrune.due(now)) this.prune(this.stmt.pruneThreads, now.getTime() - THREAD_CONTEXT_KEEP_MS);
  }

  async threadContext(platform: ChatPlatform, key: string, now: Date): Promise<ThreadContext | null> {
    if (this.pendingThreads.has(pendingKey(platform, key))) this.flush(); // this process's own pending write is read back
    const row = this.stmt.threadContext.get(platform, key, now.getTime() - THREAD_CONTEXT_KEEP_MS);
    return row ? (JSON.parse(row.context) as ThreadContext) : null;
  }

  async claimEvent(platform: ChatPlatform, id: string, now: Date, until: Date): Promise<boolean> {
    // Claimed in the next commit of pending writes, with this turn's other claims and writes: one commit, not one each.
    const won = await this.later(() => this.stmt.claimEvent.get({ platform, id, now: now.getTime(), until: until.getTime() }) !== undefined);
    if (this.eventPrune.due(now)) this.prune(this.stmt.pruneEvents, now.getTime());
    return won;
  }

  // Housekeeping after a write: a failure (the file busy past the timeout) is left for the next time.
  private prune(statement: Database.Statement<[number]>, before: number): void {
    try {
      statement.run(before);
    } catch {
      // retried at the next prune
    }
  }

  async releaseEvent(platform: ChatPlatform, id: string): Promise<void> {
    this.stmt.releaseEvent.run(platform, id);
  }
  async confirmEvent(platform: ChatPlatform, id: string, until: Date): Promise<void> {
    await this.later(() => this.stmt.confirmEvent.run(until.getTime(), platform, id));
  }


  async channelMark(channelKey: string): Promise<ChannelMark | null> {
    const row = this.stmt.channelMark.get(channelKey);
    return row ? toMark(row) : null;
  }

  async channelMarks(): Promise<Map<string, ChannelMark>> {
    return new Map(this.stmt.channelMarks.all().map((r) => [r.channel_key, toMark(r)]));
  }

  async recordChannelMark(channelKey: string, mark: ChannelMark): Promise<void> {
    this.stmt.recordMark.run({ key: channelKey, date: mark.newest.date, precision: mark.newest.precision, end: endInstant(mark.newest).getTime(), at: mark.at.getTime() });
  }

  async rememberSignature(platform: ChatPlatform, signature: string, now: Date, until: Date): Promise<boolean> {
    const fresh = await this.later(() => this.stmt.rememberSignature.get({ platform, signature, now: now.getTime(), until: until.getTime() }) !== undefined);
    if (this.signaturePrune.due(now)) this.prune(this.stmt.pruneSignatures, now.getTime());
    return fresh;
  }

  async ping(): Promise<void> {
    this.stmt.ping.get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}
