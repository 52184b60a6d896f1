import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Clock } from '../ports.js';
import type { ThreadContext } from '../request.js';
import type { AnswerIndex } from './answer-index.js';
import { isNumber } from './entry-facts.js';
import { isCanonical } from './synonym-table.js';

/** What a thread is about: the statements a follow-up should look at first, and what "it" or "they" stand for. */
export interface Focus {
  ids: ReadonlySet<string>;
  /** Terms a pronoun in a follow-up points back to, most telling first. */
  subject: readonly string[];
}

const ANSWER_PREFIX = 'a1:';
const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** The id of an answer's thread context: the ids of the statements it rests on, so it decodes after a restart. */
export function encodeAnswerId(entryIds: readonly string[]): string {
  return ANSWER_PREFIX + entryIds.join('+');
}

/** The statement ids an answer context id carries; empty for an id this version did not write. */
export function decodeAnswerId(id: string): string[] {
  if (!id.startsWith(ANSWER_PREFIX)) return [];
  return id.slice(ANSWER_PREFIX.length).split('+').filter((x) => ID.test(x)).slice(0, 10);
}

const threadContextSchema = z.union([
  z.strictObject({ kind: z.enum(['status', 'proposals', 'dates']) }),
  z.strictObject({ kind: z.literal('answer'), id: z.string().min(1).max(2000) }),
]);

/**
 * Reads a thread context back from what a platform stored with the parent message (Slack message metadata,
 * a Teams activity's channelData): returns it when it has the shape of one, else undefined (the follow-up is
 * then read on its own). Adapters pass the result as `request.thread`.
 */
export function parseThreadContext(value: unknown): ThreadContext | undefined {
  const parsed = threadContextSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A thread context as a person types it (the CLI's --context): "status", "proposals", "dates" or an answer id. */
export function threadContextFromText(text: string): ThreadContext | null {
  const t = text.trim();
  if (t === 'status' || t === 'proposals' || t === 'dates') return { kind: t };
  return decodeAnswerId(t).length > 0 ? { kind: 'answer', id: t } : null;
}

export interface FocusCacheOptions {
  /** How many thread contexts to keep (default 500). */
  max?: number;
  /** How long a context is kept after its last use, in ms (default 6 hours). */
  ttlMs?: number;
}

/**
 * Thread contexts resolved against the answer index, kept in a bounded LRU cache with expiry (time from the
 * injected clock). A context missing from the cache (expired, evicted, or after a restart) is rebuilt from the
 * ThreadContext alone: a brief's claims, or the statements an answer id names.
 */
export class FocusCache {
  private readonly cache: LRUCache<string, Focus>;

  constructor(
    private readonly index: AnswerIndex,
    clock: Clock,
    options: FocusCacheOptions = {},
  ) {
    this.cache = new LRUCache<string, Focus>({
      max: options.max ?? 500,
      ttl: options.ttlMs ?? 6 * 3_600_000,
      updateAgeOnGet: true,
      ttlResolution: 0,
      perf: { now: () => clock.now().getTime() },
    });
  }

  /** The focus of a thread, or null when there is no context or nothing in it is known. */
  focus(thread: ThreadContext | undefined): Focus | null {
    if (!thread) return null;
    const key = thread.kind === 'answer' ? `answer:${thread.id}` : thread.kind;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const built = this.build(thread);
    if (built) this.cache.set(key, built);
    return built;
  }

  /** How many contexts the cache holds now (for tests and the benchmark). */
  get size(): number {
    this.cache.purgeStale();
    return this.cache.size;
  }

  private build(thread: ThreadContext): Focus | null {
    if (thread.kind === 'answer') {
      const ids = decodeAnswerId(thread.id).filter((id) => this.index.entry(id));
      const first = ids[0] ? this.index.entry(ids[0]) : undefined;
      if (!first) return null;
      // Names first (a synonym group stands for all its spellings), rarest first.
      const subject = first.names
        .filter((n) => !isNumber(n))
        .sort((a, b) => Number(isCanonical(b)) - Number(isCanonical(a)) || this.index.weight(b) - this.index.weight(a));
      return { ids: new Set([...ids, ...this.sameQuotes(ids)]), subject };
    }
    const members = [...this.index.entries()].filter((f) => (thread.kind === 'dates' ? f.entry.kind === 'event' : f.entry.brief === thread.kind));
    if (members.length === 0) return null;
    const ids = members.map((f) => f.entry.id);
    const facts = this.sameQuotes(ids).filter((id) => this.index.entry(id)?.entry.kind === 'fact');
    return { ids: new Set([...ids, ...facts]), subject: this.briefSubject(members.map((f) => f.names)) };
  }

  /** Statements resting on the same quotes as these: the facts behind a brief's claims, or an answer's. */
  private sameQuotes(ids: readonly string[]): string[] {
    const keys = new Set(ids.flatMap((id) => [...(this.index.entry(id)?.citeKeys ?? [])].filter((k) => !k.endsWith('||'))));
    return [...this.index.entries()].filter((f) => [...f.citeKeys].some((k) => keys.has(k))).map((f) => f.entry.id);
  }

  /** What a brief is about: the name (synonym group) its statements mention most. */
  private briefSubject(names: readonly string[][]): string[] {
    const counts = new Map<string, number>();
    for (const list of names) for (const n of new Set(list)) counts.set(n, (counts.get(n) ?? 0) + 1);
    const ranked = [...counts.entries()]
      .filter(([term]) => isCanonical(term))
      .sort((a, b) => b[1] - a[1]);
    return ranked.slice(0, 1).map(([term]) => term);
  }
}
