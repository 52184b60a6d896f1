import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { AnswerQueue } from '../../src/slack/answer-queue.js';
import { LogLines } from '../doubles/log-lines.js';

let logs: LogLines;
let queue: AnswerQueue;
const started: string[] = [];
const finish = new Map<string, () => void>();

/** A job that records when it starts and ends when the test says so. */
function job(name: string): () => Promise<void> {
  return () => {
    started.push(name);
    return new Promise<void>((resolve) => finish.set(name, resolve));
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
  logs = new LogLines();
  queue = new AnswerQueue(createLogger('info', logs), { concurrency: 2, busyShare: 0.1 });
  started.length = 0;
  finish.clear();
});
afterEach(() => vi.useRealTimers());

describe('the answer queue', () => {
  it('works on one answer at a time while requests arrive, paced to a tenth of the time, then on several', async () => {
    queue.push(job('a'));
    queue.push(job('b'));
    queue.push(job('c'));
    expect(started).toEqual([]); // nothing runs in the turn of the event loop that acknowledged the requests
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['a']);

    await vi.advanceTimersByTimeAsync(4);
    finish.get('a')?.(); // a took 4 ms: the next one waits 36 ms (answers take a tenth of the time)
    await vi.advanceTimersByTimeAsync(35);
    expect(started).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(2);
    expect(started).toEqual(['a', 'b']);

    finish.get('b')?.();
    queue.push(job('d')); // another request: still one at a time
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(49);
    expect(started).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(2); // 50 ms without a request: up to two side by side
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drains: resolves once every queued answer is done, and logs a crashed one without stopping', async () => {
    queue.push(() => Promise.reject(new Error('boom')));
    queue.push(job('after'));
    let drained = false;
    void queue.drain().then(() => (drained = true));
    await vi.advanceTimersByTimeAsync(200);
    expect(started).toEqual(['after']);
    expect(drained).toBe(false);
    finish.get('after')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(drained).toBe(true);
    expect(logs.lines.find((l) => l.event === 'slack.answer_crashed')).toMatchObject({ level: 50, error: 'boom' });
  });
});
