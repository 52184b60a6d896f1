import { EventEmitter } from 'node:events';
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
    const found = this.lines.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onLine = (line: LogLine): void => {
        if (!match(line)) return;
        clearTimeout(timer);
        this.emitter.off('line', onLine);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.emitter.off('line', onLine);
        reject(new Error(`no matching log line within ${timeoutMs} ms; events: ${this.lines.map((l) => l.event ?? l.msg).join(', ')}`));
      }, timeoutMs);
      this.emitter.on('line', onLine);
    });
  }
}
