/**
 * Benchmark: one reminder tick fanning out one milestone to 10,000 subscribed channels, against a recording
 * sender, on an in-memory store (the baseline), on SQLite and on PostgreSQL (DATABASE_URL, or a throwaway
 * cluster started here). Reports the tick's time and the store's share per reminder: (tick time - time in the
 * sender) / reminders, minus the same figure for the in-memory baseline measured in this run.
 * Target: the store's share under 1 ms per reminder on SQLite. Bounded: fixed counts, a hard time limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Subscription } from '../src/core/reminders/model.js';
import { ReminderDelivery } from '../src/core/reminders/reminder-delivery.js';
import type { Store } from '../src/core/reminders/store.js';
import { fixedClock } from '../src/core/ports.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { PostgresStore } from '../src/store/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../tests/doubles/postgres-cluster.js';
import { RecordingLogger } from '../tests/doubles/recording-logger.js';
import { RecordingSender } from '../tests/doubles/recording-sender.js';
import { reminderKnowledge } from '../tests/doubles/reminder-knowledge.js';

const SUBSCRIPTIONS = 10_000;
const RUNS = 3;
const TARGET_MS = 1;
const TIME_LIMIT_MS = 5 * 60_000;
// ev-harbour-vote (10 November 2025) with a 7-day lead time is due at 09:00 UTC on 3 November.
const DUE = new Date('2025-11-03T09:00:00Z');

const limit = setTimeout(() => {
  process.stderr.write(`bench:reminders: stopped after ${TIME_LIMIT_MS / 1000} s without finishing\n`);
  process.exit(1);
}, TIME_LIMIT_MS);
limit.unref();

interface Backend {
  name: string;
  fresh(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

interface Pass {
  tickMs: number;
  senderMs: number;
  count: number;
}

async function subscribe(store: Store): Promise<void> {
  const subs: Subscription[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    key: `slack:C${String(i).padStart(6, '0')}`,
    channel: { platform: 'slack', id: `C${String(i).padStart(6, '0')}` },
    leadDays: [7],
    timeZone: null,
    postAt: null,
    origin: 'chat',
    since: new Date('2025-10-01T00:00:00Z'),
  }));
  for (let i = 0; i < subs.length; i += 50) await Promise.all(subs.slice(i, i + 50).map((s) => store.saveSubscription(s)));
  await store.advanceWatermark(new Date(DUE.getTime() - 60_000));
}

async function pass(backend: Backend, knowledge: ReturnType<typeof reminderKnowledge>): Promise<Pass> {
  const { store, dispose } = await backend.fresh();
  try {
    await subscribe(store);
    const sender = new RecordingSender();
    const delivery = new ReminderDelivery({ knowledge, store, sender, clock: fixedClock(DUE), logger: new RecordingLogger() });
    const started = performance.now();
    const report = await delivery.tick();
    const tickMs = performance.now() - started;
    if (report.sent !== SUBSCRIPTIONS || sender.sent.length !== SUBSCRIPTIONS) {
      throw new Error(`${backend.name}: sent ${report.sent} reminders (the sender got ${sender.sent.length}), expected ${SUBSCRIPTIONS}`);
    }
    return { tickMs, senderMs: sender.busyMs, count: report.sent };
  } finally {
    await store.close();
    await dispose();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<number> {
  const knowledge = reminderKnowledge();
  let cluster: PostgresCluster | null = null;
  const adminUrl = process.env.DATABASE_URL || (cluster = await startPostgresCluster()).url;
  const backends: Backend[] = [
    { name: 'memory (baseline)', fresh: async () => ({ store: new MemoryStore(), dispose: async () => undefined }) },
    {
      name: 'SQLite',
      fresh: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'haiti-bench-'));
        return { store: new SqliteStore(join(dir, 'bench.sqlite')), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    {
      name: 'PostgreSQL',
      fresh: async () => {
        const db = await createDatabase(adminUrl, 'haiti_bench');
        return { store: await PostgresStore.open(db.url), dispose: db.drop };
      },
    },
  ];
  try {
    console.log(`One tick, one milestone, ${SUBSCRIPTIONS} subscribed channels; median of ${RUNS} runs per store.`);
    console.log('store               tick ms   sender ms   overhead ms/reminder   store share ms/reminder');
    let baseline = 0;
    let sqliteShare = NaN;
    for (const backend of backends) {
      await pass(backend, knowledge); // warm-up: JIT, page cache, connection pool
      const runs: Pass[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await pass(backend, knowledge));
      const tickMs = median(runs.map((r) => r.tickMs));
      const senderMs = median(runs.map((r) => r.senderMs));
      const overhead = median(runs.map((r) => (r.tickMs - r.senderMs) / r.count));
      if (backend.name.startsWith('memory')) baseline = overhead;
      const share = overhead - baseline;
      if (backend.name === 'SQLite') sqliteShare = share;
      console.log(
        `${backend.name.padEnd(18)} ${tickMs.toFixed(0).padStart(8)} ${senderMs.toFixed(1).padStart(11)} ${overhead.toFixed(4).padStart(22)} ${share.toFixed(4).padStart(25)}`,
      );
    }
    const ok = sqliteShare < TARGET_MS;
    console.log(`SQLite store share: ${sqliteShare.toFixed(4)} ms per reminder (target < ${TARGET_MS} ms): ${ok ? 'met' : 'NOT MET'}`);
    return ok ? 0 : 1;
  } finally {
    cluster?.stop();
  }
}

process.exitCode = await main();
