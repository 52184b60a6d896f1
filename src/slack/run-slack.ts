import type { HttpMetrics } from '../metrics/metrics.js';
import type { SlackAppOptions } from './slack-app.js';
import type { HomeOverviewSource } from '../core/home.js';
import { shutdownSignal } from '../shutdown-signal.js';
import type { SlackConfig } from './slack-config.js';
import { createSlackApp, type SlackApp } from './slack-app.js';
import type { Answerer, SlackLogger } from './slack-deps.js';

export interface RunSlackOptions {
  config: SlackConfig;
  engine: Answerer;
  logger: SlackLogger;
  /** The durable store: handled event ids shared across restarts and copies of the app. */
  store?: SlackAppOptions['store'];
  limits?: SlackAppOptions['limits'];
  /** What each person's App Home shows. */
  home?: HomeOverviewSource;
  /** Resolves when the app should stop; SIGINT or SIGTERM by default. */
  until?: Promise<unknown>;
  /** Called once the app serves (the composition root may hand `slack.threads` to the reminders' sender). */
  onStarted?: (slack: SlackApp, port: number) => void;
  /** Prometheus metrics: served at /metrics and recorded by the app. */
  metrics?: HttpMetrics | undefined;
}

/**
 * Runs the Slack app until it is told to stop: checks the bot token with Slack, serves, then stops cleanly.
 * Returns the process exit status (1 when Slack refused to start it, with the reason on standard error).
 */
export async function runSlack(options: RunSlackOptions): Promise<number> {
  const stopping = options.until ?? shutdownSignal(); // listening from the start: a signal while starting counts
  const slack = createSlackApp(options);
  let port: number;
  try {
    ({ port } = await slack.start());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Haiti Brief cannot start the Slack app. ${reason}\n`);
    options.logger.error({ event: 'slack.start_failed', reason }, 'the Slack app did not start');
    return 1;
  }
  process.stderr.write(`Haiti Brief is running as a Slack app (${options.config.mode === 'http' ? 'HTTP' : 'Socket Mode'}; /healthz on port ${port}). Stop it with Ctrl-C.\n`);
  options.onStarted?.(slack, port);
  await stopping;
  await slack.stop();
  return 0;
}
