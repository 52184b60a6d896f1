import { pino } from 'pino';
import type { Logger } from './core/ports.js';

/**
 * The process logger: one JSON line per event on standard error (standard output is for replies).
 * Token-like fields are redacted wherever they appear.
 */
export function createLogger(level: string = 'info', destination: NodeJS.WritableStream = process.stderr): Logger & pino.Logger {
  return pino(
    {
      level,
      base: { app: 'haiti-brief' },
      redact: { paths: ['token', '*.token', 'botToken', '*.botToken', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}
