import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Knowledge } from '../core/knowledge/parse-knowledge.js';
import type { Logger } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import type { RequestContext } from '../core/request.js';
import { knowledgeAsOf } from '../core/reply-draft.js';

export type MetricsPlatform = 'slack' | 'teams';

/** What the chat adapters' HTTP servers need: the /metrics route, and hooks that observe their work. */
export interface HttpMetrics {
  /** GET /metrics: every metric in Prometheus' text format. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Times each response at `path` on this server (the acknowledgement the platform waits for) and counts it by status. */
  observeServer(server: Server, platform: MetricsPlatform, path: string): void;
  /** Reports the number of answers waiting or being worked on, read at each scrape. */
  trackQueue(platform: MetricsPlatform, depth: () => number): void;
  /** Times each queued answer from its acknowledgement to the end of its delivery (posted, or given up). */
  instrumentQueue<Q extends { push(job: (...args: never[]) => Promise<void>, ...rest: never[]): unknown }>(queue: Q, platform: MetricsPlatform): Q;
}

interface Answering {
  answerText(text: string, request?: RequestContext): Promise<Reply>;
}

export interface Metrics extends HttpMetrics {
  readonly registry: Registry;
  /** The engine as one platform's adapter sees it: each answer is counted by kind and timed. */
  instrumentEngine<E extends Answering>(engine: E, platform: MetricsPlatform): Answering;
  /** A logger that also counts the events it is told about (reminder ticks). */
  observeLogger(logger: Logger): Logger;
  /** The store, with every failed call counted by operation. */
  instrumentStore<S extends object>(store: S): S;
  /** Which knowledge is served: a version (a digest of its files) and how old its newest source is. */
  setKnowledge(knowledge: Knowledge, knowledgeDir: string): void;
}

const PREFIX = 'haiti_brief_';
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A short digest of the knowledge folder's files (names and contents): it changes when the knowledge does. */
export function knowledgeVersion(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) hash.update(path.slice(dir.length)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

/**
 * The bot's Prometheus metrics (prom-client), recorded at the adapters' edges: the engine, the store and the
 * logger are wrapped, and the HTTP servers observed, so the core knows nothing of them.
 */
export function createMetrics(options: { now?: () => number } = {}): Metrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: `${PREFIX}requests_total`,
    help: 'Requests answered, by platform and reply kind (status, proposals, dates, ask, remind, help, error, ...).',
    labelNames: ['platform', 'kind'] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: `${PREFIX}answer_seconds`,
    help: 'Time the engine took to compose a reply, by platform and reply kind.',
    labelNames: ['platform', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const ackSeconds = new Histogram({
    name: `${PREFIX}ack_seconds`,
    help: "Time to the HTTP response at the platform's endpoint (Slack: the acknowledgement; Teams: the turn, reply included).",
    labelNames: ['platform'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const responses = new Counter({
    name: `${PREFIX}http_responses_total`,
    help: "HTTP responses at the platform's endpoint, by status code.",
    labelNames: ['platform', 'status'] as const,
    registers: [registry],
  });
  const deliverySeconds = new Histogram({
    name: `${PREFIX}answer_delivery_seconds`,
    help: 'Time from acknowledging a request to the end of delivering its answer (queue wait, answer and post).',
    labelNames: ['platform'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const queues = new Map<MetricsPlatform, () => number>();
  new Gauge({
    name: `${PREFIX}answer_queue_depth`,
    help: 'Answers acknowledged and not yet delivered.',
    labelNames: ['platform'] as const,
    registers: [registry],
    collect() {
      for (const [platform, depth] of queues) this.set({ platform }, depth());
    },
  });
  const reminders = new Counter({
    name: `${PREFIX}reminders_total`,
    help: 'Reminders by outcome of their delivery tick: sent, retried (to be tried again), skipped, failed.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['sent', 'retried', 'skipped', 'failed']) reminders.inc({ outcome }, 0);
  const storeErrors = new Counter({
    name: `${PREFIX}store_errors_total`,
    help: 'Store calls that failed (timeouts, lost connections, SQL errors), by operation.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const knowledgeInfo = new Gauge({
    name: `${PREFIX}knowledge_info`,
    help: 'The knowledge served: 1 for its version (a digest of the knowledge files) and the date of its newest source.',
    labelNames: ['version', 'as_of'] as const,
    registers: [registry],
  });
  let asOf: number | null = null;
  new Gauge({
    name: `${PREFIX}knowledge_age_seconds`,
    help: "Age of the knowledge: seconds since its newest source's date.",
    registers: [registry],
    collect() {
      if (asOf !== null) this.set(Math.max(0, (now() - asOf) / 1000));
    },
  });

  const handler = (_req: IncomingMessage, res: ServerResponse): void => {
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The metrics could not be collected.');
      },
    );
  };

  return {
    registry,
    handler,
    observeServer(server, platform, path) {
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return;
        const started = performance.now();
        res.once('finish', () => {
          ackSeconds.observe({ platform }, (performance.now() - started) / 1000);
          responses.inc({ platform, status: String(res.statusCode) });
        });
      });
    },
    trackQueue(platform, depth) {
      queues.set(platform, depth);
    },
    instrumentQueue(queue, platform) {
      const push = queue.push.bind(queue) as unknown as (job: (...args: unknown[]) => Promise<void>, ...rest: unknown[]) => unknown;
      const timed = (job: (...args: unknown[]) => Promise<void>, ...rest: unknown[]): unknown => {
        const queued = performance.now();
        return push((...args: unknown[]) => job(...args).finally(() => deliverySeconds.observe({ platform }, (performance.now() - queued) / 1000)), ...rest);
      };
      queue.push = timed as unknown as typeof queue.push;
      return queue;
    },
    instrumentEngine(engine, platform) {
      return {
        async answerText(text, request) {
          const started = performance.now();
          let kind = 'error';
          try {
            const reply = await engine.answerText(text, request);
            kind = reply.kind;
            return reply;
          } finally {
            requests.inc({ platform, kind });
            answerSeconds.observe({ platform, kind }, (performance.now() - started) / 1000);
          }
        },
      };
    },
    observeLogger(logger) {
      const count = (fields: Record<string, unknown>): void => {
        if (fields.event !== 'reminders.tick') return;
        const n = (key: string): number => (typeof fields[key] === 'number' ? (fields[key] as number) : 0);
        reminders.inc({ outcome: 'sent' }, n('sent'));
        reminders.inc({ outcome: 'retried' }, n('retrying'));
        reminders.inc({ outcome: 'skipped' }, n('skipped'));
        reminders.inc({ outcome: 'failed' }, n('failed'));
      };
      return {
        info: (fields, message) => {
          count(fields);
          logger.info(fields, message);
        },
        warn: (fields, message) => logger.warn(fields, message),
        error: (fields, message) => logger.error(fields, message),
        ...('debug' in logger ? { debug: (logger as { debug: Logger['info'] }).debug.bind(logger) } : {}),
      };
    },
    instrumentStore(store) {
      return new Proxy(store, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function' || typeof property !== 'string' || property === 'close' || property === 'constructor') return value;
          return (...args: unknown[]): unknown => {
            let result: unknown;
            try {
              result = (value as (...a: unknown[]) => unknown).apply(target, args);
            } catch (error) {
              storeErrors.inc({ operation: property });
              throw error;
            }
            if (result instanceof Promise) result.catch(() => storeErrors.inc({ operation: property }));
            return result;
          };
        },
      });
    },
    setKnowledge(knowledge, knowledgeDir) {
      const newest = knowledgeAsOf(knowledge);
      // A month or a year counts from its first day.
      const day = newest ? `${newest.date}-01-01`.slice(0, 10) : null;
      asOf = day && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? Date.parse(`${day}T00:00:00Z`) : null;
      knowledgeInfo.reset();
      knowledgeInfo.set({ version: knowledgeVersion(knowledgeDir), as_of: newest?.date ?? 'unknown' }, 1);
    },
  };
}
