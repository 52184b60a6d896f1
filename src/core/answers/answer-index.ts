import MiniSearch, { type SearchResult } from 'minisearch';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import { knowledgeEntries, type Entry } from './entries.js';
import { entryFacts, isNumber, type EntryFacts } from './entry-facts.js';
import { findCandidates, type Catalogue, type Hit, type SearchQuery } from './candidates.js';
import { IN_BACKGROUND, IN_STATEMENT, Postings } from './postings.js';
import { STOP_WORDS } from './stop-words.js';
import { isCanonical, SynonymTable } from './synonym-table.js';
import { tokenize, type Token } from './tokenize.js';
import { Vocabulary } from './vocabulary.js';

export type { Candidate, Hit, SearchQuery } from './candidates.js';
export { MAX_SCORED } from './candidates.js';
export type { EntryFacts } from './entry-facts.js';

interface Doc {
  id: number;
  text: string;
  tags: string;
  heading: string;
  other: string;
}

const FIELDS = ['text', 'tags', 'heading', 'other'] as const;
/** The scoring query's terms are chosen so that the entries listed under them stay below this. */
const SCORING_POSTINGS = 60_000;
const MAX_TERMS = 30;

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

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
  private readonly catalogue: Catalogue;
  private readonly byId = new Map<string, number>();
  private readonly postings = new Postings();
  /** The index's words (not the synonym groups' canonical terms), for typos. */
  private readonly vocabulary = new Vocabulary();
  private readonly capitals = new Map<string, { upper: number; lower: number }>();
  /** The words of the synonym groups: a question using one is not taken for a typo. */
  private readonly synonymWords: Set<string>;
  readonly size: number;

  constructor(knowledge: Knowledge, entries: readonly Entry[] = knowledgeEntries(knowledge)) {
    this.synonyms = new SynonymTable(knowledge.synonyms);
    this.search_ = new MiniSearch<Doc>({
      fields: [...FIELDS],
      storeFields: [],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { boost: { text: 2, tags: 1, heading: 2, other: 0.5 }, prefix: false, fuzzy: false },
    });
    const docs: Doc[] = [];
    const pending: { terms: string[]; capitalized: Set<string> }[] = [];
    for (const entry of entries) {
      if (this.byId.has(entry.id)) continue;
      const n = this.list.length;
      const text = this.terms(entry.statement ?? entry.text, true);
      // Tags are a set of keywords, not prose: a curator listing five words for money does not make a
      // statement five times more about money.
      const tags = this.terms(entry.tags, false);
      tags.terms = unique(tags.terms);
      const other = this.terms(`${entry.background ?? ''}. ${entry.disagreement?.text ?? ''}`, true);
      for (const term of text.terms) this.postings.add(term, n, IN_STATEMENT);
      for (const term of tags.terms) this.postings.add(term, n, IN_STATEMENT);
      for (const term of other.terms) this.postings.add(term, n, IN_BACKGROUND);
      this.list.push(entryFacts(entry));
      this.statementLength.push(text.terms.length + tags.terms.length);
      this.byId.set(entry.id, n);
      pending.push(text);
      // A claim's section heading is its title (boosted like its text): what the claim is about, not a keyword.
      const titled = entry.kind === 'claim';
      docs.push({ id: n, text: text.terms.join(' '), tags: titled ? '' : tags.terms.join(' '), heading: titled ? tags.terms.join(' ') : '', other: other.terms.join(' ') });
    }
    this.search_.addAll(docs);
    this.postings.freeze();
    this.size = docs.length;
    this.boost = new Float64Array(this.size);
    this.catalogue = { postings: this.postings, entries: this.list, statementLength: this.statementLength, size: this.size, weight: (t) => this.weight(t) };
    // Names are known once every entry has been seen: a word is a name when mostly written with a capital.
    for (const [n, p] of pending.entries()) {
      const facts = this.list[n]!;
      facts.names = [...new Set(p.terms.filter((t) => isNumber(t) || (this.isName(t) && (isCanonical(t) || p.capitalized.has(t)))))];
      facts.nameCount = facts.names.filter((t) => !isNumber(t)).length;
    }
    for (const term of this.postings.terms()) if (!isCanonical(term)) this.vocabulary.add(term);
    this.synonymWords = this.synonyms.words();
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

  /**
   * How close together a statement holds the terms: the fewest of its words spanning all of them; Infinity
   * when it lacks one. A name's synonym term stands where the name ends.
   */
  span(facts: EntryFacts, terms: readonly string[]): number {
    const wanted = new Set(terms);
    const at: { term: string; pos: number }[] = [];
    let pos = -1;
    for (const t of this.synonyms.expandDocument(tokenize(facts.entry.statement ?? facts.entry.text))) {
      if (!isCanonical(t.term)) pos++;
      if (wanted.has(t.term) && keep(t.term, t.raw)) at.push({ term: t.term, pos });
    }
    // The shortest window over the positions holding every wanted term.
    let best = Infinity;
    const inWindow = new Map<string, number>();
    let first = 0;
    for (const hit of at) {
      inWindow.set(hit.term, (inWindow.get(hit.term) ?? 0) + 1);
      while (inWindow.size === wanted.size) {
        const head = at[first]!;
        best = Math.min(best, hit.pos - head.pos + 1);
        const left = inWindow.get(head.term)! - 1;
        if (left === 0) inWindow.delete(head.term);
        else inWindow.set(head.term, left);
        first++;
      }
    }
    return best;
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
    if (this.postings.count(term) > 0 || this.synonymWords.has(term) || term.length < 4 || isNumber(term) || STOP_WORDS.has(token.raw.toLowerCase()) || STOP_WORDS.has(term)) return token;
    const maxEdits = term.length >= 8 ? 2 : 1;
    const best = this.vocabulary.closest(term, maxEdits, (w) => this.postings.count(w));
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
    const candidates = findCandidates(this.catalogue, query, terms, all);
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
