import type { Knowledge } from './core/knowledge/parse-knowledge.js';
import type { Metrics } from './metrics/metrics.js';
import type { RunSlackOptions } from './slack/run-slack.js';
import type { createSlackSender as CreateSlackSender } from './slack/slack-sender.js';
import type { RunTeamsOptions } from './teams/run-teams.js';

/*
 * The chat adapters and the metrics, loaded only when configured: a console run loads no chat SDK, and
 * `npm start` for Slack alone never loads botbuilder (nor Teams' for Slack). The composition root imports
 * these instead of the adapters themselves.
 */

let slackSender: typeof CreateSlackSender | undefined;

/** Runs the Slack app (src/slack/run-slack.ts), with its engine's answers counted when metrics are on. */
export async function runSlack(options: RunSlackOptions & { metrics?: Metrics | undefined }): Promise<number> {
  const [run, sender] = await Promise.all([import('./slack/run-slack.js'), import('./slack/slack-sender.js')]);
  slackSender = sender.createSlackSender;
  const engine = options.metrics ? options.metrics.instrumentEngine(options.engine, 'slack') : options.engine;
  return run.runSlack({ ...options, engine });
}

/** The Slack reminders' sender (src/slack/slack-sender.ts); call it once runSlack has started the app. */
export const createSlackSender: typeof CreateSlackSender = (...args) => {
  if (!slackSender) throw new Error('createSlackSender: the Slack adapter is not loaded; call it from runSlack\'s onStarted.');
  return slackSender(...args);
};

/** Starts the Teams bot (src/teams/run-teams.ts), with its engine's answers counted when metrics are on. */
export async function runTeams(options: RunTeamsOptions & { metrics?: Metrics | undefined }): ReturnType<typeof import('./teams/run-teams.js').runTeams> {
  const run = await import('./teams/run-teams.js');
  const engine = options.metrics ? options.metrics.instrumentEngine(options.engine, 'teams') : options.engine;
  return run.runTeams({ ...options, engine });
}

/** The Prometheus metrics, for a process that serves HTTP (a chat adapter); null for the console. */
export async function openMetrics(serving: boolean, knowledge: Knowledge, knowledgeDir: string): Promise<Metrics | undefined> {
  if (!serving) return undefined;
  const metrics = (await import('./metrics/metrics.js')).createMetrics();
  metrics.setKnowledge(knowledge, knowledgeDir);
  return metrics;
}
