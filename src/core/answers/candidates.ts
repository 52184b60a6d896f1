import type { EntryFacts } from './entry-facts.js';
import { IN_BACKGROUND, IN_STATEMENT, type Postings } from './postings.js';

/** An entry that may answer, with what the question's terms matched in it. */
export interface Candidate {
  facts: EntryFacts;
  /** Query terms found in the statement itself (its text or tags). */
  matched: ReadonlySet<string>;
  /** Query terms found anywhere, background and the other side of a disagreement included. */
  touched: ReadonlySet<string>;
}

/** A scored candidate. */
export interface Hit extends Candidate {
  score: number;
}

/** What to search for, and what an entry must hold to be worth scoring at all. */
export interface SearchQuery {
  /** The question's own terms. */
  terms: readonly string[];
  /** What a follow-up points back to (weighs less). */
  hints?: readonly string[];
  /** The question's own wording where a synonym replaced it, to prefer statements worded alike (weighs least). */
  extras?: readonly string[];
  /** Terms the statement must hold (the names and figures the question uses). */
  required?: readonly string[];
  /** The share of the weight of `terms` (rare terms weigh more) the statement must hold. */
  coverage?: number;
  /** Entry ids to boost (what the thread is about). */
  prefer?: ReadonlySet<string>;
  /** Limits the entries searched. */
  only?: (facts: EntryFacts) => boolean;
  /** A last test of a candidate before it is scored. */
  admit?: (candidate: Candidate) => boolean;
}

/** What candidates are found in: the postings, the entries by number, and how much each term weighs. */
export interface Catalogue {
  postings: Postings;
  entries: readonly EntryFacts[];
  /** How many terms each entry's statement (text and tags) has. */
  statementLength: readonly number[];
  size: number;
  weight(term: string): number;
}

/** At most this many candidates are scored; past it the ones holding most of the question's weight are kept. */
export const MAX_SCORED = 1500;

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** A candidate as first found: its number, which query terms it holds (bit i: term i), how much weight it covers. */
interface Found {
  n: number;
  matched: number;
  touched: number;
  covered: number;
  preferred: boolean;
}

/**
 * The entries that can answer: they hold every required term and enough of the terms' weight in their
 * statement. Read from the postings of the rarest terms such an entry must hold, so common terms ("MSS",
 * "mission") cost little here; at most MAX_SCORED of them.
 */
export function findCandidates(catalogue: Catalogue, query: SearchQuery, terms: readonly string[], all: readonly string[]): Map<number, Candidate> {
  const { postings, entries, size } = catalogue;
  const required = unique(query.required ?? []);
  const coverage = terms.length > 0 ? (query.coverage ?? 0) : 0;
  const weights = terms.map((t) => catalogue.weight(t));
  const needed = coverage * weights.reduce((a, b) => a + b, 0);
  const rarestRequired = [...required].sort((a, b) => postings.count(a) - postings.count(b))[0];
  // An entry must hold the rarest required term, and one of the critical terms: the smaller list is read.
  const critical = coverage > 0 ? criticalTerms(terms, weights, needed) : null;
  const criticalSize = critical ? critical.reduce((n, t) => n + postings.count(t), 0) : Infinity;
  let seed: number[];
  if (rarestRequired !== undefined && postings.count(rarestRequired) <= criticalSize) seed = postings.docs(rarestRequired, IN_STATEMENT);
  else if (critical) seed = postings.union(critical, IN_STATEMENT, size);
  else seed = postings.union(all, IN_STATEMENT | IN_BACKGROUND, size);

  const mustHold = required.map((t) => postings.cursor(t));
  const cursors = all.map((t) => postings.cursor(t));
  const termWeight = all.map((t) => {
    const i = terms.indexOf(t);
    return i < 0 ? 0 : weights[i]!;
  });
  // First pass, cheap: which entries hold what (bit i: all[i]), and how much of the weight they cover.
  const found: Found[] = [];
  seeds: for (const n of seed) {
    for (const c of mustHold) if (!(c.at(n) & IN_STATEMENT)) continue seeds;
    if (query.only && !query.only(entries[n]!)) continue;
    let covered = 0;
    let matched = 0;
    let touched = 0;
    for (let i = 0; i < all.length; i++) {
      const where = cursors[i]!.at(n);
      if (where) touched |= 1 << i;
      if (where & IN_STATEMENT) {
        matched |= 1 << i;
        covered += termWeight[i]!;
      }
    }
    if (touched === 0 || covered < needed - 1e-9) continue;
    found.push({ n, matched, touched, covered, preferred: query.prefer?.has(entries[n]!.entry.id) ?? false });
  }
  const out = new Map<number, Candidate>();
  const terms_ = (bits: number): Set<string> => new Set(all.filter((_, i) => bits & (1 << i)));
  for (const f of found.length > MAX_SCORED ? ranked(found, catalogue.statementLength) : found) {
    const candidate: Candidate = { facts: entries[f.n]!, matched: terms_(f.matched), touched: terms_(f.touched) };
    if (query.admit && !query.admit(candidate)) continue;
    out.set(f.n, candidate);
    if (out.size >= MAX_SCORED) break;
  }
  return out;
}

/**
 * Candidates in the order they are kept past MAX_SCORED: those the thread prefers, then those holding most
 * of the question's weight, then the shortest statements (as BM25 would rank them), then in entry order.
 * Each is packed into one number (below 2^53) so a plain numeric sort orders them.
 */
function ranked(found: readonly Found[], statementLength: readonly number[]): Found[] {
  const levels = [...new Set(found.map((f) => f.covered))].sort((a, b) => b - a);
  const level = new Map(levels.map((c, i) => [c, Math.min(i, 1023)]));
  const keys = new Float64Array(found.length);
  found.forEach((f, i) => {
    const group = (f.preferred ? 0 : 1024) + level.get(f.covered)!;
    keys[i] = (group * 4096 + Math.min(statementLength[f.n]!, 4095)) * 2 ** 24 + i;
  });
  keys.sort();
  return Array.from(keys, (k) => found[k % 2 ** 24]!);
}

/** The rarest terms, enough of them that a statement holding none of them cannot reach `needed` weight. */
function criticalTerms(terms: readonly string[], weights: readonly number[], needed: number): string[] {
  const byWeight = terms.map((t, i) => ({ t, w: weights[i]! })).sort((a, b) => b.w - a.w);
  let rest = weights.reduce((a, b) => a + b, 0);
  const out: string[] = [];
  for (const { t, w } of byWeight) {
    if (rest < needed - 1e-9) break;
    out.push(t);
    rest -= w;
  }
  return out;
}
