import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console.js';
import { BriefingEngine } from './core/engine.js';
import { systemClock } from './core/ports.js';
import { createLogger } from './logger.js';
import { openKnowledge } from './open-knowledge.js';

/**
 * The composition root: configuration, then the knowledge base (refusing to start when it is invalid),
 * then the engine, then the adapters. With no chat credentials it runs the local console.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Haiti Brief cannot start. ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel ?? 'warn');
  const opened = openKnowledge(config.knowledgeDir, config.corpusDir);
  if (!opened.ok) {
    process.stderr.write(`Haiti Brief cannot start: the knowledge base is invalid.\n${opened.report}\n`);
    logger.error({ event: 'knowledge.invalid' }, 'refused to start on an invalid knowledge base');
    return 1;
  }
  logger.info({ event: 'knowledge.loaded', corpusDir: opened.corpusDir }, opened.summary);
  const engine = new BriefingEngine(opened.knowledge, systemClock);
  await runConsole({ engine, input: process.stdin, output: process.stdout, knowledgeSummary: opened.summary });
  return 0;
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
