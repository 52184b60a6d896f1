import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../core/ports.js';
import { redactTokens } from './slack-errors.js';

type MaybeDebug = Logger & {
  debug?: (fields: Record<string, unknown>, message: string) => void;
  isLevelEnabled?: (level: string) => boolean;
};

/**
 * Bolt's and the Web API client's logger, writing through ours: one JSON line per message, tagged
 * `component: "bolt"`, with anything shaped like a Slack token blanked out. Levels are ours (LOG_LEVEL).
 */
export function boltLogger(logger: MaybeDebug): BoltLogger {
  let level = LogLevel.INFO;
  const line = (args: unknown[]): string => redactTokens(format(...args.map((a) => (a instanceof Error ? a.message : a))));
  const fields = { component: 'bolt' };
  return {
    // The Web API client logs every request body at debug level: format it only when debug is on.
    debug: (...args: unknown[]) => {
      if (logger.debug && (logger.isLevelEnabled?.('debug') ?? true)) logger.debug(fields, line(args));
    },
    info: (...args: unknown[]) => logger.info(fields, line(args)),
    warn: (...args: unknown[]) => logger.warn(fields, line(args)),
    error: (...args: unknown[]) => logger.error(fields, line(args)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
