import type { HomeOverviewSource } from '../../src/core/home.js';
import type { EventClaimStore } from '../../src/core/chat-state.js';
import { BriefingEngine } from '../../src/core/engine.js';
import type { Knowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import type { RequestContext } from '../../src/core/request.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/slack-app.js';
import { loadSlackConfig } from '../../src/slack/slack-config.js';
import type { RetryPolicy } from '../../src/slack/web-client-options.js';
import type { AnswerQueueOptions } from '../../src/slack/answer-queue.js';
import { FakeSlackApi } from '../doubles/fake-slack-api.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { LogLines } from '../doubles/log-lines.js';
import { blockActionBody, commandBody, eventBody, postToApp, type Sent, type SlashCommand } from '../doubles/slack-requests.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99eeeeee85a5';
export const BOT_TOKEN = 'xoxb-1111-2222-SeCrEtToKeNvAlUe';
export const NOW = new Date('2025-06-01T12:00:00Z');
/** Quick retries, so a 429 or 5xx from the fake costs milliseconds. */
export const FAST_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 };

let shipped: Knowledge | undefined;
export function knowledge(): Knowledge {
  shipped ??= shippedKnowledge();
  return shipped;
}

/** The real engine, recording what each request asked and in which context; `gate` can hold its answers. */
export class RecordingEngine extends BriefingEngine {
  readonly requests: { text: string; request: RequestContext }[] = [];
  readonly directs: Array<NonNullable<RequestContext['direct']>> = [];
  gate: Promise<void> | undefined;

  override async answerText(text: string, request: RequestContext = {}): Promise<Reply> {
    const { direct, ...recorded } = request; // a function: tests check that it is there, and compare the rest
    this.requests.push({ text, request: recorded });
    if (direct) this.directs.push(direct);
    await this.gate;
    return super.answerText(text, request);
  }
}

export interface Harness {
  fake: FakeSlackApi;
  slack: SlackApp;
  engine: RecordingEngine;
  logs: LogLines;
  url: string;
  command(c: Omit<SlashCommand, 'responseUrl'> & { responseUrl?: string }): Promise<Sent>;
  event(event: Record<string, unknown>, eventId: string, headers?: Record<string, string>): Promise<Sent>;
  /** Presses a button on a message: a signed block_actions payload. */
  press(a: { user: string; channel: string; messageTs: string; threadTs?: string; actionId: string; value: string }): Promise<Sent>;
  /** Stops the app (not the fake API, which may outlive it, as Slack outlives a restart). */
  stop(): Promise<void>;
}

let responseIds = 0;

/** The real Slack app on 127.0.0.1 (HTTP mode, configured from env vars), talking to the fake Web API. */
export async function startHarness(
  options: { fake?: FakeSlackApi; engine?: RecordingEngine; store?: EventClaimStore | undefined; limits?: AnswerQueueOptions; home?: HomeOverviewSource } = {},
): Promise<Harness> {
  const fake = options.fake ?? (await FakeSlackApi.start());
  const logs = new LogLines();
  const logger = createLogger('debug', logs);
  const engine = options.engine ?? new RecordingEngine(knowledge(), fixedClock(NOW));
  const config = loadSlackConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  if (!config) throw new Error('the harness configuration was not taken');
  const slack = createSlackApp({ config, engine, logger, retry: FAST_RETRY, clock: fixedClock(NOW), ...(options.store ? { store: options.store } : {}), ...(options.limits ? { limits: options.limits } : {}), ...(options.home ? { home: options.home } : {}) });
  const { port } = await slack.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    fake,
    slack,
    engine,
    logs,
    url,
    command: (c) =>
      postToApp(`${url}/slack/events`, commandBody({ ...c, responseUrl: c.responseUrl ?? fake.responseUrl(`r${++responseIds}`) }), {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      }),
    event: (event, eventId, headers = {}) =>
      postToApp(`${url}/slack/events`, eventBody(event, eventId), { secret: SIGNING_SECRET, contentType: 'application/json', headers }),
    press: (a) =>
      postToApp(`${url}/slack/events`, blockActionBody({ ...a, responseUrl: fake.responseUrl(`a${++responseIds}`) }), {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      }),
    stop: () => slack.stop(),
  };
}
