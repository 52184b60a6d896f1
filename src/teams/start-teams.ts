import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config.js';
import type { ChatStateStore, StorePing } from '../core/chat-state.js';
import { SharedEventClaims } from '../core/event-claims.js';
import { OnceClaims } from '../core/once.js';
import { systemClock, type Clock, type Logger, type MessageSender } from '../core/ports.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { HaitiTeamsBot, type Answerer } from './haiti-teams-bot.js';
import type { ReplyCache } from './reply-cache.js';
import { createTeamsAdapter, type TeamsAdapter } from './teams-adapter.js';
import type { HttpMetrics } from '../metrics/metrics.js';
import type { TeamsConfig } from './teams-config.js';
import { TeamsMessageSender } from './teams-sender.js';
import { createTeamsServer, MESSAGES_PATH } from './teams-server.js';
import { ThreadMemory } from './thread-memory.js';

export interface TeamsRuntime extends TeamsAdapter {
  /** Posts reminders into stored Teams conversations; hand it to the reminders service. */
  sender: MessageSender;
}

export interface StartTeamsOptions {
  config: TeamsConfig;
  engine: Answerer;
  logger: Logger;
  clock?: Clock;
  /** An adapter and sender made beforehand (createTeamsRuntime), when something else needs the sender first. */
  runtime?: TeamsRuntime;
  memory?: ThreadMemory;
  /** The durable store: thread contexts and handled activities shared across restarts and copies of the bot (and /readyz). */
  store?: (ChatStateStore & Partial<StorePing>) | undefined;
  /** Replies reused for a few seconds (the default); `null` answers every message afresh (benchmarks). */
  cache?: ReplyCache | null;
  /** Prometheus metrics: GET /metrics beside /healthz, and each activity's response timed. */
  metrics?: HttpMetrics | undefined;
  /** Answers made at once, and how many may wait (ANSWER_CONCURRENCY, ANSWER_QUEUE_MAX). */
  limits?: { concurrency: number; maxWaiting: number };
}

export interface RunningTeamsBot extends TeamsRuntime {
  server: Server;
  host: string;
  port: number;
  /** The messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  url: string;
  close(): Promise<void>;
}

/** The adapter and the proactive sender, before the server starts. */
export function createTeamsRuntime(config: TeamsConfig, logger: Logger, clock: Clock = systemClock): TeamsRuntime {
  const { adapter, auth } = createTeamsAdapter(config);
  return { adapter, auth, sender: new TeamsMessageSender({ adapter, appId: config.appId, logger, clock }) };
}

/** The one-line warning shown when authentication is off. */
export const AUTH_OFF_WARNING =
  'TEAMS_AUTH=off: authentication is OFF, any request to /api/messages is accepted. For local development only; listening on 127.0.0.1 only.';

/**
 * Starts the Teams bot: botbuilder's adapter behind an HTTP server with /api/messages and /healthz. Refuses an
 * empty app id unless authentication was switched off, and then listens on 127.0.0.1 only.
 */
export async function startTeamsBot(options: StartTeamsOptions): Promise<RunningTeamsBot> {
  const { config, logger } = options;
  if (config.auth === 'on' && !config.appId) {
    throw new ConfigError('MicrosoftAppId is empty: set it (with MicrosoftAppPassword), or set TEAMS_AUTH=off for local development.');
  }
  if (config.auth === 'off' && config.host !== '127.0.0.1') {
    throw new ConfigError('With TEAMS_AUTH=off the Teams bot listens on 127.0.0.1 only.');
  }
  const runtime = options.runtime ?? createTeamsRuntime(config, logger, options.clock);
  const clock = options.clock ?? systemClock;
  const { store } = options;
  const memory = options.memory ?? new ThreadMemory({ clock, logger, ...(store ? { store } : {}) });
  const dedupe = new ActivityDedupe(store ? { shared: new SharedEventClaims({ platform: 'teams', store, clock, logger }) } : {});
  const once = new OnceClaims({ platform: 'teams', clock, logger, store });
  const bot = new HaitiTeamsBot({ engine: options.engine, logger, memory, dedupe, once, appId: config.appId, ...(options.cache !== undefined ? { cache: options.cache } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  const server = createTeamsServer({ adapter: runtime.adapter, auth: runtime.auth, bot, logger, store, metrics: options.metrics?.handler });
  options.metrics?.observeServer(server, 'teams', MESSAGES_PATH);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${shown}:${port}${MESSAGES_PATH}`;
  if (config.auth === 'off') logger.warn({ event: 'teams.auth.off', host: config.host, port }, AUTH_OFF_WARNING);
  logger.info({ event: 'teams.listening', host: config.host, port, auth: config.auth }, `Teams bot listening on ${url}`);
  return {
    ...runtime,
    server,
    host: config.host,
    port,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
