import type { Logger } from '../core/ports.js';

type Job = () => Promise<void>;

export interface AnswerQueueOptions {
  /** Answers worked on at once when no request is arriving. */
  concurrency?: number;
  /** The share of the time answers may take while requests keep arriving. */
  busyShare?: number;
}

/** Requests count as "still arriving" this long after the last one. */
const BUSY_WINDOW_MS = 50;
/** The longest pause between two answers while requests arrive, whatever the last answer cost. */
const MAX_PAUSE_MS = 100;

/**
 * Where answers wait their turn once their request is acknowledged. Slack fails a request whose ack takes
 * over 3 seconds, and always must get one, while an answer may come a moment later: so answering yields to
 * acknowledging. While requests keep arriving, one answer is worked on at a time, paced so that answers take
 * about `busyShare` of the time (they always progress); when requests stop, up to `concurrency` run at once.
 * Jobs start on a fresh turn of the event loop, after pending I/O. `drain()` waits for every queued answer,
 * so stopping loses none.
 */
export class AnswerQueue {
  private readonly waiting: Job[] = [];
  private readonly concurrency: number;
  private readonly pauseFactor: number;
  private running = 0;
  private arrived = false;
  private busyUntil = 0;
  private nextStartAt = 0;
  private scheduled = false;
  private wake: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    options: AnswerQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.pauseFactor = 1 / (options.busyShare ?? 0.05) - 1;
  }

  get size(): number {
    return this.waiting.length + this.running;
  }

  push(job: Job): void {
    this.waiting.push(job);
    this.arrived = true;
    this.schedule();
  }

  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    const now = performance.now();
    if (this.arrived) {
      this.busyUntil = now + BUSY_WINDOW_MS;
      this.arrived = false;
    }
    if (now >= this.busyUntil) {
      while (this.running < this.concurrency && this.waiting.length > 0) this.start();
      return;
    }
    if (this.running === 0 && now >= this.nextStartAt && this.waiting.length > 0) this.start();
    if (this.waiting.length === 0) return;
    // Look again when the pause ends, or when requests have stopped arriving.
    const at = this.running === 0 ? Math.min(this.nextStartAt, this.busyUntil) : this.busyUntil;
    clearTimeout(this.wake);
    this.wake = setTimeout(() => this.schedule(), at - now);
  }

  private start(): void {
    const job = this.waiting.shift() as Job;
    const started = performance.now();
    this.running += 1;
    job()
      .catch((error: unknown) =>
        this.logger.error({ event: 'slack.answer_crashed', error: error instanceof Error ? error.message : String(error) }, 'an answer failed unexpectedly'),
      )
      .finally(() => {
        const now = performance.now();
        this.nextStartAt = now + Math.min((now - started) * this.pauseFactor, MAX_PAUSE_MS);
        this.running -= 1;
        if (this.size === 0) this.idle.splice(0).forEach((resolve) => resolve());
        else this.schedule();
      });
  }
}
