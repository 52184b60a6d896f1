import { describe, expect, it } from 'vitest';
import { HANDLED_EVENT_KEEP_MS, HANDLING_LEASE_MS, type ChatPlatform, type EventClaimStore } from '../../src/core/chat-state.js';
import { SharedEventClaims } from '../../src/core/event-claims.js';
import { fixedClock } from '../../src/core/ports.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RecordingLogger } from '../doubles/recording-logger.js';

const NOW = new Date('2025-09-02T09:00:00Z');

/** A store whose database is down: every call fails the way a lost connection does. */
class UnreachableStore implements EventClaimStore {
  async claimEvent(_platform: ChatPlatform, _id: string): Promise<boolean> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
  async releaseEvent(): Promise<void> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
  async confirmEvent(): Promise<void> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
}

const after = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('event claims shared through the store', () => {
  it('holds a claim briefly while answering, so a copy that dies mid-answer does not keep the event from a later retry', async () => {
    const store = new MemoryStore();
    const claims = new SharedEventClaims({ platform: 'slack', store, clock: fixedClock(NOW), logger: new RecordingLogger() });
    expect(await claims.claim('Ev01')).toBe(true);
    expect(await store.claimEvent('slack', 'Ev01', after(HANDLING_LEASE_MS - 1), after(2 * HANDLING_LEASE_MS))).toBe(false);
    expect(await store.claimEvent('slack', 'Ev01', after(HANDLING_LEASE_MS), after(2 * HANDLING_LEASE_MS))).toBe(true);
  });

  it('keeps an answered event for a day, once, and lets it be claimed again once released', async () => {
    const store = new MemoryStore();
    const logger = new RecordingLogger();
    const claims = new SharedEventClaims({ platform: 'slack', store, clock: fixedClock(NOW), logger });
    expect(await claims.claim('Ev01')).toBe(true);
    expect(await claims.claim('Ev01')).toBe(false);
    await claims.handled('Ev01');
    expect(await store.claimEvent('slack', 'Ev01', after(HANDLED_EVENT_KEEP_MS - 1), after(2 * HANDLED_EVENT_KEEP_MS))).toBe(false);
    await claims.release('Ev01');
    expect(await claims.claim('Ev01')).toBe(true);
    expect(logger.events).toEqual([]);
  });

  it('handles the event when the store cannot be reached, and says so', async () => {
    const logger = new RecordingLogger();
    const claims = new SharedEventClaims({ platform: 'teams', store: new UnreachableStore(), clock: fixedClock(NOW), logger });
    expect(await claims.claim('conv\nact-1')).toBe(true);
    await claims.handled('conv\nact-1');
    await claims.release('conv\nact-1');
    expect(logger.events.map((e) => [e.level, e.fields.event, e.fields.error])).toEqual([
      ['warn', 'teams.event.claim_failed', 'connect ECONNREFUSED 127.0.0.1:5432'],
      ['warn', 'teams.event.confirm_failed', 'connect ECONNREFUSED 127.0.0.1:5432'],
      ['warn', 'teams.event.release_failed', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ]);
  });
});
