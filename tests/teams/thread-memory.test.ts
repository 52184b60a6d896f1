import { describe, expect, it } from 'vitest';
import type { ChatPlatform, ThreadContextStore } from '../../src/core/chat-state.js';
import { fixedClock } from '../../src/core/ports.js';
import type { ThreadContext } from '../../src/core/request.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ThreadMemory } from '../../src/teams/thread-memory.js';
import { RecordingLogger } from '../doubles/recording-logger.js';

const clock = fixedClock(new Date('2025-06-01T12:00:00Z'));
const THREAD = '19:general@thread.tacv2;messageid=1001';

/** A store that counts its reads, over the in-memory store. */
class CountingStore implements ThreadContextStore {
  reads = 0;
  constructor(private readonly inner = new MemoryStore()) {}
  rememberThread(platform: ChatPlatform, keys: readonly string[], context: ThreadContext, now: Date): Promise<void> {
    return this.inner.rememberThread(platform, keys, context, now);
  }
  threadContext(platform: ChatPlatform, key: string, now: Date): Promise<ThreadContext | null> {
    this.reads++;
    return this.inner.threadContext(platform, key, now);
  }
}

/** A store whose database is down. */
const unreachable: ThreadContextStore = {
  rememberThread: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
  threadContext: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
};

describe('the Teams thread memory', () => {
  it('serves the context of one of its posted messages from memory, and the thread\'s latest from the store', async () => {
    const store = new CountingStore();
    const a = new ThreadMemory({ store, clock });
    const b = new ThreadMemory({ store, clock }); // another copy of the bot on the same store
    await a.remember(THREAD, 'bot-message-1', { kind: 'status' });
    expect(await a.recall(THREAD, 'bot-message-1')).toEqual({ kind: 'status' });
    expect(store.reads).toBe(0);

    await b.remember(THREAD, 'bot-message-2', { kind: 'answer', id: 'a1' });
    expect(await a.recall(THREAD, 'user-message-3')).toEqual({ kind: 'answer', id: 'a1' });
    expect(await b.recall(THREAD, 'bot-message-1')).toEqual({ kind: 'status' });
    expect(await a.recall('19:other@thread.tacv2;messageid=9', undefined)).toBeUndefined();
  });

  it('carries on from its own memory when the store fails, and says so', async () => {
    const logger = new RecordingLogger();
    const memory = new ThreadMemory({ store: unreachable, clock, logger });
    await memory.remember(THREAD, 'bot-message-1', { kind: 'dates' });
    expect(await memory.recall(THREAD, 'user-message-2')).toEqual({ kind: 'dates' });
    expect(logger.events.map((e) => [e.level, e.fields.event, e.fields.conversation])).toEqual([
      ['warn', 'teams.thread.remember_failed', THREAD],
      ['warn', 'teams.thread.recall_failed', THREAD],
    ]);
  });
});
