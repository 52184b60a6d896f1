import pg from 'pg';
import { THREAD_CONTEXT_KEEP_MS, type ChatPlatform } from '../core/chat-state.js';
import { reminderId, type Claim, type Delivery, type DeliveryState, type PlannedReminder, type Subscription } from '../core/reminders/model.js';
import type { Store } from '../core/reminders/store.js';
import type { ThreadContext } from '../core/request.js';
import { endInstant, type Precision } from '../core/dates.js';
import type { ChannelMark } from '../core/news/channel-marks.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { PruneGate } from './prune-gate.js';
import { DEFAULT_POSTGRES_TIMEOUTS, type PostgresTimeouts } from './store-config.js';

interface SubRow {
  key: string;
  platform: Subscription['channel']['platform'];
  channel_id: string;
  reference: unknown;
  lead_days: number[];
  time_zone: string | null;
  post_at: string | null;
  origin: Subscription['origin'];
  since: Date;
  digest?: boolean;
  set_by: string | null;
}

interface MarkRow {
  channel_key: string;
  newest_date: string;
  newest_precision: Precision;
  brief_at: Date;
}

function toMark(r: MarkRow): ChannelMark {
  return { newest: { date: r.newest_date, precision: r.newest_precision }, at: r.brief_at };
}

interface DeliveryRow {
  subscription_key: string;
  milestone_id: string;
  lead_days: number;
  send_at: Date;
  state: DeliveryState;
  attempts: number;
  lease_until: Date | null;
  next_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
}

/** Any number: the migrations' advisory lock, so bots starting together migrate one at a time. */
const MIGRATION_LOCK = 7_327_101;

function toSubscription(r: SubRow): Subscription {
  const channel: Subscription['channel'] = { platform: r.platform, id: r.channel_id };
  if (r.reference !== null) channel.reference = r.reference;
  return { key: r.key, channel, leadDays: r.lead_days, timeZone: r.time_zone, postAt: r.post_at, origin: r.origin, since: r.since, ...(r.digest === false ? { digest: false as const } : {}), ...(r.set_by ? { setBy: r.set_by } : {}) };
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    subscriptionKey: r.subscription_key,
    milestoneId: r.milestone_id,
    leadDays: r.lead_days,
    sendAt: r.send_at,
    state: r.state,
    attempts: r.attempts,
    leaseUntil: r.lease_until,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
  };
}

/** Reminders as four parallel arrays, in one fixed order (so concurrent claims lock rows in the same order). */
function columns(reminders: readonly PlannedReminder[]): [string[], string[], number[], Date[]] {
  const unique = [...new Map(reminders.map((r) => [reminderId(r), r])).values()].sort(
    (a, b) => a.subscriptionKey.localeCompare(b.subscriptionKey) || a.milestoneId.localeCompare(b.milestoneId) || a.leadDays - b.leadDays,
  );
  return [unique.map((r) => r.subscriptionKey), unique.map((r) => r.milestoneId), unique.map((r) => r.leadDays), unique.map((r) => r.sendAt)];
}

const CLAIMABLE = `(deliveries.state = 'claimed' AND deliveries.lease_until <= $now)
  OR (deliveries.state = 'retry' AND deliveries.next_attempt_at <= $now)`;
const ORDER = 'ORDER BY send_at, subscription_key, milestone_id, lead_days DESC';
const UNNEST = `unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[]) WITH ORDINALITY AS t(sub, milestone, lead, send_at, n)`;

/**
 * The shared store for several copies of the bot: PostgreSQL through a `pg` pool. Claims are one
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE statement per batch: PostgreSQL locks each conflicting row and
 * re-checks the condition on its latest version, so two bots never claim the same reminder.
 */
export class PostgresStore implements Store {
  private readonly threadPrune = new PruneGate();
  private readonly eventPrune = new PruneGate();
  private readonly signaturePrune = new PruneGate();

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects and migrates the schema. Every call is bounded: connecting (or waiting for a pooled connection),
   * each statement (the server's statement_timeout, and the client's own read timeout for a server that does
   * not answer at all) and a transaction left idle, so a hung server fails calls instead of stalling them.
   */
  static async open(connectionString: string, timeouts: PostgresTimeouts = DEFAULT_POSTGRES_TIMEOUTS): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString,
      max: 10,
      connectionTimeoutMillis: timeouts.connectMs,
      // The client gives up a little after the server would have: the server's error is the clearer one.
      query_timeout: timeouts.statementMs + 1000,
      statement_timeout: timeouts.statementMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on the next query.
    });
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const current = rows[0]?.v ?? 0;
      for (const [i, sql] of POSTGRES_MIGRATIONS.entries()) {
        if (i + 1 <= current) continue;
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async getSubscription(key: string): Promise<Subscription | null> {
    const [row] = await this.rows<SubRow>('SELECT * FROM subscriptions WHERE key = $1', [key]);
    return row ? toSubscription(row) : null;
  }

  async saveSubscription(s: Subscription): Promise<Subscription> {
    const [row] = await this.rows<SubRow>(
      `INSERT INTO subscriptions (key, platform, channel_id, reference, lead_days, time_zone, post_at, origin, since, updated_at, digest, set_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, now(), $10, $11)
       ON CONFLICT (key) DO UPDATE SET platform = excluded.platform, channel_id = excluded.channel_id,
         reference = excluded.reference, lead_days = excluded.lead_days, time_zone = excluded.time_zone,
         post_at = excluded.post_at, origin = excluded.origin, updated_at = excluded.updated_at, digest = excluded.digest, set_by = excluded.set_by
       RETURNING *`,
      [
        s.key,
        s.channel.platform,
        s.channel.id,
        s.channel.reference === undefined ? null : JSON.stringify(s.channel.reference),
        JSON.stringify(s.leadDays),
        s.timeZone,
        s.postAt,
        s.origin,
        s.since,
        s.digest !== false,
        s.setBy ?? null,
      ],
    );
    return toSubscription(row as SubRow);
  }

  async deleteSubscription(key: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM subscriptions WHERE key = $1', [key])).rowCount ?? 0) > 0;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.rows<SubRow>('SELECT * FROM subscriptions ORDER BY key')).map(toSubscription);
  }

  async claim(reminders: readonly PlannedReminder[], now: Date, leaseUntil: Date): Promise<Claim[]> {
    if (reminders.length === 0) return [];
    const rows = await this.rows<{ subscription_key: string; milestone_id: string; lead_days: number; send_at: Date; attempts: number }>(
      `INSERT INTO deliveries (subscription_key, milestone_id, lead_days, send_at, state, attempts, lease_until, updated_at)
       SELECT t.sub, t.milestone, t.lead, t.send_at, 'claimed', 1, $5, $6 FROM ${UNNEST}
       WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.key = t.sub)
       ORDER BY t.n
       ON CONFLICT (subscription_key, milestone_id, lead_days) DO UPDATE SET
         state = 'claimed', attempts = deliveries.attempts + 1, lease_until = excluded.lease_until,
         next_attempt_at = NULL, updated_at = excluded.updated_at
       WHERE ${CLAIMABLE.replaceAll('$now', '$6')}
       RETURNING subscription_key, milestone_id, lead_days, send_at, attempts`,
      [...columns(reminders), leaseUntil, now],
    );
    return rows.map((r) => ({ subscriptionKey: r.subscription_key, milestoneId: r.milestone_id, leadDays: r.lead_days, sendAt: r.send_at, attempt: r.attempts }));
  }

  private async settle(claim: Claim, state: DeliveryState, fields: { sentAt: Date | null; next: Date | null; error: string | null }, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE deliveries SET state = $1, sent_at = $2, next_attempt_at = $3, lease_until = NULL, last_error = $4, updated_at = $5
       WHERE subscription_key = $6 AND milestone_id = $7 AND lead_days = $8 AND state = 'claimed' AND attempts = $9`,
      [state, fields.sentAt, fields.next, fields.error, now, claim.subscriptionKey, claim.milestoneId, claim.leadDays, claim.attempt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async markSent(claim: Claim, now: Date): Promise<boolean> {
    return this.settle(claim, 'sent', { sentAt: now, next: null, error: null }, now);
  }

  async markFailed(claim: Claim, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    return this.settle(claim, retryAt ? 'retry' : 'failed', { sentAt: null, next: retryAt, error }, now);
  }

  async skip(reminders: readonly PlannedReminder[], reason: string, now: Date): Promise<Delivery[]> {
    if (reminders.length === 0) return [];
    const rows = await this.rows<DeliveryRow>(
      `INSERT INTO deliveries (subscription_key, milestone_id, lead_days, send_at, state, attempts, last_error, updated_at)
       SELECT t.sub, t.milestone, t.lead, t.send_at, 'skipped', 0, $5, $6 FROM ${UNNEST}
       ORDER BY t.n
       ON CONFLICT (subscription_key, milestone_id, lead_days) DO UPDATE SET
         state = 'skipped', lease_until = NULL, next_attempt_at = NULL, updated_at = excluded.updated_at,
         last_error = excluded.last_error || COALESCE('; last send error: ' || deliveries.last_error, '')
       WHERE ${CLAIMABLE.replaceAll('$now', '$6')}
       RETURNING *`,
      [...columns(reminders), reason, now],
    );
    return rows.map(toDelivery).sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
  }

  async pendingRetries(now: Date): Promise<PlannedReminder[]> {
    const rows = await this.rows<DeliveryRow>(`SELECT * FROM deliveries WHERE ${CLAIMABLE.replaceAll('$now', '$1')} ${ORDER}`, [now]);
    return rows.map((r) => ({ subscriptionKey: r.subscription_key, milestoneId: r.milestone_id, leadDays: r.lead_days, sendAt: r.send_at }));
  }

  async deliveries(subscriptionKey?: string): Promise<Delivery[]> {
    const rows =
      subscriptionKey === undefined
        ? await this.rows<DeliveryRow>(`SELECT * FROM deliveries ${ORDER}`)
        : await this.rows<DeliveryRow>(`SELECT * FROM deliveries WHERE subscription_key = $1 ${ORDER}`, [subscriptionKey]);
    return rows.map(toDelivery);
  }

  async watermark(): Promise<Date | null> {
    const [row] = await this.rows<{ at: Date }>(`SELECT at FROM reminder_state WHERE name = 'watermark'`);
    return row?.at ?? null;
  }

  async advanceWatermark(to: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO reminder_state (name, at) VALUES ('watermark', $1)
       ON CONFLICT (name) DO UPDATE SET at = GREATEST(reminder_state.at, excluded.at)`,
      [to],
    );
  }

  async rememberThread(platform: ChatPlatform, keys: readonly string[], context: ThreadContext, now: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query(
      `INSERT INTO thread_contexts (platform, key, context, updated_at)
       SELECT $1, k, $3::jsonb, $4 FROM unnest($2::text[]) AS k ORDER BY k
       ON CONFLICT (platform, key) DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at
       WHERE thread_contexts.updated_at <= excluded.updated_at`,
      [platform, [...new Set(keys)], JSON.stringify(context), now],
    );
    if (this.threadPrune.due(now)) await this.prune('DELETE FROM thread_contexts WHERE updated_at < $1', new Date(now.getTime() - THREAD_CONTEXT_KEEP_MS));
  }

  // Housekeeping after a write: a failure (a lock timeout, a lost connection) is left for the next time.
  private async prune(sql: string, before: Date): Promise<void> {
    await this.pool.query(sql, [before]).catch(() => undefined);
  }

  async threadContext(platform: ChatPlatform, key: string, now: Date): Promise<ThreadContext | null> {
    const [row] = await this.rows<{ context: ThreadContext }>(
      'SELECT context FROM thread_contexts WHERE platform = $1 AND key = $2 AND updated_at >= $3',
      [platform, key, new Date(now.getTime() - THREAD_CONTEXT_KEEP_MS)],
    );
    return row?.context ?? null;
  }

  /** One INSERT ... ON CONFLICT DO UPDATE ... WHERE: the conflicting row is locked, so one of two racing callers wins. */
  async claimEvent(platform: ChatPlatform, id: string, now: Date, until: Date): Promise<boolean> {
    const won = await this.pool.query(
      `INSERT INTO handled_events (platform, event_id, claimed_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, event_id) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
       WHERE handled_events.expires_at <= excluded.claimed_at
       RETURNING event_id`,
      [platform, id, now, until],
    );
    if (this.eventPrune.due(now)) await this.prune('DELETE FROM handled_events WHERE expires_at <= $1', now);
    return (won.rowCount ?? 0) > 0;
  }

  async releaseEvent(platform: ChatPlatform, id: string): Promise<void> {
    await this.pool.query('DELETE FROM handled_events WHERE platform = $1 AND event_id = $2', [platform, id]);
  }

  async confirmEvent(platform: ChatPlatform, id: string, until: Date): Promise<void> {
    await this.pool.query('UPDATE handled_events SET expires_at = $3 WHERE platform = $1 AND event_id = $2', [platform, id, until]);
  }

  async channelMark(channelKey: string): Promise<ChannelMark | null> {
    const [row] = await this.rows<MarkRow>('SELECT * FROM channel_news_marks WHERE channel_key = $1', [channelKey]);
    return row ? toMark(row) : null;
  }

  async channelMarks(): Promise<Map<string, ChannelMark>> {
    return new Map((await this.rows<MarkRow>('SELECT * FROM channel_news_marks')).map((r) => [r.channel_key, toMark(r)]));
  }

  async recordChannelMark(channelKey: string, mark: ChannelMark): Promise<void> {
    await this.pool.query(
      `INSERT INTO channel_news_marks (channel_key, newest_date, newest_precision, newest_end, brief_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel_key) DO UPDATE SET brief_at = GREATEST(channel_news_marks.brief_at, excluded.brief_at),
         newest_date = CASE WHEN excluded.newest_end > channel_news_marks.newest_end THEN excluded.newest_date ELSE channel_news_marks.newest_date END,
         newest_precision = CASE WHEN excluded.newest_end > channel_news_marks.newest_end THEN excluded.newest_precision ELSE channel_news_marks.newest_precision END,
         newest_end = GREATEST(channel_news_marks.newest_end, excluded.newest_end)`,
      [channelKey, mark.newest.date, mark.newest.precision, endInstant(mark.newest), mark.at],
    );
  }

  /** One INSERT ... ON CONFLICT DO UPDATE ... WHERE: of two copies seeing one signature, one wins. */
  async rememberSignature(platform: ChatPlatform, signature: string, now: Date, until: Date): Promise<boolean> {
    const fresh = await this.pool.query(
      `INSERT INTO request_signatures (platform, signature, expires_at) VALUES ($1, $2, $4)
       ON CONFLICT (platform, signature) DO UPDATE SET expires_at = excluded.expires_at
       WHERE request_signatures.expires_at <= $3
       RETURNING signature`,
      [platform, signature, now, until],
    );
    if (this.signaturePrune.due(now)) await this.prune('DELETE FROM request_signatures WHERE expires_at <= $1', now);
    return (fresh.rowCount ?? 0) > 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
