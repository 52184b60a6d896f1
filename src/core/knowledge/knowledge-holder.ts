import type { Knowledge } from './parse-knowledge.js';

/** Where the current knowledge comes from: a fixed base, or one a running bot swaps when its files change. */
export interface KnowledgeSource {
  /** The knowledge to answer from now. A request reads it once and keeps it to the end. */
  current(): Knowledge;
}

/**
 * Holds the knowledge a running bot answers from and swaps it at once for a new one. A request that read
 * `current()` before a swap finishes on the knowledge it began with: nothing it holds is ever changed.
 */
export class KnowledgeHolder implements KnowledgeSource {
  private knowledge: Knowledge;
  private swaps = 0;

  constructor(initial: Knowledge) {
    this.knowledge = initial;
  }

  current(): Knowledge {
    return this.knowledge;
  }

  /** How many times the knowledge was replaced since start. */
  get generation(): number {
    return this.swaps;
  }

  swap(next: Knowledge): void {
    this.knowledge = next;
    this.swaps++;
  }
}

/** A fixed knowledge base as a KnowledgeSource; a source is returned as it is. */
export function knowledgeSource(k: Knowledge | KnowledgeSource): KnowledgeSource {
  return 'current' in k && typeof k.current === 'function' ? k : { current: () => k as Knowledge };
}
