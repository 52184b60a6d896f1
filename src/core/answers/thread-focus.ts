import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Clock } from '../ports.js';
import type { ThreadContext } from '../request.js';
import type { CandidateIndex } from './candidates.js';
import type { Statement } from './statements.js';
import type { TermPipeline, Unit } from './terms.js';

/** What a thread is about: the statements a follow-up should look at first, and what "it" or "they" stand for. */
export interface Focus {
  ids: ReadonlySet<string>;
  /** The name a pronoun in a follow-up points back to. */
  subject: readonly Unit[];
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
 * Thread contexts resolved against the statements, kept in a bounded LRU cache with expiry (time from the
 * injected clock). A context missing from the cache (expired, evicted, or after a restart) is rebuilt from the
 * ThreadContext alone: a brief's claims, or the statements an answer id names.
 */
export class FocusCache {
  private readonly cache: LRUCache<string, Focus>;
  private readonly byId: Map<string, Statement>;

  constructor(
    private readonly index: CandidateIndex,
    private readonly pipeline: TermPipeline,
    clock: Clock,
    options: FocusCacheOptions = {},
  ) {
    this.byId = new Map(index.statements.map((s) => [s.id, s]));
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

  /** A thread is about its statements and those resting on the same quotes; "it" is the name most of them use (an answer's each counted once), the rarest on a tie. */
  private build(thread: ThreadContext): Focus | null {
    const members = thread.kind === 'answer'
      ? decodeAnswerId(thread.id).map((id) => this.byId.get(id)).filter((s) => s !== undefined)
      : this.index.statements.filter((s) => (thread.kind === 'dates' ? s.kind === 'event' : s.brief === thread.kind));
    if (members.length === 0) return null;
    const quotes = new Set(members.flatMap((s) => s.cite.filter((c) => c.quote).map((c) => `${c.source}|${c.quote}`)));
    const same = this.index.statements.filter((s) => s.kind !== 'event' && s.cite.some((c) => quotes.has(`${c.source}|${c.quote}`)));
    const counts = new Map<string, { unit: Unit; n: number }>();
    for (const s of members) {
      // An answer's statements each count a name once: "it" is the name most of them use.
      const units = this.pipeline.units(s.text).filter((x) => x.name);
      for (const u of thread.kind === 'answer' ? [...new Map(units.map((x) => [x.terms[0]!.term, x])).values()] : units) {
        const c = counts.get(u.terms[0]!.term) ?? { unit: u, n: 0 };
        counts.set(u.terms[0]!.term, { unit: c.unit, n: c.n + 1 });
      }
    }
    // The most used name; among names used as often, the rarest in the whole knowledge base.
    const subject = [...counts.values()].sort((a, b) => b.n - a.n || this.index.count(a.unit.terms[0]!.term) - this.index.count(b.unit.terms[0]!.term));
    return { ids: new Set([...members, ...same].map((s) => s.id)), subject: subject.slice(0, 1).map((c) => c.unit) };
  }
}
