/**
 * bench:slack — answers POSTED end to end: signed `/haiti` commands over HTTP on 127.0.0.1, a mix of briefs
 * (status, proposals, dates) and questions, through the real Slack app (ack, answer queue, engine, Block Kit,
 * chat.postMessage to a local fake Web API), against a bare Bolt app that acks and posts the same message (the
 * same Block Kit payload, rendered once beforehand) in the same run. A round ends when the fake Web API has
 * received every answer; answers/s = requests / (first request to last answer posted). Slack's side (load
 * generator and fake Web API) is a separate process, so the CPU time of this process is the app's: reported
 * per request. 50 requests in flight; rounds alternate which app goes first. Each app first answers BENCH_WARMUP
 * requests (300) untimed, so that both are measured with their code compiled. Bounded (fixed request counts,
 * a time cap per round), loopback only. The app keeps its shared state (request signatures, event claims) in a
 * SQLite file, as `npm start` does; BENCH_STORE=none runs it without one.
 * Target: the app's answers/s at least 0.8 of the posting baseline's (median of per-round ratios).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { App } from '@slack/bolt';
import { BriefingEngine } from '../src/core/engine.js';
import { fixedClock } from '../src/core/ports.js';
import { createLogger } from '../src/logger.js';
import { renderBlockKit } from '../src/render/block-kit.js';
import { boltLogger } from '../src/slack/bolt-logger.js';
import { createSlackApp } from '../src/slack/slack-app.js';
import { loadSlackConfig } from '../src/slack/slack-config.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { loadEvalSet } from '../tests/answers/eval-set.js';
import { shippedKnowledge } from '../tests/doubles/fixture-kb.js';
import type { SideReply, SideRequest } from './slack-side.js';
import { runMain } from './run-main.js';

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REQUEST_TIMEOUT_MS = 30_000;
const POSTS_TIMEOUT_MS = 90_000;
const TARGET = 0.8;
const STORE = process.env.BENCH_STORE ?? 'sqlite';
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const TOKEN = 'xoxb-1111-2222-BenchToken';
const NOW = new Date('2025-10-15T12:00:00Z');

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

interface Run {
  answersPerSecond: number;
  acksPerSecond: number;
  ackP50: number;
  ackP99: number;
  cpuMsPerRequest: number;
  posted: number;
}

const silent = new Writable({ write: (_c, _e, done) => done() });

/** The mix: briefs and questions alternate (questions from the project's own evaluation set, not the blind one). */
function texts(count: number, offset: number): string[] {
  const briefs = ['status', 'proposals', 'dates'];
  const questions = loadEvalSet()
    .questions.filter((q) => !q.context && !q.after)
    .map((q) => `ask ${q.q}`);
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return n % 2 === 0 ? (briefs[(n / 2) % briefs.length] as string) : (questions[((n - 1) / 2) % questions.length] as string);
  });
}

/** Slack's side, in a child process running TypeScript through tsx. */
class SlackSide {
  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
  ) {}

  static async start(): Promise<SlackSide> {
    const child = fork(new URL('./slack-side.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<SideReply>((resolve, reject) => {
      child.once('message', (m) => resolve(m as SideReply));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the Slack side exited (${code})`)));
    });
    if (ready.type !== 'ready') throw new Error('the Slack side did not start');
    return new SlackSide(child, ready.apiUrl);
  }

  load(url: string, batch: string[]): Promise<Extract<SideReply, { type: 'loaded' }>> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (reply: SideReply) => (reply.type === 'loaded' ? resolve(reply) : reject(new Error(reply.type === 'failed' ? reply.error : reply.type))));
      this.child.send({ type: 'load', url, texts: batch, concurrency: CONCURRENCY, secret: SECRET, timeoutMs: REQUEST_TIMEOUT_MS, postsTimeoutMs: POSTS_TIMEOUT_MS } satisfies SideRequest);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'close' } satisfies SideRequest);
    await exited;
  }
}

async function realApp(side: SlackSide, engine: BriefingEngine): Promise<Target> {
  const config = loadSlackConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: side.apiUrl, PORT: '0', HOST: '127.0.0.1' });
  if (!config) throw new Error('bench configuration not taken');
  // The queue may hold every request of a round: this measures throughput, not the busy answer past the bound
  // (the bare baseline has no bound either); the concurrency stays the default.
  // Its shared state (request signatures, event claims) in a SQLite file, as `npm start` keeps it; BENCH_STORE=none: memory only.
  const storeDir = STORE === 'sqlite' ? mkdtempSync(join(tmpdir(), 'haiti-bench-slack-')) : null;
  const store = storeDir ? new SqliteStore(join(storeDir, 'haiti-brief.sqlite')) : null;
  const slack = createSlackApp({ config, engine, logger: createLogger('warn', silent), limits: { maxWaiting: 100_000 }, ...(store ? { store } : {}) });
  const { port } = await slack.start();
  const stop = async (): Promise<void> => {
    await slack.stop();
    await store?.close();
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  };
  return { name: 'haiti app', url: `http://127.0.0.1:${port}/slack/events`, stop };
}

/** The baseline: Bolt as the app configures it, acking then posting the same message, rendered beforehand. */
async function bareApp(side: SlackSide, messages: Map<string, ReturnType<typeof renderBlockKit>>): Promise<Target> {
  const app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    convoStore: false,
    ignoreSelf: false,
    logger: boltLogger(createLogger('warn', silent)),
    clientOptions: { slackApiUrl: side.apiUrl },
  });
  app.command('/haiti', async ({ ack, command, client }) => {
    await ack();
    const message = messages.get(command.text);
    if (!message) throw new Error(`no message prepared for "${command.text}"`);
    await client.chat.postMessage({ channel: command.channel_id, ...message });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { name: 'bare Bolt', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const median = (xs: number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);

async function measure(side: SlackSide, target: Target, batch: string[]): Promise<Run> {
  const cpu = process.cpuUsage();
  const r = await side.load(target.url, batch);
  const used = process.cpuUsage(cpu);
  const acks = [...r.acks].sort((a, b) => a - b);
  if (r.posted < batch.length) console.log(`  (${target.name}: only ${r.posted} of ${batch.length} answers posted within ${POSTS_TIMEOUT_MS / 1000} s)`);
  return {
    answersPerSecond: r.posted / r.postedSeconds,
    acksPerSecond: batch.length / r.ackedSeconds,
    ackP50: quantile(acks, 0.5),
    ackP99: quantile(acks, 0.99),
    cpuMsPerRequest: (used.user + used.system) / 1000 / batch.length,
    posted: r.posted,
  };
}

const fmt = (r: Run): string =>
  `${r.answersPerSecond.toFixed(0).padStart(5)} answers/s posted   acks ${r.acksPerSecond.toFixed(0).padStart(5)}/s p50 ${r.ackP50.toFixed(1).padStart(6)} ms p99 ${r.ackP99.toFixed(1).padStart(6)} ms   CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`;

async function main(): Promise<number> {
  const engine = new BriefingEngine(shippedKnowledge(), fixedClock(NOW));
  // The baseline's messages: what the app posts for each text (Block Kit with the same byline).
  const all = texts(Math.max(REQUESTS, WARMUP) * 2, 0);
  const messages = new Map<string, ReturnType<typeof renderBlockKit>>();
  for (const text of new Set(all)) messages.set(text, renderBlockKit(await engine.answerText(text), { byline: { userId: 'U0ANALYST', command: `/haiti ${text}` } }));
  const bytes = [...messages.values()].map((m) => Buffer.byteLength(JSON.stringify(m)));
  const side = await SlackSide.start();
  const real = await realApp(side, new BriefingEngine(shippedKnowledge(), fixedClock(NOW)));
  const bare = await bareApp(side, messages);
  console.log(
    `bench:slack  answers posted end to end: signed /haiti commands over HTTP on 127.0.0.1, half briefs and half questions ` +
      `(${messages.size} distinct texts, messages of ${Math.min(...bytes)}-${Math.max(...bytes)} bytes), ${REQUESTS} requests x ${ROUNDS} rounds, ${CONCURRENCY} in flight; ` +
      `the app's shared state in ${STORE === 'sqlite' ? 'a SQLite store' : 'memory only'}`,
  );
  try {
    for (const target of [real, bare]) await measure(side, target, texts(WARMUP, 0));
    const ratios: number[] = [];
    const results = new Map<Target, Run[]>([
      [real, []],
      [bare, []],
    ]);
    for (let round = 1; round <= ROUNDS; round++) {
      const got = new Map<Target, Run>();
      for (const target of round % 2 === 1 ? [bare, real] : [real, bare]) {
        const run = await measure(side, target, texts(REQUESTS, round));
        got.set(target, run);
        results.get(target)?.push(run);
        console.log(`  round ${round}  ${target.name.padEnd(10)} ${fmt(run)}`);
      }
      ratios.push((got.get(real)?.answersPerSecond ?? NaN) / (got.get(bare)?.answersPerSecond ?? NaN));
    }
    const ratio = median(ratios);
    const cpu = (t: Target): number => median((results.get(t) ?? []).map((r) => r.cpuMsPerRequest));
    const p99 = (t: Target): number => median((results.get(t) ?? []).map((r) => r.ackP99));
    console.log(`answers/s ratio per round (haiti app / posting bare Bolt): ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    console.log(`median CPU per request: haiti app ${cpu(real).toFixed(2)} ms, bare Bolt ${cpu(bare).toFixed(2)} ms; median ack p99: ${p99(real).toFixed(1)} ms vs ${p99(bare).toFixed(1)} ms`);
    console.log(`median answers/s ratio: ${ratio.toFixed(2)}   target >= ${TARGET}   ${ratio >= TARGET ? 'MET' : 'NOT MET'}`);
    return ratio >= TARGET ? 0 : 1;
  } finally {
    await real.stop();
    await bare.stop();
    await side.close();
  }
}

runMain(main);
