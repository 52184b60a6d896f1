import { z } from 'zod';
import { ConfigError } from '../config.js';
import type { Logger } from '../core/ports.js';

type Job = () => Promise<void>;

export interface AnswerQueueOptions {
  /** Answers worked on at once (ANSWER_CONCURRENCY). */
  concurrency?: number;
  /** Answers that may wait for a turn (ANSWER_QUEUE_MAX); past it, `push` refuses and the asker is told at once. */
  maxWaiting?: number;
}

export const DEFAULT_ANSWER_CONCURRENCY = 32;
export const DEFAULT_ANSWER_QUEUE_MAX = 200;

const count = (min: number, max: number) => z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min).max(max);
const limitsSchema = z.object({ ANSWER_CONCURRENCY: count(1, 256).optional(), ANSWER_QUEUE_MAX: count(0, 100_000).optional() });

/** Reads ANSWER_CONCURRENCY and ANSWER_QUEUE_MAX; fails naming the variable. */
export function loadAnswerLimits(env: Record<string, string | undefined> = process.env): Required<AnswerQueueOptions> {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('ANSWER_') && v !== undefined && v.trim() !== ''));
  const parsed = limitsSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n')}`);
  return { concurrency: parsed.data.ANSWER_CONCURRENCY ?? DEFAULT_ANSWER_CONCURRENCY, maxWaiting: parsed.data.ANSWER_QUEUE_MAX ?? DEFAULT_ANSWER_QUEUE_MAX };
}

/**
 * Where answers wait their turn once their request is acknowledged: up to `concurrency` are worked on at once,
 * in the order they came, and at most `maxWaiting` wait. A job starts on a later turn of the event loop, so
 * the acknowledgement that queued it is written first (Slack fails a request not acknowledged within 3 s).
 * When the queue is full, `push` returns false at once and the caller tells the asker the bot is busy: a
 * backlog never grows without bound, and no answer comes minutes after its question. `drain()` waits for
 * every queued answer, so stopping loses none.
 */
export class AnswerQueue {
  private readonly waiting: Job[] = [];
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private running = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    options: AnswerQueueOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_ANSWER_CONCURRENCY);
    this.maxWaiting = Math.max(0, options.maxWaiting ?? DEFAULT_ANSWER_QUEUE_MAX);
  }

  /** Answers waiting or being worked on. */
  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Queues an answer; false (and nothing queued) when the queue is full. */
  push(job: Job): boolean {
    if (this.size >= this.concurrency + this.maxWaiting) return false;
    this.waiting.push(job);
    this.schedule();
    return true;
  }

  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.concurrency && this.waiting.length > 0) this.start();
    });
  }

  private start(): void {
    const job = this.waiting.shift() as Job;
    this.running += 1;
    job()
      .catch((error: unknown) =>
        this.logger.error({ event: 'slack.answer_crashed', error: error instanceof Error ? error.message : String(error) }, 'an answer failed unexpectedly'),
      )
      .finally(() => {
        this.running -= 1;
        if (this.size === 0) this.idle.splice(0).forEach((resolve) => resolve());
        else this.schedule();
      });
  }
}
