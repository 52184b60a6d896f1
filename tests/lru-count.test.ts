import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { upTo } from '../src/lru-count.js';
import { ThreadMemory } from '../src/teams/thread-memory.js';

describe('caches bounded by count, growing with use', () => {
  it('hold at most their count, dropping the least recently used', () => {
    const cache = new LRUCache<string, number>({ ...upTo(3) });
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect([...cache.keys()].sort()).toEqual(['k2', 'k3', 'k4']);
  });

  it('keep the bound where the bot uses them (Teams thread memory of 2 threads)', async () => {
    const memory = new ThreadMemory({ max: 2 });
    for (const t of ['a', 'b', 'c']) await memory.remember(t, undefined, { kind: 'status' });
    expect(await memory.recall('a', undefined)).toBeUndefined();
    expect(await memory.recall('c', undefined)).toEqual({ kind: 'status' });
  });
});
