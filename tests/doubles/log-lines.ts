import { EventEmitter } from 'node:events';
import { waitForItem } from './wait-for-item.js';
import { Writable } from 'node:stream';

export type LogLine = Record<string, any>;

/** A destination for the pino logger that keeps each JSON line, so tests can wait for what was logged. */
export class LogLines extends Writable {
  readonly lines: LogLine[] = [];
  readonly raw: string[] = [];
  private readonly emitter = new EventEmitter();

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(text);
      const line = JSON.parse(text) as LogLine;
      this.lines.push(line);
      this.emitter.emit('line', line);
    }
    done();
  }

  /** Resolves with the first line (logged already or to come) that matches; rejects after `timeoutMs`. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs = 5000): Promise<LogLine> {
    return waitForItem(this.lines, this.emitter, 'line', match, timeoutMs, (l) => String(l.event ?? l.msg));
  }
}
