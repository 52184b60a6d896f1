import { performance } from 'node:perf_hooks';
import { SendError, type MessageSender } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import type { ChannelRef } from '../../src/core/request.js';

export interface SentMessage {
  channel: ChannelRef;
  reply: Reply;
}

type Outcome = { kind: 'fail'; error: Error } | { kind: 'hang' };

/**
 * A MessageSender that records what it posts. It can be told to fail the next sends (e.g. with a 429
 * SendError, then succeed) or to hang forever (a process that dies between claim and send). It also counts
 * the time spent inside send, so benchmarks can take it out of a tick's time.
 */
export class RecordingSender implements MessageSender {
  readonly sent: SentMessage[] = [];
  /** Every call, including failed and hanging ones. */
  calls = 0;
  /** Milliseconds spent inside send. */
  busyMs = 0;
  private readonly outcomes: Outcome[] = [];

  /** The next `times` sends fail like Slack's rate limit: a retryable SendError with Retry-After. */
  rateLimitNext(times = 1, retryAfterMs = 30_000): this {
    for (let i = 0; i < times; i++) this.outcomes.push({ kind: 'fail', error: new SendError('the platform answered 429 Too Many Requests', true, retryAfterMs) });
    return this;
  }

  failNext(error: Error): this {
    this.outcomes.push({ kind: 'fail', error });
    return this;
  }

  /** The next send never returns, as if the process died in the middle of it. */
  hangNext(): this {
    this.outcomes.push({ kind: 'hang' });
    return this;
  }

  async send(channel: ChannelRef, reply: Reply): Promise<void> {
    const started = performance.now();
    this.calls++;
    const outcome = this.outcomes.shift();
    try {
      if (outcome?.kind === 'hang') return await new Promise<void>(() => undefined);
      if (outcome?.kind === 'fail') throw outcome.error;
      this.sent.push({ channel, reply });
    } finally {
      this.busyMs += performance.now() - started;
    }
  }

  /** What was sent, as "channel id | reply title" lines, for readable assertions. */
  lines(): string[] {
    return this.sent.map((m) => `${m.channel.platform}:${m.channel.id} | ${m.reply.title}`);
  }
}
