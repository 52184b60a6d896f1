/**
 * Slack's side of bench:slack, in its own process (Slack is not the app's process, and the app's CPU is
 * measured alone): the fake Web API the apps post to, and the load generator that sends signed `/haiti`
 * commands, `concurrency` in flight, each with its own body and signature (a replayed request is refused).
 */
import { Agent, request } from 'node:http';
import { FakeSlackApi } from '../tests/doubles/fake-slack-api.js';
import { commandBody, signatureHeaders } from '../tests/doubles/slack-requests.js';

export type SideRequest =
  | { type: 'load'; url: string; texts: string[]; concurrency: number; secret: string; timeoutMs: number; postsTimeoutMs: number }
  | { type: 'close' };

export type SideReply =
  | { type: 'ready'; apiUrl: string }
  /** Ack latencies (ms); the time the last ack came back and the time the last answer was posted (s from the first request). */
  | { type: 'loaded'; acks: number[]; ackedSeconds: number; postedSeconds: number; posted: number }
  | { type: 'failed'; error: string };

const fake = await FakeSlackApi.start({ lean: true });
let sequence = 0;

function post(agent: Agent, url: string, body: string, headers: Record<string, string | number>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', agent, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const postsSoFar = (): number => fake.callsTo('chat.postMessage').length;

async function load(m: Extract<SideRequest, { type: 'load' }>): Promise<SideReply> {
  const agent = new Agent({ keepAlive: true, maxSockets: m.concurrency });
  const before = postsSoFar();
  const acks: number[] = new Array<number>(m.texts.length);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < m.texts.length) {
      const i = next++;
      const n = ++sequence;
      // Each request its own channel, response_url and trigger id, signed afresh.
      const body = commandBody({ text: m.texts[i] ?? 'status', channel: `C0BENCH${n % 64}`, responseUrl: fake.responseUrl(`b${n}`) }).replace(
        'trigger_id=1234567890.123456.abcdef',
        `trigger_id=${n}.123456.bench`,
      );
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...signatureHeaders(m.secret, body) };
      acks[i] = await post(agent, m.url, body, headers, m.timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: m.concurrency }, worker));
  const ackedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  const until = performance.now() + m.postsTimeoutMs;
  while (postsSoFar() - before < m.texts.length && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
  return { type: 'loaded', acks, ackedSeconds, postedSeconds: (performance.now() - started) / 1000, posted: postsSoFar() - before };
}

process.on('message', (m: SideRequest) => {
  if (m.type === 'load') {
    load(m).then(
      (reply) => process.send?.(reply),
      (error: unknown) => process.send?.({ type: 'failed', error: String(error) } satisfies SideReply),
    );
  }
  if (m.type === 'close') void fake.close().then(() => process.disconnect());
});
process.send?.({ type: 'ready', apiUrl: fake.apiUrl } satisfies SideReply);
