/**
 * bench:delay — does the answer delay stay flat under a steady load? Sends signed slash commands at a fixed
 * rate (default 50 a second, for 20 s) over loopback to the real Slack app (engine, Block Kit, chat.postMessage
 * to a local fake Web API), a mix of briefs and questions, and measures for each request the time from sending
 * it to its answer reaching the fake Web API (end to end, not the ack). The baseline, in the same run, is a bare
 * Bolt app whose handler acks and posts the same (pre-rendered) status message. Reports the median and p95
 * delay per 5-second window, and the ratio of the last window's median to the first's (flat: about 1; a
 * growing backlog: far above). Exits 1 when our last-window median is over 3x our first (the backlog grows).
 * The fake Web API answers each call after BENCH_API_LATENCY_MS (default 150 ms, a Web API round trip over the
 * internet), so that answers waiting on Slack hold their place as they would in production.
 * Environment: BENCH_RATE (requests a second), BENCH_SECONDS, BENCH_API_LATENCY_MS.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { App } from '@slack/bolt';
import { BriefingEngine } from '../src/core/engine.js';
import { systemClock } from '../src/core/ports.js';
import { createLogger } from '../src/logger.js';
import { renderBlockKit } from '../src/render/block-kit.js';
import { boltLogger } from '../src/slack/bolt-logger.js';
import { createSlackApp } from '../src/slack/slack-app.js';
import { loadSlackConfig } from '../src/slack/slack-config.js';
import { FakeSlackApi } from '../tests/doubles/fake-slack-api.js';
import { shippedKnowledge } from '../tests/doubles/fixture-kb.js';
import { commandBody, signatureHeaders } from '../tests/doubles/slack-requests.js';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** How long the fake Web API takes to answer a call, as Slack's servers do over the internet (0: loopback only). */
const API_LATENCY_MS = Number(process.env.BENCH_API_LATENCY_MS ?? 150);
const WINDOW_S = 5;
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const TOKEN = 'xoxb-1111-2222-BenchToken';
const TEXTS = ['status', 'ask who pays for the mission?', 'dates', 'ask how many Kenyan police are in Haiti?', 'proposals'];

const silent = new Writable({ write: (_c, _e, done) => done() });
const knowledge = shippedKnowledge();

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function ours(fake: FakeSlackApi): Promise<Target> {
  const config = loadSlackConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' });
  if (!config) throw new Error('no config');
  const slack = createSlackApp({ config, engine: new BriefingEngine(knowledge, systemClock), logger: createLogger('warn', silent) });
  const { port } = await slack.start();
  return { name: 'Haiti Brief', url: `http://127.0.0.1:${port}/slack/events`, stop: () => slack.stop() };
}

async function bare(fake: FakeSlackApi): Promise<Target> {
  const message = renderBlockKit(await new BriefingEngine(knowledge, systemClock).answerText('status'));
  const app = new App({
    signingSecret: SECRET,
    authorize: async () => ({ botToken: TOKEN, botUserId: 'U0BARE' }),
    clientOptions: { slackApiUrl: fake.apiUrl },
    logger: boltLogger(createLogger('warn', silent)),
  });
  app.command('/haiti', async ({ command, ack, client }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: message.text, blocks: message.blocks });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { name: 'bare Bolt (posts the status brief)', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number);
};

async function run(make: (fake: FakeSlackApi) => Promise<Target>): Promise<{ name: string; windows: { p50: number; p95: number; n: number }[]; lost: number; busy: number }> {
  const fake = await FakeSlackApi.start({ latencyMs: API_LATENCY_MS });
  const target = await make(fake);
  const total = RATE * SECONDS;
  const posted = new Map<string, number>();
  const started = performance.now();
  const sent: { channel: string; at: number }[] = [];
  const waits: Promise<void>[] = [];
  const acks: Promise<void>[] = [];
  let busy = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const lag = due - performance.now();
    if (lag > 0) await new Promise((resolve) => setTimeout(resolve, lag));
    const channel = `C${String(i).padStart(6, '0')}`;
    const body = commandBody({ text: TEXTS[i % TEXTS.length] as string, channel, responseUrl: fake.responseUrl(channel) });
    const at = performance.now();
    sent.push({ channel, at });
    const answered = fake
      .waitFor((c) => (c.method === 'chat.postMessage' && c.body.channel === channel) || (c.method === 'response_url' && c.path === `/respond/${channel}`), 120_000)
      .then(() => void posted.set(channel, performance.now()), () => undefined);
    acks.push(
      fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(SECRET, body) }, body })
        .then((r) => r.text())
        .then(
          (text) => {
            // Told at once that the bot is busy (the bounded queue): no answer will come for this one.
            if (text.includes('too many questions')) busy += 1;
            else waits.push(answered);
          },
          () => undefined,
        ),
    );
  }
  await Promise.all(acks);
  await Promise.all(waits);
  await target.stop();
  await fake.close();
  const windows = [];
  for (let w = 0; w < SECONDS / WINDOW_S; w++) {
    const inWindow = sent.filter((s) => s.at - started >= w * WINDOW_S * 1000 && s.at - started < (w + 1) * WINDOW_S * 1000);
    const delays = inWindow.map((s) => (posted.get(s.channel) ?? NaN) - s.at).filter((d) => Number.isFinite(d));
    windows.push({ p50: pct(delays, 50), p95: pct(delays, 95), n: delays.length });
  }
  return { name: target.name, windows, lost: total - posted.size - busy, busy };
}

const results = [await run(bare), await run(ours)];
console.log(`answer delay at a steady ${RATE} requests/s for ${SECONDS} s (send -> answer at the Web API, which answers after ${API_LATENCY_MS} ms), ms per ${WINDOW_S}-s window`);
for (const r of results) {
  const first = r.windows[0]?.p50 ?? NaN;
  const last = r.windows[r.windows.length - 1]?.p50 ?? NaN;
  console.log(`\n${r.name}: ${r.busy} told "busy" at once, ${r.lost} lost; last/first median ${(last / first).toFixed(2)}`);
  for (const [i, w] of r.windows.entries()) console.log(`  ${String(i * WINDOW_S).padStart(3)}-${String((i + 1) * WINDOW_S).padStart(3)} s  p50 ${w.p50.toFixed(1).padStart(7)}  p95 ${w.p95.toFixed(1).padStart(7)}  (n=${w.n})`);
}
const mine = results[1];
const flat = mine ? (mine.windows[mine.windows.length - 1]?.p50 ?? Infinity) / (mine.windows[0]?.p50 ?? 1) : Infinity;
if (!(flat <= 3) || (mine?.lost ?? 1) > 0) {
  console.log('\nTARGET MISSED: the answer delay grew over the run (or answers were lost).');
  process.exitCode = 1;
}
// The waits of requests refused as busy never resolve: end here rather than at their timeouts.
process.exit(process.exitCode ?? 0);
