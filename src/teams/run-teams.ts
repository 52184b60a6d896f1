import type { HttpMetrics } from '../metrics/metrics.js';
import type { ChatStateStore } from '../core/chat-state.js';
import type { Clock, Logger } from '../core/ports.js';
import type { Answerer } from './haiti-teams-bot.js';
import { AUTH_OFF_WARNING, startTeamsBot, type RunningTeamsBot, type TeamsRuntime } from './start-teams.js';
import type { TeamsConfig } from './teams-config.js';
import { HEALTH_PATH, MESSAGES_PATH } from './teams-server.js';

export interface RunTeamsOptions {
  config: TeamsConfig;
  engine: Answerer;
  logger: Logger;
  clock?: Clock;
  runtime?: TeamsRuntime;
  /** The durable store: thread contexts and handled activities shared across restarts and copies of the bot. */
  store?: ChatStateStore;
  /** Answers made at once, and how many may wait (ANSWER_CONCURRENCY, ANSWER_QUEUE_MAX). */
  limits?: { concurrency: number; maxWaiting: number };
  /** Where the human-readable lines go (standard error; standard output is for replies). */
  write?: (text: string) => void;
  /** Prometheus metrics: served at /metrics and recorded by the bot. */
  metrics?: HttpMetrics | undefined;
}

/**
 * Starts the Teams bot for `npm start` and says where it listens; with TEAMS_AUTH=off, says loudly that
 * anyone on this machine can talk to it. Returns null (after saying why) when it cannot listen.
 */
export async function runTeams(options: RunTeamsOptions): Promise<RunningTeamsBot | null> {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const { config } = options;
  try {
    const bot = await startTeamsBot(options);
    const lines = [`Haiti Brief: Teams bot listening on ${bot.url} (health check: ${bot.url.replace(MESSAGES_PATH, HEALTH_PATH)}).`];
    if (config.auth === 'off') {
      lines.push('', '*'.repeat(100), `WARNING: ${AUTH_OFF_WARNING}`, 'Never expose this port; set MicrosoftAppId and MicrosoftAppPassword to run for real.', '*'.repeat(100), '');
    }
    write(`${lines.join('\n')}\n`);
    return bot;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is in use: set TEAMS_PORT to a free port`
        : code === 'EADDRNOTAVAIL'
          ? `${config.host} is not an address of this machine: check TEAMS_HOST`
          : error instanceof Error
            ? error.message
            : String(error);
    write(`Haiti Brief cannot start the Teams bot: ${why}.\n`);
    options.logger.error({ event: 'teams.start.failed', host: config.host, port: config.port, code }, 'the Teams bot could not start');
    return null;
  }
}
