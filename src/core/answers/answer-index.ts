import { distance } from 'fastest-levenshtein';
import MiniSearch, { type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import { knowledgeEntries, type Entry } from './entries.js';
import { entryFacts, isNumber, type EntryFacts } from './entry-facts.js';
import { IN_BACKGROUND, IN_STATEMENT, Postings } from './postings.js';
import { STOP_WORDS } from './stop-words.js';
import { isCanonical, SynonymTable } from './synonym-table.js';
import { tokenize, type Token } from './tokenize.js';

export type { EntryFacts } from './entry-facts.js';

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

interface Doc {
  id: number;
  text: string;
  tags: string;
  other: string;
}

const FIELDS = ['text', 'tags', 'other'] as const;
/** At most this many candidates are scored; past it the ones holding most of the question's weight are kept. */
export const MAX_SCORED = 1500;
/** The scoring query's terms are chosen so that the entries listed under them stay below this. */
const SCORING_POSTINGS = 60_000;
const MAX_TERMS = 30;

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
 * The full-text index an answer is retrieved from (minisearch, BM25): every fact, brief claim, event and
 * document passage, its words folded, stemmed and joined by the synonym table, with the statistics answers
 * need (how rare each term is, which terms are names). A search first narrows the entries to those that can
 * answer (postings of the rarest terms the answer must hold), then lets minisearch score only those.
 */
export class AnswerIndex {
  readonly synonyms: SynonymTable;
  private readonly search_: MiniSearch<Doc>;
  private readonly list: EntryFacts[] = [];
  /** How many terms each entry's statement (text and tags) has. */
  private readonly statementLength: number[] = [];
  /** Each entry's boost in the search under way; 0 for entries that are not candidates. */
  private readonly boost: Float64Array;
  private readonly byId = new Map<string, number>();
  private readonly postings = new Postings();
  /** The index's words (not the synonym groups' canonical terms) by how many entries hold them, for typos. */
  private readonly vocabulary = new SearchableMap<number>();
  private readonly capitals = new Map<string, { upper: number; lower: number }>();
  private readonly known: Set<string>;
  readonly size: number;

  constructor(knowledge: Knowledge, entries: readonly Entry[] = knowledgeEntries(knowledge)) {
    this.synonyms = new SynonymTable(knowledge.synonyms);
    this.search_ = new MiniSearch<Doc>({
      fields: [...FIELDS],
      storeFields: [],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { boost: { text: 2, tags: 1, other: 0.5 }, prefix: false, fuzzy: false },
    });
    const docs: Doc[] = [];
    const pending: { terms: string[]; capitalized: Set<string> }[] = [];
    for (const entry of entries) {
      if (this.byId.has(entry.id)) continue;
      const n = this.list.length;
      const text = this.terms(entry.statement ?? entry.text, true);
      const tags = this.terms(entry.tags, false);
      const other = this.terms(`${entry.background ?? ''}. ${entry.disagreement?.text ?? ''}`, true);
      for (const term of text.terms) this.postings.add(term, n, IN_STATEMENT);
      for (const term of tags.terms) this.postings.add(term, n, IN_STATEMENT);
      for (const term of other.terms) this.postings.add(term, n, IN_BACKGROUND);
      this.list.push(entryFacts(entry));
      this.statementLength.push(text.terms.length + tags.terms.length);
      this.byId.set(entry.id, n);
      pending.push(text);
      docs.push({ id: n, text: text.terms.join(' '), tags: tags.terms.join(' '), other: other.terms.join(' ') });
    }
    this.search_.addAll(docs);
    this.postings.freeze();
    this.size = docs.length;
    this.boost = new Float64Array(this.size);
    // Names are known once every entry has been seen: a word is a name when mostly written with a capital.
    for (const [n, p] of pending.entries()) {
      this.list[n]!.names = [...new Set(p.terms.filter((t) => isNumber(t) || (this.isName(t) && (isCanonical(t) || p.capitalized.has(t)))))];
    }
    for (const term of this.postings.terms()) if (!isCanonical(term)) this.vocabulary.set(term, this.postings.count(term));
    this.known = new Set([...this.postings.terms(), ...this.synonyms.words()]);
  }

  /** Folds, stems and joins synonyms; counts how often each term is written with a capital mid-sentence. */
  private terms(text: string, prose: boolean): { terms: string[]; capitalized: Set<string> } {
    const tokens = this.synonyms.expandDocument(tokenize(text)).filter((t) => keep(t.term, t.raw));
    const capitalized = new Set<string>();
    for (const t of tokens) {
      if (isCanonical(t.term) || isNumber(t.term) || (prose && t.opensSentence)) continue;
      const count = this.capitals.get(t.term) ?? { upper: 0, lower: 0 };
      if (/^\p{Lu}/u.test(t.raw)) {
        count.upper++;
        capitalized.add(t.term);
      } else count.lower++;
      this.capitals.set(t.term, count);
    }
    return { terms: tokens.map((t) => t.term), capitalized };
  }

  entry(id: string): EntryFacts | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.list[n];
  }

  entries(): IterableIterator<EntryFacts> {
    return this.list.values();
  }

  /** How much a term tells: rare terms weigh more; a term the index does not hold weighs most. */
  weight(term: string): number {
    return Math.log(1 + this.size / (this.postings.count(term) + 0.5));
  }

  /** The share of entries holding the term. */
  spread(term: string): number {
    return this.postings.count(term) / Math.max(1, this.size);
  }

  /** A term that names something: a synonym group of names, or a word mostly written with a capital. */
  isName(term: string): boolean {
    if (isCanonical(term)) return this.synonyms.isName(term);
    const c = this.capitals.get(term);
    return c !== undefined && c.upper > 0 && c.upper >= c.lower;
  }

  /**
   * A question's terms: typos corrected against the index's words, synonyms joined, stop words left out.
   * `extras` are the question's own words where a synonym replaced them, to prefer statements worded alike.
   */
  questionTerms(question: string): { tokens: Token[]; extras: string[] } {
    const corrected = tokenize(question).map((t) => this.correct(t));
    const tokens = this.synonyms.rewriteQuestion(corrected).filter((t) => keep(t.term, t.raw));
    const extras = corrected
      .filter((t) => keep(t.term, t.raw) && !isNumber(t.term) && this.postings.count(t.term) > 0)
      .map((t) => t.term)
      .filter((t) => !tokens.some((x) => x.term === t));
    return { tokens, extras };
  }

  /** An unknown word replaced by the index's closest word (fewest edits, then the most common). */
  private correct(token: Token): Token {
    const { term } = token;
    if (this.known.has(term) || term.length < 4 || isNumber(term) || STOP_WORDS.has(token.raw.toLowerCase()) || STOP_WORDS.has(term)) return token;
    const maxEdits = term.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestKey = [Infinity, 0];
    for (const [c, [count]] of this.vocabulary.fuzzyGet(term, maxEdits)) {
      const key = [distance(term, c), -count];
      if (key[0]! <= maxEdits && (key[0]! < bestKey[0]! || (key[0] === bestKey[0] && key[1]! < bestKey[1]!))) {
        best = c;
        bestKey = key;
      }
    }
    return best ? { ...token, term: best } : token;
  }

  /**
   * Searches for the query's terms and, weighing less, its hints and extras, boosting entries it prefers;
   * only entries that hold what the query requires are scored. Hits come best first.
   */
  *search(query: SearchQuery): Generator<Hit> {
    const terms = unique(query.terms).slice(0, MAX_TERMS);
    const hints = unique(query.hints ?? []);
    const extras = unique(query.extras ?? []);
    // A question of more than MAX_TERMS words (a pasted paragraph) is read by its first ones.
    const all = unique([...terms, ...hints, ...extras]).slice(0, MAX_TERMS);
    if (all.length === 0) return;
    const candidates = this.candidates(query, terms, all);
    if (candidates.size === 0) return;
    const own = new Set(terms);
    const hinted = new Set(hints);
    const scoring = new Set(this.scoringTerms(terms, hints, extras));
    // Entries that cannot answer are skipped before they are scored (a boost of 0). The briefs' claims are the
    // curated summaries: among equals, they come first.
    const boost = this.boost;
    for (const [n, c] of candidates) boost[n] = (query.prefer?.has(c.facts.entry.id) ? 1.6 : 1) * (c.facts.entry.kind === 'claim' ? 1.2 : 1);
    let results: SearchResult[];
    try {
      results = this.search_.search(all.filter((t) => scoring.has(t)).join(' '), {
        boostTerm: (term) => (own.has(term) ? 1 : hinted.has(term) ? 0.5 : 0.15),
        boostDocument: (n: number) => boost[n]!,
      });
    } finally {
      for (const n of candidates.keys()) boost[n] = 0;
    }
    for (const r of results) {
      const c = candidates.get(r.id as number);
      if (!c) continue;
      candidates.delete(r.id as number);
      yield { ...c, score: r.score };
    }
    // Candidates holding only terms left out of the scoring query come last.
    for (const c of candidates.values()) yield { ...c, score: 0 };
  }

  /**
   * The entries that can answer: they hold every required term and enough of the terms' weight in their
   * statement. Read from the postings of the rarest terms such an entry must hold, so common terms ("MSS",
   * "mission") cost little here; at most MAX_SCORED of them.
   */
  private candidates(query: SearchQuery, terms: readonly string[], all: readonly string[]): Map<number, Candidate> {
    const required = unique(query.required ?? []);
    const coverage = terms.length > 0 ? (query.coverage ?? 0) : 0;
    const weights = terms.map((t) => this.weight(t));
    const needed = coverage * weights.reduce((a, b) => a + b, 0);
    const rarestRequired = [...required].sort((a, b) => this.postings.count(a) - this.postings.count(b))[0];
    const critical = coverage > 0 ? this.critical(terms, weights, needed) : null;
    const criticalSize = critical ? critical.reduce((n, t) => n + this.postings.count(t), 0) : Infinity;
    let seed: number[];
    if (rarestRequired !== undefined && this.postings.count(rarestRequired) <= criticalSize) seed = this.postings.docs(rarestRequired, IN_STATEMENT);
    else if (critical) seed = this.postings.union(critical, IN_STATEMENT, this.size);
    else seed = this.postings.union(all, IN_STATEMENT | IN_BACKGROUND, this.size);

    const mustHold = required.map((t) => this.postings.cursor(t));
    const cursors = all.map((t) => this.postings.cursor(t));
    const termWeight = all.map((t) => {
      const i = terms.indexOf(t);
      return i < 0 ? 0 : weights[i]!;
    });
    // First pass, cheap: which entries hold what (bit i: all[i]), and how much of the weight they cover.
    const found: Found[] = [];
    seeds: for (const n of seed) {
      for (const c of mustHold) if (!(c.at(n) & IN_STATEMENT)) continue seeds;
      if (query.only && !query.only(this.list[n]!)) continue;
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
      found.push({ n, matched, touched, covered, preferred: query.prefer?.has(this.list[n]!.entry.id) ?? false });
    }
    // Past MAX_SCORED, the ones holding most of the weight are kept, then the shortest (as BM25 would rank them).
    if (found.length > MAX_SCORED) {
      const length = this.statementLength;
      const rank = (f: Found): number => (f.preferred ? 1e9 : 0) + Math.round(f.covered * 1e4) * 1e3 - length[f.n]!;
      const ranks = new Map(found.map((f) => [f, rank(f)]));
      found.sort((a, b) => ranks.get(b)! - ranks.get(a)! || a.n - b.n);
    }
    const out = new Map<number, Candidate>();
    const terms_ = (bits: number): Set<string> => new Set(all.filter((_, i) => bits & (1 << i)));
    for (const f of found) {
      const candidate: Candidate = { facts: this.list[f.n]!, matched: terms_(f.matched), touched: terms_(f.touched) };
      if (query.admit && !query.admit(candidate)) continue;
      out.set(f.n, candidate);
      if (out.size >= MAX_SCORED) break;
    }
    return out;
  }

  /** The rarest terms, enough of them that a statement holding none of them cannot reach `needed` weight. */
  private critical(terms: readonly string[], weights: readonly number[], needed: number): string[] {
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

  /**
   * The terms minisearch scores with: the question's own terms (or, for a bare follow-up, its hints) first,
   * then hints and extras, rarest first within each, while the entries listed under them stay few enough to
   * read quickly (skipping an entry that is not a candidate still costs a little). Only a long question of
   * common words reaches the bound; a term left out still decides which entries are candidates.
   */
  private scoringTerms(terms: readonly string[], hints: readonly string[], extras: readonly string[]): string[] {
    const byCount = (xs: readonly string[]): string[] => [...xs].sort((a, b) => this.postings.count(a) - this.postings.count(b));
    const own = terms.length > 0 ? terms : hints;
    const scoring = new Set<string>();
    let listed = 0;
    for (const t of [...byCount(own), ...byCount(unique([...hints, ...extras]).filter((x) => !own.includes(x)))]) {
      if (scoring.size > 0 && listed + this.postings.count(t) > SCORING_POSTINGS) continue;
      scoring.add(t);
      listed += this.postings.count(t);
    }
    return [...scoring];
  }
}

/** The index's documents are their terms joined by spaces. */
function splitTerms(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

function keep(term: string, raw: string): boolean {
  if (isCanonical(term) || isNumber(term)) return true;
  return term.length > 1 && !STOP_WORDS.has(raw.toLowerCase()) && !STOP_WORDS.has(term);
}
