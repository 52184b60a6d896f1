import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { reminderId, type PlannedReminder, type Subscription } from '../../src/core/reminders/model.js';
import type { Store } from '../../src/core/reminders/store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { createTestDatabase } from '../doubles/postgres-database.js';

/** A store under test: `open` opens a connection to the one database of this test; a second call, a second one. */
interface Backend {
  name: string;
  /** Opens a fresh, empty database for one test, and returns a way to connect to it (again). */
  fresh(): Promise<{ open(): Promise<Store>; durable: boolean; drop(): Promise<void> }>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const backends: Backend[] = [
  {
    name: 'SQLite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'haiti-store-'));
      return { open: async () => new SqliteStore(join(dir, 'nested', 'brief.sqlite')), durable: true, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      const db = await createTestDatabase();
      return { open: () => PostgresStore.open(db.url), durable: true, drop: db.drop };
    },
  },
  {
    name: 'memory',
    fresh: async () => {
      const store = new MemoryStore();
      return { open: async () => store, durable: false, drop: async () => undefined };
    },
  },
];

const T0 = new Date('2025-09-02T09:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

function sub(id: string, extra: Partial<Subscription> = {}): Subscription {
  return { key: `slack:${id}`, channel: { platform: 'slack', id }, leadDays: [30, 7, 1], timeZone: null, postAt: null, origin: 'chat', since: new Date('2025-08-01T00:00:00Z'), ...extra };
}

function reminder(channel: string, lead = 30, milestone = 'ev-end'): PlannedReminder {
  return { subscriptionKey: `slack:${channel}`, milestoneId: milestone, leadDays: lead, sendAt: T0 };
}

describe.each(backends)('the $name store', (backend) => {
  let store: Store;
  let connect: () => Promise<Store>;
  let durable: boolean;

  beforeEach(async () => {
    const fresh = await backend.fresh();
    const opened: Store[] = [];
    connect = async () => {
      const s = await fresh.open();
      opened.push(s);
      return s;
    };
    durable = fresh.durable;
    store = await connect();
    cleanups.push(async () => {
      for (const s of opened) await s.close();
      await fresh.drop();
    });
  });

  describe('subscriptions', () => {
    it('saves, reads, lists and deletes a channel subscription, with a Teams conversation reference intact', async () => {
      const reference = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.example/', bot: { id: '28:bot' } };
      const teams: Subscription = { ...sub('x'), key: 'teams:19:abc@thread.tacv2', channel: { platform: 'teams', id: '19:abc@thread.tacv2', reference }, timeZone: 'America/Port-au-Prince', postAt: '08:30' };
      expect(await store.saveSubscription(teams)).toEqual(teams);
      await store.saveSubscription(sub('C1', { leadDays: [14, 2] }));
      expect(await store.getSubscription('teams:19:abc@thread.tacv2')).toEqual(teams);
      expect((await store.listSubscriptions()).map((s) => [s.key, s.leadDays])).toEqual([
        ['slack:C1', [14, 2]],
        ['teams:19:abc@thread.tacv2', [30, 7, 1]],
      ]);
      expect(await store.deleteSubscription('slack:C1')).toBe(true);
      expect(await store.deleteSubscription('slack:C1')).toBe(false);
      expect(await store.getSubscription('slack:C1')).toBeNull();
    });

    it('keeps when a subscription began when it is saved again with other lead times', async () => {
      await store.saveSubscription(sub('C1'));
      const again = await store.saveSubscription(sub('C1', { leadDays: [7], since: new Date('2025-09-01T00:00:00Z') }));
      expect(again.leadDays).toEqual([7]);
      expect(again.since).toEqual(new Date('2025-08-01T00:00:00Z'));
    });

    it('keeps who last set a subscription in chat, and forgets it when the operator\'s configuration takes over', async () => {
      expect(await store.saveSubscription(sub('C1', { setBy: 'U0JANE' }))).toMatchObject({ setBy: 'U0JANE' });
      expect((await store.getSubscription('slack:C1'))?.setBy).toBe('U0JANE');
      await store.saveSubscription(sub('C1', { setBy: 'U0PAUL', leadDays: [1] }));
      expect((await store.listSubscriptions()).map((s) => s.setBy)).toEqual(['U0PAUL']);
      await store.saveSubscription(sub('C1'));
      expect(await store.getSubscription('slack:C1')).not.toHaveProperty('setBy');
    });
  });

  describe('claims', () => {
    beforeEach(async () => {
      for (const c of ['C1', 'C2', 'C3']) await store.saveSubscription(sub(c));
    });

    it('claims a new reminder once: nobody else gets it while the lease holds', async () => {
      const first = await store.claim([reminder('C1'), reminder('C2')], T0, at(10));
      expect(first.map((c) => [c.subscriptionKey, c.attempt])).toEqual([
        ['slack:C1', 1],
        ['slack:C2', 1],
      ]);
      expect(await store.claim([reminder('C1'), reminder('C2'), reminder('C3')], at(5), at(15))).toMatchObject([{ subscriptionKey: 'slack:C3', attempt: 1 }]);
    });

    it('claims a reminder listed twice in one batch once', async () => {
      expect(await store.claim([reminder('C1'), reminder('C1')], T0, at(10))).toHaveLength(1);
    });

    it('lets a later tick take over a claim whose lease ran out, and fences the old claim out', async () => {
      const [old] = await store.claim([reminder('C1')], T0, at(10));
      expect(await store.pendingRetries(at(9))).toEqual([]);
      expect(await store.pendingRetries(at(10))).toEqual([reminder('C1')]);
      const [taken] = await store.claim([reminder('C1')], at(10), at(20));
      expect(taken).toMatchObject({ attempt: 2, sendAt: T0 });
      expect(await store.markSent(old!, at(11))).toBe(false);
      expect(await store.markSent(taken!, at(11))).toBe(true);
      expect(await store.claim([reminder('C1')], at(60), at(70))).toEqual([]);
      expect(await store.deliveries('slack:C1')).toMatchObject([{ state: 'sent', attempts: 2, sentAt: at(11), leaseUntil: null }]);
    });

    it('does not claim reminders of a channel that is no longer subscribed', async () => {
      await store.deleteSubscription('slack:C2');
      expect((await store.claim([reminder('C1'), reminder('C2')], T0, at(10))).map((c) => c.subscriptionKey)).toEqual(['slack:C1']);
    });

    it('holds a failed send until its retry is due, then lets it be claimed again', async () => {
      const [claim] = await store.claim([reminder('C1')], T0, at(10));
      expect(await store.markFailed(claim!, '429 Too Many Requests', at(2), at(0))).toBe(true);
      expect(await store.deliveries()).toMatchObject([{ state: 'retry', attempts: 1, nextAttemptAt: at(2), lastError: '429 Too Many Requests' }]);
      expect(await store.claim([reminder('C1')], at(1), at(11))).toEqual([]);
      expect(await store.pendingRetries(at(2))).toEqual([reminder('C1')]);
      const [retry] = await store.claim([reminder('C1')], at(2), at(12));
      expect(retry!.attempt).toBe(2);
      expect(await store.markSent(retry!, at(3))).toBe(true);
      expect(await store.deliveries()).toMatchObject([{ state: 'sent', attempts: 2, lastError: null, nextAttemptAt: null }]);
    });

    it('never claims again a reminder that failed for good', async () => {
      const [claim] = await store.claim([reminder('C1')], T0, at(10));
      await store.markFailed(claim!, 'channel_not_found', null, at(1));
      expect(await store.claim([reminder('C1')], at(100), at(110))).toEqual([]);
      expect(await store.pendingRetries(at(100))).toEqual([]);
      expect(await store.deliveries()).toMatchObject([{ state: 'failed', lastError: 'channel_not_found' }]);
    });

    it('skips reminders not yet in the ledger and those waiting for a retry, not those sent or held', async () => {
      const [sent] = await store.claim([reminder('C1', 30)], T0, at(10));
      await store.markSent(sent!, at(1));
      await store.claim([reminder('C1', 7)], T0, at(10));
      const [failing] = await store.claim([reminder('C1', 1)], T0, at(10));
      await store.markFailed(failing!, '503 Service Unavailable', at(5), at(1));
      const skipped = await store.skip([reminder('C1', 30), reminder('C1', 7), reminder('C1', 1), reminder('C2', 30)], 'too late', at(6));
      expect(skipped.map((d) => [d.subscriptionKey, d.leadDays, d.attempts, d.lastError]).sort()).toEqual([
        ['slack:C1', 1, 1, 'too late; last send error: 503 Service Unavailable'],
        ['slack:C2', 30, 0, 'too late'],
      ]);
      expect((await store.deliveries()).map((d) => [d.subscriptionKey, d.leadDays, d.state])).toEqual([
        ['slack:C1', 30, 'sent'],
        ['slack:C1', 7, 'claimed'],
        ['slack:C1', 1, 'skipped'],
        ['slack:C2', 30, 'skipped'],
      ]);
      expect(await store.claim([reminder('C2', 30)], at(7), at(17))).toEqual([]);
      expect(await store.skip([reminder('C2', 30)], 'again', at(8))).toEqual([]);
    });

    it('gives each of two connections claiming the same reminders at once a disjoint share of them', async () => {
      const other = await connect();
      const many: PlannedReminder[] = [];
      for (let i = 0; i < 60; i++) {
        const channel = `M${String(i).padStart(3, '0')}`;
        await store.saveSubscription(sub(channel));
        for (const lead of [30, 7, 1]) many.push(reminder(channel, lead));
      }
      const batches = (list: PlannedReminder[]): PlannedReminder[][] => Array.from({ length: 6 }, (_, i) => list.slice(i * 30, i * 30 + 30));
      const [a, b] = await Promise.all([
        Promise.all(batches(many).map((batch) => store.claim(batch, T0, at(10)))),
        Promise.all(batches([...many].reverse()).map((batch) => other.claim(batch, T0, at(10)))),
      ]);
      const won = [...a.flat(), ...b.flat()].map(reminderId);
      expect(won).toHaveLength(many.length);
      expect(new Set(won)).toEqual(new Set(many.map(reminderId)));
    });
  });

  describe('thread contexts', () => {
    const DAY = 86_400_000;
    const days = (n: number): Date => new Date(T0.getTime() + n * DAY);
    const THREAD = '19:general@thread.tacv2;messageid=1001';

    it('reads back the context remembered under a key, per platform', async () => {
      expect(await store.threadContext('teams', THREAD, T0)).toBeNull();
      await store.rememberThread('teams', [THREAD, `${THREAD}\nbot-message-1`], { kind: 'status' }, T0);
      await store.rememberThread('teams', [`${THREAD}\nbot-message-2`, `${THREAD}\nbot-message-2`], { kind: 'answer', id: 'a1.b2' }, at(1));
      expect(await store.threadContext('teams', THREAD, at(2))).toEqual({ kind: 'status' });
      expect(await store.threadContext('teams', `${THREAD}\nbot-message-1`, at(2))).toEqual({ kind: 'status' });
      expect(await store.threadContext('teams', `${THREAD}\nbot-message-2`, at(2))).toEqual({ kind: 'answer', id: 'a1.b2' });
      expect(await store.threadContext('slack', THREAD, at(2))).toBeNull();
      await store.rememberThread('teams', [], { kind: 'dates' }, at(2));
    });

    it('replaces a context with a later one, never with an earlier one', async () => {
      await store.rememberThread('teams', [THREAD], { kind: 'status' }, at(1));
      await store.rememberThread('teams', [THREAD], { kind: 'answer', id: 'newer' }, at(3));
      await store.rememberThread('teams', [THREAD], { kind: 'dates' }, at(2));
      expect(await store.threadContext('teams', THREAD, at(4))).toEqual({ kind: 'answer', id: 'newer' });
    });

    it('forgets a context after 30 days, and deletes old rows as it writes', async () => {
      await store.rememberThread('teams', ['old'], { kind: 'proposals' }, T0);
      expect(await store.threadContext('teams', 'old', days(30))).toEqual({ kind: 'proposals' });
      expect(await store.threadContext('teams', 'old', new Date(days(30).getTime() + 1))).toBeNull();
      await store.rememberThread('teams', ['new'], { kind: 'status' }, days(31));
      // Read as of the first day again: the old row is gone from the database, not just out of date.
      expect(await store.threadContext('teams', 'old', T0)).toBeNull();
      expect(await store.threadContext('teams', 'new', days(31))).toEqual({ kind: 'status' });
    });

    it('keeps contexts across a restart', async () => {
      if (!durable) return;
      await store.rememberThread('teams', [THREAD], { kind: 'dates' }, T0);
      await store.close();
      store = await connect();
      expect(await store.threadContext('teams', THREAD, at(5))).toEqual({ kind: 'dates' });
    });
  });

  describe('event claims', () => {
    const HOUR = 3_600_000;
    const hours = (n: number): Date => new Date(T0.getTime() + n * HOUR);

    it('gives an event id to the first claim only, per platform, until the claim expires', async () => {
      expect(await store.claimEvent('slack', 'Ev01', T0, hours(24))).toBe(true);
      expect(await store.claimEvent('slack', 'Ev01', hours(1), hours(25))).toBe(false);
      expect(await store.claimEvent('teams', 'Ev01', hours(1), hours(25))).toBe(true);
      expect(await store.claimEvent('slack', 'Ev01', hours(24), hours(48))).toBe(true);
      expect(await store.claimEvent('slack', 'Ev01', hours(30), hours(54))).toBe(false);
    });

    it('extends a claim once its event is answered, and confirms nothing it does not hold', async () => {
      expect(await store.claimEvent('slack', 'Ev02', T0, at(2))).toBe(true);
      await store.confirmEvent('slack', 'Ev02', hours(24));
      expect(await store.claimEvent('slack', 'Ev02', at(3), hours(25))).toBe(false);
      expect(await store.claimEvent('slack', 'Ev02', hours(24), hours(48))).toBe(true);
      await store.confirmEvent('slack', 'never-claimed', hours(24));
      expect(await store.claimEvent('slack', 'never-claimed', at(1), at(2))).toBe(true);
    });

    it('lets an event be claimed again once its claim was released', async () => {
      expect(await store.claimEvent('teams', 'conv\nact-1', T0, hours(24))).toBe(true);
      await store.releaseEvent('teams', 'conv\nact-1');
      expect(await store.claimEvent('teams', 'conv\nact-1', at(1), hours(24))).toBe(true);
      expect(await store.claimEvent('teams', 'conv\nact-1', at(2), hours(24))).toBe(false);
      await store.releaseEvent('teams', 'never-claimed');
    });

    it('deletes expired claims as it takes new ones', async () => {
      await store.claimEvent('slack', 'Ev-old', T0, hours(24));
      await store.claimEvent('slack', 'Ev-new', hours(48), hours(72));
      // Claimed again as of the first hour: it wins only because the expired row is gone from the database.
      expect(await store.claimEvent('slack', 'Ev-old', hours(1), hours(25))).toBe(true);
      expect(await store.claimEvent('slack', 'Ev-new', hours(49), hours(73))).toBe(false);
    });

    it('keeps claims across a restart', async () => {
      if (!durable) return;
      await store.claimEvent('slack', 'Ev01', T0, hours(24));
      await store.close();
      store = await connect();
      expect(await store.claimEvent('slack', 'Ev01', hours(1), hours(25))).toBe(false);
    });

    it('gives each event to exactly one of two connections claiming it at once', async () => {
      const other = await connect();
      const ids = Array.from({ length: 100 }, (_, i) => `Ev${String(i).padStart(3, '0')}`);
      const [a, b] = await Promise.all([
        Promise.all(ids.map((id) => store.claimEvent('slack', id, T0, hours(24)))),
        Promise.all([...ids].reverse().map((id) => other.claimEvent('slack', id, T0, hours(24)))),
      ]);
      const winsA = ids.filter((_, i) => a[i]);
      const winsB = [...ids].reverse().filter((_, i) => b[i]);
      expect([...winsA, ...winsB].sort()).toEqual(ids);
    });
  });

  // Issue 14, item 3: a replayed signed request is answered once, whichever copy of the bot receives it.
  describe('request signatures', () => {
    const min = (n: number): Date => new Date(T0.getTime() + n * 60_000);

    it('remembers a signature for its window, per platform, then lets it go', async () => {
      expect(await store.rememberSignature('slack', 'v0=abc', T0, min(5))).toBe(true);
      expect(await store.rememberSignature('slack', 'v0=abc', min(4), min(9))).toBe(false);
      expect(await store.rememberSignature('teams', 'v0=abc', min(4), min(9))).toBe(true);
      expect(await store.rememberSignature('slack', 'v0=abc', min(5), min(10))).toBe(true);
      expect(await store.rememberSignature('slack', 'v0=abc', min(6), min(11))).toBe(false);
    });

    it('gives each signature to exactly one of two connections, and keeps it across a restart', async () => {
      const other = await connect();
      const sigs = Array.from({ length: 50 }, (_, i) => `v0=${i}`);
      const [a, b] = await Promise.all([
        Promise.all(sigs.map((sig) => store.rememberSignature('slack', sig, T0, min(5)))),
        Promise.all(sigs.map((sig) => other.rememberSignature('slack', sig, T0, min(5)))),
      ]);
      expect(sigs.filter((_, i) => a[i] === b[i])).toEqual([]);
      if (!durable) return;
      await store.close();
      store = await connect();
      expect(await store.rememberSignature('slack', 'v0=7', min(1), min(6))).toBe(false);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  it('keeps the watermark of the last tick, never moving it back', async () => {
    expect(await store.watermark()).toBeNull();
    await store.advanceWatermark(at(5));
    await store.advanceWatermark(at(3));
    expect(await store.watermark()).toEqual(at(5));
    await store.advanceWatermark(at(6));
    expect(await store.watermark()).toEqual(at(6));
  });

  it('keeps everything across a restart, and migrating again changes nothing', async () => {
    if (!durable) return;
    await store.saveSubscription(sub('C1'));
    const [claim] = await store.claim([reminder('C1')], T0, at(10));
    await store.markSent(claim!, at(1));
    await store.advanceWatermark(at(1));
    await store.close();
    store = await connect();
    expect(await store.getSubscription('slack:C1')).toEqual(sub('C1'));
    expect(await store.deliveries()).toMatchObject([{ state: 'sent', subscriptionKey: 'slack:C1' }]);
    expect(await store.watermark()).toEqual(at(1));
  });

  describe('keeping it current', () => {
    it('keeps a channel\'s digest choice: off when asked, on again when asked, on by default', async () => {
      expect(await store.saveSubscription(sub('C1', { digest: false }))).toEqual(sub('C1', { digest: false }));
      expect(await store.getSubscription('slack:C1')).toEqual(sub('C1', { digest: false }));
      expect((await store.getSubscription('slack:C1'))?.digest).toBe(false);
      await store.saveSubscription(sub('C1'));
      expect((await store.getSubscription('slack:C1'))?.digest).toBeUndefined();
      await store.saveSubscription(sub('C2'));
      expect((await store.listSubscriptions()).map((s) => s.digest)).toEqual([undefined, undefined]);
    });

    it('remembers per channel the newest source its last brief rested on, never moving it back', async () => {
      expect(await store.channelMark('slack:C1')).toBeNull();
      await store.recordChannelMark('slack:C1', { newest: { date: '2025-09-30', precision: 'day' }, at: at(0) });
      await store.recordChannelMark('slack:C1', { newest: { date: '2025-08', precision: 'month' }, at: at(5) });
      expect(await store.channelMark('slack:C1')).toEqual({ newest: { date: '2025-09-30', precision: 'day' }, at: at(5) });
      await store.recordChannelMark('slack:C1', { newest: { date: '2026-11', precision: 'month' }, at: at(2) });
      expect(await store.channelMark('slack:C1')).toEqual({ newest: { date: '2026-11', precision: 'month' }, at: at(5) });
      await store.recordChannelMark('teams:19:x', { newest: { date: '2025', precision: 'year' }, at: at(1) });
      const all = await store.channelMarks();
      expect([...all.keys()].sort()).toEqual(['slack:C1', 'teams:19:x']);
      expect(all.get('teams:19:x')).toEqual({ newest: { date: '2025', precision: 'year' }, at: at(1) });
      if (!durable) return;
      await store.close();
      store = await connect();
      expect(await store.channelMark('slack:C1')).toEqual({ newest: { date: '2026-11', precision: 'month' }, at: at(5) });
    });

    it('claims a digest once per channel and knowledge version through the reminders\' ledger', async () => {
      await store.saveSubscription(sub('C1'));
      const digest = { subscriptionKey: 'slack:C1', milestoneId: 'digest:abc123', leadDays: 0, sendAt: T0 };
      const other = await connect();
      const [a, b] = await Promise.all([store.claim([digest], T0, at(10)), other.claim([digest], T0, at(10))]);
      expect([...a!, ...b!]).toHaveLength(1);
      const claim = [...a!, ...b!][0]!;
      expect(await (a!.length ? store : other).markSent(claim, at(1))).toBe(true);
      expect(await store.claim([digest], at(20), at(30))).toEqual([]);
      if (other !== store) await other.close();
    });
  });
});

describe('the SQLite store under concurrent requests', () => {
  it('commits the writes that need not wait (confirmed events, thread contexts) together, once per turn, and each caller resumes once its write is committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haiti-store-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'brief.sqlite');
    const store = new SqliteStore(file);
    const other = new Database(file, { readonly: true }); // another copy of the bot, reading the same file
    // Each commit appends the pages it changed to the write-ahead log: one commit of forty rows appends a few
    // pages, forty commits of a row each append forty pages or more.
    const walPages = (): number => (statSync(`${file}-wal`).size - 32) / (4096 + 24);
    try {
      for (let i = 0; i < 20; i++) expect(await store.claimEvent('teams', `ev-${i}`, T0, at(1))).toBe(true);
      const before = walPages();
      // Twenty requests finishing in the same turn of the event loop.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          Promise.all([store.confirmEvent('teams', `ev-${i}`, at(600)), store.rememberThread('teams', [`thread-${i}`, `thread-${i}\nmsg`], { kind: 'status' }, T0)]),
        ),
      );
      expect(walPages() - before).toBeLessThan(10);
      // Committed when awaited: the other copy sees every write.
      expect(other.prepare('SELECT COUNT(*) AS n FROM handled_events WHERE expires_at = ?').get(at(600).getTime())).toEqual({ n: 20 });
      expect(other.prepare('SELECT COUNT(*) AS n FROM thread_contexts').get()).toEqual({ n: 40 });
      // A read of another thread commits nothing early: the writes still go together.
      const queued = store.rememberThread('teams', ['thread-x'], { kind: 'status' }, T0);
      const pagesBeforeRead = walPages();
      expect(await store.threadContext('teams', 'thread-unrelated', T0)).toBeNull();
      expect(walPages()).toBe(pagesBeforeRead);
      await queued;
      // A read in this process sees its own writes at once, even those not yet committed.
      const pending = store.rememberThread('teams', ['thread-new'], { kind: 'dates' }, T0);
      expect(await store.threadContext('teams', 'thread-new', T0)).toEqual({ kind: 'dates' });
      await pending;
    } finally {
      other.close();
      await store.close();
    }
  });

  it('claims events and remembers signatures made in the same turn in one commit, each caller told once its claim is on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haiti-store-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'brief.sqlite');
    const store = new SqliteStore(file);
    const other = new Database(file, { readonly: true });
    const walPages = (): number => (statSync(`${file}-wal`).size - 32) / (4096 + 24);
    try {
      expect(await store.claimEvent('teams', 'warm-up', T0, at(1))).toBe(true);
      const before = walPages();
      // Twenty requests in one turn, one of them a copy of another: the copy loses in the same commit.
      const won = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => store.claimEvent('teams', `act-${i}`, T0, at(600))),
        store.claimEvent('teams', 'act-3', T0, at(600)),
        ...Array.from({ length: 20 }, (_, i) => store.rememberSignature('slack', `v0=sig-${i}`, T0, at(300))),
      ]);
      expect(won.slice(0, 20).every(Boolean)).toBe(true);
      expect(won[20]).toBe(false);
      expect(won.slice(21).every(Boolean)).toBe(true);
      expect(walPages() - before).toBeLessThan(10);
      expect(other.prepare("SELECT COUNT(*) AS n FROM handled_events WHERE event_id LIKE 'act-%'").get()).toEqual({ n: 20 });
      expect(other.prepare('SELECT COUNT(*) AS n FROM request_signatures').get()).toEqual({ n: 20 });
    } finally {
      other.close();
      await store.close();
    }
  });

  it('rejects a write queued after the store closed, rather than losing it silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haiti-store-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const store = new SqliteStore(join(dir, 'brief.sqlite'));
    await store.close();
    await expect(store.confirmEvent('teams', 'late', at(600))).rejects.toThrow(/not open/);
  });
});
