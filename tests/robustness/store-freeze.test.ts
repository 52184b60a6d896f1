// Issue 14, item 5: a hung PostgreSQL no longer stops every answer. The test freezes its own PostgreSQL server
// (SIGSTOP to the server and its backends) under the real Slack app: `status`, which needs no database, is
// still answered; `remind on` fails within seconds with a clear message; /healthz stays 200 (liveness) while
// /readyz says the store does not answer; after SIGCONT everything works again. Before: with the database
// frozen nothing at all was answered, and /healthz kept saying 200 (there was no /readyz).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import { fixedClock } from '../../src/core/ports.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { freezeCluster, startPostgresCluster, type PostgresCluster } from '../doubles/postgres-cluster.js';
import { knowledge, NOW, RecordingEngine, startHarness, type Harness } from '../slack/harness.js';

let cluster: PostgresCluster;
let store: PostgresStore;
let h: Harness;
let thaw: (() => void) | undefined;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  store = await PostgresStore.open(cluster.url, { connectMs: 1000, statementMs: 1000, idleInTransactionMs: 5000 });
  const remind = createRemindHandler({ knowledge: knowledge(), store, defaults: { timeZone: 'UTC', postAt: '09:00' }, canDeliver: () => true });
  h = await startHarness({ store, engine: new RecordingEngine(knowledge(), fixedClock(NOW), { remind }) });
}, 60_000);

afterAll(async () => {
  thaw?.();
  await h?.stop();
  await h?.fake.close();
  await store?.close();
  cluster?.stop();
});

async function answerTo(channel: string, text: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const responseUrl = h.fake.responseUrl(`freeze-${channel}`);
  expect((await h.command({ text, channel, responseUrl })).status).toBe(200);
  const call = await h.fake.waitFor((c) => (c.method === 'response_url' && c.path === `/respond/freeze-${channel}`) || (c.method === 'chat.postMessage' && c.body.channel === channel), 20_000);
  return { text: JSON.stringify([call.body.text, call.body.blocks]), ms: performance.now() - started };
}

const get = async (path: string): Promise<{ status: number; body: unknown; ms: number }> => {
  const started = performance.now();
  const res = await fetch(`${h.url}${path}`);
  return { status: res.status, body: await res.json(), ms: performance.now() - started };
};

describe('a frozen PostgreSQL under the Slack app', () => {
  it('answers while it runs, as a control', async () => {
    expect((await answerTo('C0BEFORE', 'remind on')).text).toContain('Reminders are on for this channel');
    expect((await get('/readyz')).status).toBe(200);
  });

  it('still answers status, fails remind on fast and clearly, and says it is not ready; then recovers', async () => {
    thaw = freezeCluster(cluster);
    const status = await answerTo('C0STATUS', 'status');
    expect(status.text).toContain('Asked by <@U0ANALYST>');
    expect(status.ms).toBeLessThan(5000);

    const remind = await answerTo('C0REMIND', 'remind on 14');
    expect(remind.text).toContain("can't reach the reminder store right now, so nothing was changed");
    expect(remind.ms).toBeLessThan(8000);

    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false });
    expect(ready.ms).toBeLessThan(4000);

    thaw();
    thaw = undefined;
    let again = await get('/readyz');
    for (let i = 0; i < 20 && again.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      again = await get('/readyz');
    }
    expect(again.status).toBe(200);
    expect((await answerTo('C0AFTER', 'remind on 14')).text).toContain('Reminders are on for this channel');
    expect(await store.getSubscription('slack:C0REMIND')).toBeNull(); // the refused change was not made later
  }, 60_000);
});
