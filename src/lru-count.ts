/**
 * lru-cache options that bound a cache to `count` entries without allocating them up front: with `max`, the
 * cache allocates all its slots when created (50,000 of them hold 2 MB while the bot is idle); counted as a
 * size of 1 each, it grows with use and is bounded all the same.
 */
export function upTo(count: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: count, sizeCalculation: () => 1 };
}
