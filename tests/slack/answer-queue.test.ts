import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { AnswerQueue, loadAnswerLimits } from '../../src/slack/answer-queue.js';
import { ConfigError } from '../../src/config.js';
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
  queue = new AnswerQueue(createLogger('info', logs), { concurrency: 2, maxWaiting: 2 });
  started.length = 0;
  finish.clear();
});
afterEach(() => vi.useRealTimers());

describe('the answer queue', () => {
  it('works on `concurrency` answers at once, in order, starting after the turn that queued them', async () => {
    for (const name of ['a', 'b', 'c']) expect(queue.push(job(name))).toBe(true);
    expect(started).toEqual([]); // nothing runs in the turn of the event loop that acknowledged the requests
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['a', 'b']);
    finish.get('a')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  // Issue 14, item 6: before, the backlog grew without bound (3,573 after 90 s at 50 requests a second).
  it('refuses at once past its bound (concurrency + waiting), and takes more as answers finish', async () => {
    for (const name of ['a', 'b', 'c', 'd']) expect(queue.push(job(name))).toBe(true);
    expect(queue.push(job('e'))).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.size).toBe(4);
    expect(queue.push(job('e'))).toBe(false);
    finish.get('a')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.push(job('f'))).toBe(true);
    expect(started).not.toContain('e');
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

  it('reads ANSWER_CONCURRENCY and ANSWER_QUEUE_MAX, refusing nonsense by name', () => {
    expect(loadAnswerLimits({})).toEqual({ concurrency: 32, maxWaiting: 200 });
    expect(loadAnswerLimits({ ANSWER_CONCURRENCY: '8', ANSWER_QUEUE_MAX: '50' })).toEqual({ concurrency: 8, maxWaiting: 50 });
    expect(() => loadAnswerLimits({ ANSWER_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => loadAnswerLimits({ ANSWER_QUEUE_MAX: 'lots' })).toThrow(/ANSWER_QUEUE_MAX/);
  });
});
