import { pathToFileURL } from 'node:url';
import { createSlackSender, openMetrics, runSlack, runTeams } from './adapters.js';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console.js';
import { BriefingEngine } from './core/engine.js';
import { systemClock } from './core/ports.js';
import { createLogger } from './logger.js';
import { openKnowledgeCached } from './knowledge-cache.js';
import { KnowledgeHolder } from './core/knowledge/knowledge-holder.js';
import { KnowledgeReloader } from './reload/knowledge-reloader.js';
import { openReminders, StoreOpenError } from './scheduler/open-reminders.js';
import { loadReminderConfig } from './scheduler/reminder-config.js';
import { shutdownSignal } from './shutdown-signal.js';
import { loadStoreConfig } from './store/store-config.js';
import { loadSlackConfig } from './slack/slack-config.js';
import { loadAnswerLimits } from './slack/answer-queue.js';
import { createHomeOverview } from './core/home.js';
import { loadTeamsConfig } from './teams/teams-config.js';
import type { SlackApp } from './slack/slack-app.js';
import type { Knowledge } from './core/knowledge/parse-knowledge.js';

/**
 * The composition root: configuration, then the knowledge base (refusing to start when it is invalid),
 * then the engine, then the adapters. With no chat credentials it runs the local console.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config;
  let teamsConfig;
  let slack;
  let reminderConfig;
  let storeConfig;
  let answerLimits;
  try {
    config = loadConfig(env);
    reminderConfig = loadReminderConfig(env);
    storeConfig = loadStoreConfig(env);
    teamsConfig = loadTeamsConfig(env);
    slack = loadSlackConfig(env);
    answerLimits = loadAnswerLimits(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Haiti Brief cannot start. ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel ?? (slack || teamsConfig ? 'info' : 'warn'));
  const opened = await openKnowledgeCached(config.knowledgeDir, config.corpusDir);
  if (!opened.ok) {
    process.stderr.write(`Haiti Brief cannot start: the knowledge base is invalid.\n${opened.report}\n`);
    logger.error({ event: 'knowledge.invalid' }, 'refused to start on an invalid knowledge base');
    return 1;
  }
  logger.info({ event: 'knowledge.loaded', corpusDir: opened.corpusDir }, opened.summary);
  const metrics = await openMetrics(Boolean(slack || teamsConfig), opened.knowledge, config.knowledgeDir);
  // The knowledge a running bot answers from: swapped in full when its files change (see src/reload/).
  const knowledge = new KnowledgeHolder(opened.knowledge);
  let reminders;
  try {
    reminders = await openReminders({ knowledge, clock: systemClock, logger: metrics?.observeLogger(logger) ?? logger, config: reminderConfig, storeConfig, ...(metrics ? { instrumentStore: metrics.instrumentStore } : {}) });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`Haiti Brief cannot start: ${error.message}\n`);
    return 1;
  }
  // Passages of the documents are answered from only when the operator set CORPUS_DIR.
  // CORPUS_DIR, when set, is the folder quotes were just verified against: its documents are already read.
  const passages = config.passagesDir ? opened.corpus?.texts : undefined;
  if (passages) logger.info({ event: 'passages.loaded', corpusDir: config.passagesDir, documents: passages.size }, 'answering from the documents\' passages too');
  const engine = new BriefingEngine(knowledge, systemClock, { remind: reminders.remind, passages, news: reminders.store });
  let slackApp: SlackApp | undefined;
  // After a reload: the metrics name the new knowledge, and the App Homes this copy published show it.
  const onSwap = (k: Knowledge): void => {
    metrics?.setKnowledge(k, config.knowledgeDir);
    void slackApp?.refreshHomes();
  };
  const reloader = slack || teamsConfig ? new KnowledgeReloader({ holder: knowledge, knowledgeDir: config.knowledgeDir, corpusDir: config.corpusDir, logger, onSwap }) : null;
  reloader?.start();
  try {
    // Listening for SIGINT/SIGTERM only when a chat adapter runs: the console keeps Ctrl-C's default.
    const stopping = slack || teamsConfig ? shutdownSignal() : null;
    const teams = teamsConfig ? await runTeams({ config: teamsConfig, engine, logger, store: reminders.store, metrics, limits: answerLimits }) : null;
    if (teamsConfig && !teams) return 1;
    if (teams) reminders.deliverThrough('teams', teams.sender);
    if (slack) {
      const slackConfig = slack;
      const code = await runSlack({
        config: slack,
        engine,
        logger,
        store: reminders.store,
        metrics,
        limits: answerLimits,
        home: createHomeOverview({ knowledge, store: reminders.store, clock: systemClock, defaults: reminderConfig.defaults }),
        ...(stopping ? { until: stopping } : {}),
        onStarted: (app) => {
          slackApp = app;
          reminders.deliverThrough('slack', createSlackSender(slackConfig, logger, { threads: app.threads }));
        },
      });
      await teams?.close();
      return code;
    }
    if (teams) {
      await stopping;
      await teams.close();
      return 0;
    }
    await runConsole({ engine, input: process.stdin, output: process.stdout, knowledgeSummary: opened.summary });
    return 0;
  } finally {
    reloader?.stop();
    await reminders.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Haiti Brief stopped on an unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
