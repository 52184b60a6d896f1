/**
 * Teams round trip benchmark (`npm run bench:teams`): a `status` message activity POSTed over loopback to
 * /api/messages, answered through botbuilder's CloudAdapter to a local connector sink, until the bot's HTTP
 * response. Haiti Brief's bot (engine, Adaptive Card, dedupe, thread memory) WITHOUT its reply cache, so every
 * request runs the engine and the card renderer, against the baseline: a bare CloudAdapter bot sending the same
 * card, prepared beforehand. Also measured, separately: Haiti Brief with its 5-second reply cache (as shipped),
 * and a bare bot replying "ok". Target: Haiti Brief without the cache at least 0.8 of the card-sending
 * baseline's throughput, as the median of the ratios of rounds run back to back (in a rotating order), so
 * load from elsewhere hits every side. Haiti Brief's bot keeps its chat state (handled
 * activities, thread contexts) in a SQLite file, as `npm start` does; BENCH_STORE=none runs it without one.
 * Bounded: a fixed number of requests per round and a time cap; 127.0.0.1 only; exits by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { BriefingEngine } from '../src/core/engine.js';
import { systemClock, type Logger } from '../src/core/ports.js';
import { openKnowledge } from '../src/open-knowledge.js';
import { DEFAULT_CORPUS_DIR, DEFAULT_KNOWLEDGE_DIR } from '../src/paths.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { replyActivity } from '../src/teams/reply-activity.js';
import { startTeamsBot } from '../src/teams/start-teams.js';
import { runMain } from './run-main.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_CAP_MS = 20_000;
const TARGET = 0.8;
const STORE = process.env.BENCH_STORE ?? 'sqlite';

const silent: Logger = { info() {}, warn() {}, error() {} };

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The Bot Connector stand-in: drains each reply and answers with an id, keeping nothing. */
function connectorSink(): Server {
  let n = 0;
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(`{"id":"sent-${++n}"}`);
    });
  });
}

/**
 * The baseline: botbuilder's CloudAdapter behind node:http, replying "ok" to every message. Given a prepared
 * activity it replies with that instead (the control: what the size of a brief's card costs by itself).
 */
function bareBot(reply: Partial<Activity> | 'ok' = 'ok'): Server {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(reply === 'ok' ? reply : { ...reply });
    await next();
  });
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void readJson(req).then(async (body) => {
      const shim = {
        socket: res.socket,
        status: (code: number) => void (res.statusCode = code),
        header: (name: string, value: unknown) => void res.setHeader(name, String(value)),
        send: (value: unknown) => void res.write(typeof value === 'string' ? value : JSON.stringify(value)),
        end: () => void res.end(),
      };
      await adapter.process({ method: 'POST', headers: req.headers, body: body as Record<string, unknown> }, shim, (ctx) => bot.run(ctx));
    });
  });
}

let sequence = 0;
function statusActivity(serviceUrl: string): string {
  const id = `bench-${++sequence}`;
  return JSON.stringify({
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench-user', name: 'Bench', aadObjectId: 'aad-bench' },
    recipient: { id: '28:haiti-brief', name: 'Haiti Brief' },
    conversation: { id: `a:bench-chat-${sequence % 50}`, conversationType: 'personal', isGroup: false, tenantId: 't' },
    text: 'status',
    locale: 'en-US',
  });
}

interface Round {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function round(url: string, serviceUrl: string, requests: number): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < requests && performance.now() - started < ROUND_CAP_MS) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: statusActivity(serviceUrl) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

function line(name: string, r: Round): string {
  return `${name.padEnd(16)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests in ${r.seconds.toFixed(2)} s)`;
}

async function main(): Promise<number> {
  const opened = openKnowledge(DEFAULT_KNOWLEDGE_DIR, DEFAULT_CORPUS_DIR);
  if (!opened.ok) throw new Error(opened.report);
  const engine = new BriefingEngine(opened.knowledge, systemClock);

  const sink = connectorSink();
  const serviceUrl = `http://127.0.0.1:${await listen(sink)}/`;
  const bare = bareBot();
  const control = bareBot(replyActivity(await engine.answerText('status')));
  const storeDir = STORE === 'sqlite' ? mkdtempSync(join(tmpdir(), 'haiti-bench-teams-')) : null;
  const store = storeDir ? new SqliteStore(join(storeDir, 'haiti-brief.sqlite')) : null;
  const config = { auth: 'off', appId: '', appPassword: '', appType: 'MultiTenant', port: 0, host: '127.0.0.1' } as const;
  const ours = await startTeamsBot({ config, engine, logger: silent, cache: null, ...(store ? { store } : {}) });
  const cached = await startTeamsBot({ config, engine, logger: silent, ...(store ? { store } : {}) });
  const urls = {
    bare: `http://127.0.0.1:${await listen(bare)}/api/messages`,
    haiti: ours.url,
    cached: cached.url,
    control: `http://127.0.0.1:${await listen(control)}/api/messages`,
  };
  type Name = keyof typeof urls;
  const names: Name[] = ['bare', 'haiti', 'cached', 'control'];
  try {
    for (const name of names) await round(urls[name], serviceUrl, WARMUP);
    const results: Record<Name, Round[]> = { bare: [], haiti: [], cached: [], control: [] };
    const ratios: number[] = [];
    const cachedRatios: number[] = [];
    const okRatios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Each round runs the three back to back, in a rotating order, so load from elsewhere hits all of them.
      const order = names.map((_, k) => names[(k + i) % names.length] as Name);
      const got = {} as Record<Name, Round>;
      for (const name of order) got[name] = await round(urls[name], serviceUrl, REQUESTS);
      for (const name of names) results[name].push(got[name]);
      ratios.push(got.haiti.perSecond / got.control.perSecond);
      cachedRatios.push(got.cached.perSecond / got.control.perSecond);
      okRatios.push(got.haiti.perSecond / got.bare.perSecond);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const medianRound = (rs: Round[]): Round => [...rs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rs.length / 2)] as Round;
    const ratio = median(ratios);
    console.log(`Teams round trip of a "status" activity over loopback: ${REQUESTS} requests a round, ${CONCURRENCY} at a time, ${ROUNDS} rounds, rotating order (median round shown); Haiti Brief's chat state in ${store ? 'a SQLite store' : 'memory only'}.`);
    console.log(line('bare + card', medianRound(results.control)));
    console.log(line('Haiti, no cache', medianRound(results.haiti)));
    console.log(line('Haiti, cache', medianRound(results.cached)));
    console.log(line('bare "ok"', medianRound(results.bare)));
    const card = Buffer.byteLength(JSON.stringify(replyActivity(await engine.answerText('status'))));
    console.log(`Haiti Brief without its reply cache / a bare bot sending the same ${card}-byte card, by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    console.log(`separately: with the reply cache / the same baseline: median ${median(cachedRatios).toFixed(2)}; without the cache / a bare bot replying "ok": median ${median(okRatios).toFixed(2)}`);
    console.log(`median ratio, no cache / card-sending baseline: ${ratio.toFixed(2)} (target >= ${TARGET}): ${ratio >= TARGET ? 'met' : 'NOT met'}`);
    return ratio >= TARGET ? 0 : 1;
  } finally {
    await ours.close();
    await cached.close();
    await store?.close();
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
    await close(bare);
    await close(control);
    await close(sink);
  }
}

runMain(main);
