/**
 * How many Teams answers are made at once (ANSWER_CONCURRENCY), with at most `maxWaiting` more waiting for a
 * turn (ANSWER_QUEUE_MAX). Teams answers inside the HTTP request, so a flood would otherwise make every answer
 * slower without bound; past the bound, `run` returns BUSY at once and the bot says so.
 */
export const BUSY = Symbol('busy');

export class AnswerGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return BUSY;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the turn passes on: `running` stays the same
      else this.running -= 1;
    }
  }
}
