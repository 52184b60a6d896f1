import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { EventClaimStore, RequestSignatureStore, StorePing } from '../core/chat-state.js';
import { SharedEventClaims } from '../core/event-claims.js';
import type { HomeOverviewSource } from '../core/home.js';
import { OnceClaims } from '../core/once.js';
import { systemClock, type Clock } from '../core/ports.js';
import { AnswerQueue, type AnswerQueueOptions } from './answer-queue.js';
import { boltLogger } from './bolt-logger.js';
import { healthHandler, healthServer } from './health.js';
import { readinessHandler } from '../readiness.js';
import { guardRequests } from './request-guard.js';
import { registerListeners } from './listeners/index.js';
import { MalformedPayloadError } from './listeners/commands/well-formed.js';
import type { HttpMetrics } from '../metrics/metrics.js';
import type { SlackConfig } from './slack-config.js';
import type { Answerer, SlackLogger } from './slack-deps.js';
import { describeSlackError } from './slack-errors.js';
import { ThreadContexts } from './thread-contexts.js';
import { DEFAULT_RETRY, webClientOptions, type RetryPolicy } from './web-client-options.js';
import { HomeViewers } from './app-home.js';

export interface SlackAppOptions {
  config: SlackConfig;
  engine: Answerer;
  logger: SlackLogger;
  retry?: RetryPolicy;
  /** What each person's App Home shows (the knowledge and their reminders); without it no Home tab is published. */
  home?: HomeOverviewSource;
  /** The durable store: handled event ids and request signatures shared across restarts and copies of the app. */
  store?: EventClaimStore & Partial<RequestSignatureStore & StorePing>;
  clock?: Clock;
  /** How many answers are worked on at once, and how many may wait (ANSWER_CONCURRENCY, ANSWER_QUEUE_MAX). */
  limits?: AnswerQueueOptions;
  /** Prometheus metrics: GET /metrics beside /healthz, acks and the answer queue observed. */
  metrics?: HttpMetrics | undefined;
}

export interface SlackApp {
  readonly app: App;
  readonly threads: ThreadContexts;
  /** Checks the bot token with Slack (auth.test), then serves; resolves with the HTTP port. */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, then waits for the answers already acknowledged; the same promise every call. */
  stop(): Promise<void>;
  /** Publishes again the App Home of everyone this copy has published one for (after a knowledge reload). */
  refreshHomes(): Promise<number>;
}

function httpReceiver(config: SlackConfig & { mode: 'http' }, logger: SlackLogger, store: SlackAppOptions['store'], metrics?: HttpMetrics): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    // guardRequests checks every signature at /slack/events before Bolt sees the request.
    signatureVerification: false,
    logger: boltLogger(logger),
    customRoutes: [
      { path: '/healthz', method: ['GET'], handler: healthHandler('http') },
      { path: '/readyz', method: ['GET'], handler: readinessHandler(store) },
      ...(metrics ? [{ path: '/metrics', method: ['GET'], handler: metrics.handler }] : []),
    ],
    processEventErrorHandler: async (args) => {
      if (args.error instanceof MalformedPayloadError && !args.response.headersSent) {
        logger.warn({ event: 'slack.request.malformed', reason: args.error.message }, 'refused a malformed request (400)');
        args.response.writeHead(400).end();
        return false;
      }
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    },
  });
  // Unsigned or malformed bodies, future timestamps and replays are answered before Bolt sees them.
  receiver.requestListener = guardRequests(receiver.requestListener, { signingSecret: config.signingSecret, logger, store });
  return receiver;
}

function socketReceiver(config: SlackConfig & { mode: 'socket' }, logger: SlackLogger): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: config.appToken,
    logger: boltLogger(logger),
    installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } },
  });
}

const listen = (server: Server, port: number, host?: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

/**
 * The Slack app: Bolt with our listeners, over HTTP (signed requests at /slack/events, /healthz) or Socket
 * Mode (an app-level token; /healthz on its own small server), as the configuration says. The Web API
 * client goes to `config.apiUrl` and retries rate limits and 5xx with backoff.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const receiver: Receiver = config.mode === 'http' ? httpReceiver(config, logger, options.store, options.metrics) : socketReceiver(config, logger);
  const app = new App({
    token: config.botToken,
    receiver,
    deferInitialization: true,
    ignoreSelf: false, // the listeners ignore the bot's own messages themselves, and say so in the log
    convoStore: false, // no conversation state: thread contexts live in message metadata
    logger: boltLogger(logger),
    clientOptions: webClientOptions(config.apiUrl, logger, retry),
  });
  const threads = new ThreadContexts({ logger });
  const queue = new AnswerQueue(logger, options.limits);
  options.metrics?.instrumentQueue(queue, 'slack');
  options.metrics?.trackQueue('slack', () => queue.size);
  const { store } = options;
  const claims = store ? new SharedEventClaims({ platform: 'slack', store, clock: options.clock ?? systemClock, logger }) : undefined;
  const once = new OnceClaims({ platform: 'slack', clock: options.clock ?? systemClock, logger, store });
  const homeViewers = new HomeViewers();
  registerListeners(app, { engine: options.engine, logger, threads, retry, queue, once, homeViewers, ...(claims ? { claims } : {}), ...(options.home ? { home: options.home } : {}) });
  let health: Server | undefined;
  let stopping: Promise<void> | undefined;

  return {
    app,
    threads,
    refreshHomes: () => (options.home ? homeViewers.refresh(app.client, options.home, logger) : Promise.resolve(0)),
    async start() {
      try {
        await app.init();
      } catch (error) {
        const { code } = describeSlackError(error);
        throw new Error(
          `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${code}). Copy the Bot User OAuth Token (xoxb-...) ` +
            "from the app's OAuth & Permissions page, and check that the app is installed in the workspace.",
        );
      }
      if (config.mode === 'http') {
        const server = (await app.start({ port: config.port, ...(config.host ? { host: config.host } : {}) })) as Server;
        const port = (server.address() as AddressInfo).port;
        options.metrics?.observeServer(server, 'slack', '/slack/events');
        logger.info({ event: 'slack.started', mode: 'http', port }, 'Slack app listening for signed requests at /slack/events');
        return { port };
      }
      const server = healthServer(options.store, options.metrics?.handler);
      await listen(server, config.port, config.host);
      health = server;
      try {
        await app.start();
      } catch (error) {
        await new Promise((resolve) => server.close(resolve));
        throw error;
      }
      const port = (server.address() as AddressInfo).port;
      logger.info({ event: 'slack.started', mode: 'socket', port }, 'Slack app connected in Socket Mode; /healthz served over HTTP');
      return { port };
    },
    stop() {
      stopping ??= (async () => {
        await app.stop();
        await queue.drain(); // answers already acknowledged are still given
        if (health) await new Promise<void>((resolve) => health?.close(() => resolve()));
        logger.info({ event: 'slack.stopped' }, 'Slack app stopped');
      })();
      return stopping;
    },
  };
}
