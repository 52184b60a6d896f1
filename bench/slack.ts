/**
 * bench:slack — the round trip of a signed `/haiti status` over HTTP on 127.0.0.1, through the real Slack app
 * (engine, Block Kit, chat.postMessage to a local fake Web API) against a bare Bolt app whose command handler
 * only acks, in the same run. Slack's side (load generator and fake Web API) runs in a worker thread; 50
 * requests in flight; a fixed number of requests per round; rounds alternate which app goes first.
 * Targets: throughput at least 0.9 of the bare app's, p99 ack latency under 50 ms.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { App } from '@slack/bolt';
import { BriefingEngine } from '../src/core/engine.js';
import { fixedClock } from '../src/core/ports.js';
import { createLogger } from '../src/logger.js';
import { boltLogger } from '../src/slack/bolt-logger.js';
import { createSlackApp } from '../src/slack/slack-app.js';
import { loadSlackConfig } from '../src/slack/slack-config.js';
import { shippedKnowledge } from '../tests/doubles/fixture-kb.js';
import type { SideReply, SideRequest } from './slack-side-worker.js';

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUEST_TIMEOUT_MS = 10_000;
const POSTS_TIMEOUT_MS = 60_000;
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const TOKEN = 'xoxb-1111-2222-BenchToken';

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

interface Run {
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

const silent = new Writable({ write: (_c, _e, done) => done() });

/** Slack's side, in a worker thread that loads TypeScript through tsx's API (as this process does). */
class SlackSide {
  private constructor(
    private readonly worker: Worker,
    readonly apiUrl: string,
  ) {}

  static async start(): Promise<SlackSide> {
    const entry = new URL('./slack-side-worker.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
    const ready = await new Promise<SideReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (ready.type !== 'ready') throw new Error('the Slack side did not start');
    return new SlackSide(worker, ready.apiUrl);
  }

  private ask(request: SideRequest): Promise<SideReply> {
    return new Promise((resolve) => {
      this.worker.once('message', resolve);
      this.worker.postMessage(request);
    });
  }

  async load(url: string, count: number): Promise<{ latencies: Float64Array; seconds: number }> {
    const reply = await this.ask({ type: 'load', url, count, concurrency: CONCURRENCY, secret: SECRET, timeoutMs: REQUEST_TIMEOUT_MS });
    if (reply.type !== 'loaded') throw new Error(`load failed: ${reply.type === 'failed' ? reply.error : reply.type}`);
    return reply;
  }

  /** Waits (bounded) until the fake Web API has received `count` chat.postMessage calls in all. */
  async postsArrived(count: number): Promise<void> {
    const until = Date.now() + POSTS_TIMEOUT_MS;
    for (;;) {
      const reply = await this.ask({ type: 'count' });
      const posts = reply.type === 'count' ? reply.posts : 0;
      if (posts >= count) return;
      if (Date.now() > until) throw new Error(`only ${posts} of ${count} posts arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' } satisfies SideRequest);
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }
}

async function realApp(side: SlackSide): Promise<Target> {
  const config = loadSlackConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: side.apiUrl, PORT: '0', HOST: '127.0.0.1' });
  if (!config) throw new Error('bench configuration not taken');
  const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date('2025-06-01T12:00:00Z')));
  const slack = createSlackApp({ config, engine, logger: createLogger('warn', silent) });
  const { port } = await slack.start();
  return { name: 'haiti app', url: `http://127.0.0.1:${port}/slack/events`, stop: () => slack.stop() };
}

async function bareApp(side: SlackSide): Promise<Target> {
  // Bolt as the app configures it (no conversation store, no ignoreSelf), so the difference is our listeners.
  const app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    convoStore: false,
    ignoreSelf: false,
    logger: boltLogger(createLogger('warn', silent)),
    clientOptions: { slackApiUrl: side.apiUrl },
  });
  app.command('/haiti', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { name: 'bare Bolt', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

function summarize(latencies: Float64Array, seconds: number): Run {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { throughput: latencies.length / seconds, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const fmt = (r: Run): string =>
  `${r.throughput.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms`;

async function main(): Promise<void> {
  const side = await SlackSide.start();
  const real = await realApp(side);
  const bare = await bareApp(side);
  console.log(`bench:slack  signed /haiti status over HTTP on 127.0.0.1: ${REQUESTS} requests x ${ROUNDS} rounds, ${CONCURRENCY} in flight`);
  const runs = new Map<Target, Run[]>([
    [real, []],
    [bare, []],
  ]);
  let posted = 0;
  for (const target of [real, bare]) await side.load(target.url, WARMUP);
  posted += WARMUP;
  await side.postsArrived(posted);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of round % 2 === 1 ? [bare, real] : [real, bare]) {
      const started = performance.now();
      const { latencies, seconds } = await side.load(target.url, REQUESTS);
      const run = summarize(latencies, seconds);
      runs.get(target)?.push(run);
      let tail = '';
      if (target === real) {
        posted += REQUESTS;
        await side.postsArrived(posted);
        tail = `   all ${REQUESTS} briefs posted after ${((performance.now() - started) / 1000).toFixed(2)} s`;
      }
      console.log(`  round ${round}  ${target.name.padEnd(10)} ${fmt(run)}${tail}`);
    }
  }
  const realRuns = runs.get(real) ?? [];
  const bareRuns = runs.get(bare) ?? [];
  // Each round measures both apps back to back, so a round's ratio compares like with like on a shared machine.
  const ratios = realRuns.map((r, i) => r.throughput / (bareRuns[i]?.throughput ?? NaN));
  const ratio = median(ratios);
  const p99 = median(realRuns.map((r) => r.p99));
  const bareP99 = median(bareRuns.map((r) => r.p99));
  console.log(`throughput ratio per round (haiti app / bare Bolt): ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`median throughput ratio: ${ratio.toFixed(3)}   target >= 0.9   ${ratio >= 0.9 ? 'MET' : 'NOT MET'}`);
  console.log(`median p99 ack latency: haiti app ${p99.toFixed(2)} ms, bare Bolt ${bareP99.toFixed(2)} ms   target < 50 ms   ${p99 < 50 ? 'MET' : 'NOT MET'}`);
  await real.stop();
  await bare.stop();
  await side.close();
}

await main();
