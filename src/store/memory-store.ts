import { THREAD_CONTEXT_KEEP_MS, type ChatPlatform } from '../core/chat-state.js';
import { reminderId, type Claim, type Delivery, type PlannedReminder, type Subscription } from '../core/reminders/model.js';
import type { Store } from '../core/reminders/store.js';
import type { ThreadContext } from '../core/request.js';
import { endInstant } from '../core/dates.js';
import type { ChannelMark } from '../core/news/channel-marks.js';
import { PruneGate } from './prune-gate.js';

/** The skip reason, followed by the last send error when there was one (as the databases' skip statements write it). */
function skipNote(reason: string, lastError: string | null): string {
  return lastError ? `${reason}; last send error: ${lastError}` : reason;
}

function copySub(s: Subscription): Subscription {
  const { digest, ...rest } = s;
  return { ...rest, channel: { ...s.channel }, leadDays: [...s.leadDays], since: new Date(s.since), ...(digest === false ? { digest: false as const } : {}) };
}

function copyMark(m: ChannelMark): ChannelMark {
  return { newest: { ...m.newest }, at: new Date(m.at) };
}

function claimable(row: Delivery, now: number): boolean {
  return (
    (row.state === 'claimed' && (row.leaseUntil?.getTime() ?? 0) <= now) ||
    (row.state === 'retry' && (row.nextAttemptAt?.getTime() ?? 0) <= now)
  );
}

function byLedgerOrder(a: Delivery, b: Delivery): number {
  return (
    a.sendAt.getTime() - b.sendAt.getTime() ||
    a.subscriptionKey.localeCompare(b.subscriptionKey) ||
    a.milestoneId.localeCompare(b.milestoneId) ||
    b.leadDays - a.leadDays
  );
}

/**
 * A Store in this process's memory: nothing survives a restart and nothing is shared. It passes the same
 * contract tests as the databases and is the baseline the reminders benchmark measures them against.
 */
/** The ledger row a reminder moves to: its identity and first send time kept, the rest as given. */
function ledgerRow(
  r: PlannedReminder,
  row: Delivery | undefined,
  change: Pick<Delivery, 'state' | 'attempts' | 'leaseUntil' | 'lastError'>,
): Delivery {
  return {
    subscriptionKey: r.subscriptionKey,
    milestoneId: r.milestoneId,
    leadDays: r.leadDays,
    sendAt: row?.sendAt ?? new Date(r.sendAt),
    nextAttemptAt: null,
    sentAt: null,
    ...change,
  };
}

export class MemoryStore implements Store {
  private readonly subs = new Map<string, Subscription>();
  private readonly ledger = new Map<string, Delivery>();
  private mark: Date | null = null;
  private readonly threads = new Map<string, { context: ThreadContext; at: number }>();
  private readonly events = new Map<string, number>();
  private readonly threadPrune = new PruneGate();
  private readonly eventPrune = new PruneGate();
  private readonly marks = new Map<string, ChannelMark>();
  private readonly signatures = new Map<string, number>();
  private readonly signaturePrune = new PruneGate();

  async getSubscription(key: string): Promise<Subscription | null> {
    const s = this.subs.get(key);
    return s ? copySub(s) : null;
  }

  async saveSubscription(subscription: Subscription): Promise<Subscription> {
    const existing = this.subs.get(subscription.key);
    const saved = copySub({ ...subscription, since: existing?.since ?? subscription.since });
    this.subs.set(saved.key, saved);
    return copySub(saved);
  }

  async deleteSubscription(key: string): Promise<boolean> {
    return this.subs.delete(key);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return [...this.subs.values()].sort((a, b) => a.key.localeCompare(b.key)).map(copySub);
  }

  async claim(reminders: readonly PlannedReminder[], now: Date, leaseUntil: Date): Promise<Claim[]> {
    const claims: Claim[] = [];
    for (const r of reminders) {
      if (!this.subs.has(r.subscriptionKey)) continue;
      const id = reminderId(r);
      const row = this.ledger.get(id);
      if (row && !claimable(row, now.getTime())) continue;
      const next = ledgerRow(r, row, { state: 'claimed', attempts: (row?.attempts ?? 0) + 1, leaseUntil: new Date(leaseUntil), lastError: row?.lastError ?? null });
      this.ledger.set(id, next);
      claims.push({ subscriptionKey: next.subscriptionKey, milestoneId: next.milestoneId, leadDays: next.leadDays, sendAt: new Date(next.sendAt), attempt: next.attempts });
    }
    return claims;
  }

  private held(claim: Claim): Delivery | null {
    const row = this.ledger.get(reminderId(claim));
    return row && row.state === 'claimed' && row.attempts === claim.attempt ? row : null;
  }

  async markSent(claim: Claim, now: Date): Promise<boolean> {
    const row = this.held(claim);
    if (!row) return false;
    Object.assign(row, { state: 'sent', sentAt: new Date(now), leaseUntil: null, lastError: null });
    return true;
  }

  async markFailed(claim: Claim, error: string, retryAt: Date | null, _now: Date): Promise<boolean> {
    const row = this.held(claim);
    if (!row) return false;
    Object.assign(row, { state: retryAt ? 'retry' : 'failed', nextAttemptAt: retryAt ? new Date(retryAt) : null, leaseUntil: null, lastError: error });
    return true;
  }

  async skip(reminders: readonly PlannedReminder[], reason: string, now: Date): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for (const r of reminders) {
      const id = reminderId(r);
      const row = this.ledger.get(id);
      if (row && !claimable(row, now.getTime())) continue;
      const next = ledgerRow(r, row, { state: 'skipped', attempts: row?.attempts ?? 0, leaseUntil: null, lastError: skipNote(reason, row?.lastError ?? null) });
      this.ledger.set(id, next);
      out.push({ ...next });
    }
    return out;
  }

  async pendingRetries(now: Date): Promise<PlannedReminder[]> {
    return [...this.ledger.values()]
      .filter((row) => claimable(row, now.getTime()))
      .sort(byLedgerOrder)
      .map((row) => ({ subscriptionKey: row.subscriptionKey, milestoneId: row.milestoneId, leadDays: row.leadDays, sendAt: new Date(row.sendAt) }));
  }

  async deliveries(subscriptionKey?: string): Promise<Delivery[]> {
    return [...this.ledger.values()]
      .filter((row) => subscriptionKey === undefined || row.subscriptionKey === subscriptionKey)
      .sort(byLedgerOrder)
      .map((row) => ({ ...row }));
  }

  async watermark(): Promise<Date | null> {
    return this.mark ? new Date(this.mark) : null;
  }

  async advanceWatermark(to: Date): Promise<void> {
    if (!this.mark || to.getTime() > this.mark.getTime()) this.mark = new Date(to);
  }

  async rememberThread(platform: ChatPlatform, keys: readonly string[], context: ThreadContext, now: Date): Promise<void> {
    if (this.threadPrune.due(now)) {
      for (const [k, row] of this.threads) if (row.at < now.getTime() - THREAD_CONTEXT_KEEP_MS) this.threads.delete(k);
    }
    for (const key of keys) {
      const id = `${platform}\u0000${key}`;
      const row = this.threads.get(id);
      if (!row || row.at <= now.getTime()) this.threads.set(id, { context: { ...context }, at: now.getTime() });
    }
  }

  async threadContext(platform: ChatPlatform, key: string, now: Date): Promise<ThreadContext | null> {
    const row = this.threads.get(`${platform}\u0000${key}`);
    return row && row.at >= now.getTime() - THREAD_CONTEXT_KEEP_MS ? { ...row.context } : null;
  }

  async claimEvent(platform: ChatPlatform, id: string, now: Date, until: Date): Promise<boolean> {
    if (this.eventPrune.due(now)) {
      for (const [k, expires] of this.events) if (expires <= now.getTime()) this.events.delete(k);
    }
    const key = `${platform}\u0000${id}`;
    const held = this.events.get(key);
    if (held !== undefined && held > now.getTime()) return false;
    this.events.set(key, until.getTime());
    return true;
  }

  async releaseEvent(platform: ChatPlatform, id: string): Promise<void> {
    this.events.delete(`${platform}\u0000${id}`);
  }

  async confirmEvent(platform: ChatPlatform, id: string, until: Date): Promise<void> {
    const key = `${platform}\u0000${id}`;
    if (this.events.has(key)) this.events.set(key, until.getTime());
  }

  async channelMark(channelKey: string): Promise<ChannelMark | null> {
    const m = this.marks.get(channelKey);
    return m ? copyMark(m) : null;
  }

  async channelMarks(): Promise<Map<string, ChannelMark>> {
    return new Map([...this.marks].map(([k, m]) => [k, copyMark(m)]));
  }

  async recordChannelMark(channelKey: string, mark: ChannelMark): Promise<void> {
    const old = this.marks.get(channelKey);
    if (!old) {
      this.marks.set(channelKey, copyMark(mark));
      return;
    }
    const newest = endInstant(mark.newest).getTime() > endInstant(old.newest).getTime() ? { ...mark.newest } : old.newest;
    const at = mark.at.getTime() > old.at.getTime() ? new Date(mark.at) : old.at;
    this.marks.set(channelKey, { newest, at });
  }

  async rememberSignature(platform: ChatPlatform, signature: string, now: Date, until: Date): Promise<boolean> {
    if (this.signaturePrune.due(now)) {
      for (const [k, expires] of this.signatures) if (expires <= now.getTime()) this.signatures.delete(k);
    }
    const key = `${platform}\u0000${signature}`;
    const held = this.signatures.get(key);
    if (held !== undefined && held > now.getTime()) return false;
    this.signatures.set(key, until.getTime());
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
