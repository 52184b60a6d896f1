/**
 * Slack's side of bench:slack, in its own thread (Slack is not the app's process): the fake Web API the app
 * posts to, and the load generator that sends signed `/haiti status` requests, `concurrency` in flight.
 */
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { FakeSlackApi } from '../tests/doubles/fake-slack-api.js';
import { commandBody, signatureHeaders } from '../tests/doubles/slack-requests.js';

export type SideRequest =
  | { type: 'load'; url: string; count: number; concurrency: number; secret: string; timeoutMs: number }
  | { type: 'count' }
  | { type: 'close' };

export type SideReply =
  | { type: 'ready'; apiUrl: string }
  | { type: 'loaded'; latencies: Float64Array; seconds: number }
  | { type: 'failed'; error: string }
  | { type: 'count'; posts: number };

const fake = await FakeSlackApi.start({ lean: true });

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

async function load(m: Extract<SideRequest, { type: 'load' }>): Promise<SideReply> {
  const agent = new Agent({ keepAlive: true, maxSockets: m.concurrency });
  const body = commandBody({ text: 'status', responseUrl: fake.responseUrl('bench') });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...signatureHeaders(m.secret, body) };
  const latencies = new Float64Array(m.count);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < m.count) {
      const i = next++;
      latencies[i] = await post(agent, m.url, body, headers, m.timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: m.concurrency }, worker));
  agent.destroy();
  return { type: 'loaded', latencies, seconds: (performance.now() - started) / 1000 };
}

parentPort?.on('message', (m: SideRequest) => {
  if (m.type === 'load') {
    load(m).then(
      (reply) => parentPort?.postMessage(reply),
      (error: unknown) => parentPort?.postMessage({ type: 'failed', error: String(error) } satisfies SideReply),
    );
  }
  if (m.type === 'count') parentPort?.postMessage({ type: 'count', posts: fake.callsTo('chat.postMessage').length } satisfies SideReply);
  if (m.type === 'close') void fake.close().then(() => parentPort?.close());
});
parentPort?.postMessage({ type: 'ready', apiUrl: fake.apiUrl } satisfies SideReply);
