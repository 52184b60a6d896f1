/** How often a store deletes expired chat state (thread contexts, event claims), at most. */
export const PRUNE_EVERY_MS = 3_600_000;

/**
 * Says when it is time to delete expired rows again: the first time, then at most once per `everyMs` of the
 * callers' clock. Pruning rides on ordinary writes, so no timer keeps the process alive.
 */
export class PruneGate {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly everyMs = PRUNE_EVERY_MS) {}

  due(now: Date): boolean {
    const t = now.getTime();
    if (t - this.last < this.everyMs && t >= this.last) return false;
    this.last = t;
    return true;
  }
}
