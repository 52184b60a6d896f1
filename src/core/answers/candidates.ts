import MiniSearch from 'minisearch';
import { questionShape, type QuestionShape } from './question.js';
import type { Statement } from './statements.js';
import { isGroupTerm, RELATED_WEIGHT, type TermPipeline, type Unit } from './terms.js';
import type { Lexicon, RelatedWords } from './wordnet.js';

/** A statement that may answer, how well it matches, and how much of the question's content it holds. */
export interface Candidate {
  statement: Statement;
  score: number;
  /** The share of the question's informative weight (rare words weigh more) the statement holds, 0 to 1. */
  coverage: number;
  /** The query terms it holds. */
  terms: ReadonlySet<string>;
}

export interface CandidateQuery {
  /** The question's own units. */
  units: readonly Unit[];
  /** What a follow-up points back to: searched at half weight, counted in coverage only when the question has no words of its own. */
  hints?: readonly Unit[];
  /** Statement ids the thread is about: boosted. */
  prefer?: ReadonlySet<string>;
  /** Which statements may answer. */
  only?: (s: Statement) => boolean;
  /** What the question asks for, to prefer statements whose curated questions ask for it too. */
  wants?: QuestionShape['wants'];
  /** Expand the question's words with WordNet (not for document passages, which must hold the words asked). */
  related?: boolean;
}

/** How much of a word a statement holds: all of it under its own term or a synonym, half of it under a WordNet relation or a word of a longer name. */
function credit(u: Unit, held: ReadonlySet<string>): number {
  let best = 0;
  for (const t of u.terms) {
    if (!held.has(t.term)) continue;
    if (t.weight > RELATED_WEIGHT) return 1;
    best = RELATED_CREDIT;
  }
  return best;
}
const RELATED_CREDIT = 0.5;

/** Fields and boosts: the curated questions a statement answers weigh most, then its own words, then its filing. */
const BOOST = { asks: 2, text: 1, label: 0.6 };
/** A name (of synonyms.yaml) weighs at most this many times the question's weightiest other word (chosen on the reader set and eval-set: 1.5-2.5 tried). */
const NAME_CAP = 2;
/** A word mostly an adverb ("rather", "around", "originally") weighs this share of what its rarity says (chosen on the reader set: 0.5 to 0.3 answered one more; 0 no more). */
const ADVERB_WEIGHT = 0.3;
const BOOST_PREFERRED = 2;
/**
 * The BM25 query holds a question's terms, rarest first, while the statements holding them stay this few: a
 * term most statements hold ("MSS") tells little and costs most, and still counts in coverage.
 */
const SCORING_POSTINGS = 1000;
const MAX_CANDIDATES = 20;
/** A statement one of whose curated questions is the question asked, in other words or the same, comes first: up to this factor more. */
const SAME_ASK = 2;
const OTHER_WANTS = 0.7;
/** A question of more than this many words (a pasted paragraph) is read by its first ones. */
const MAX_UNITS = 30;

/**
 * The candidates stage: a minisearch (BM25) index over each statement's asks, text and label, every field
 * run through the term pipeline; a query's own words weigh 1 and their synonyms less. The words WordNet
 * relates to them count in what a statement holds (half a word), not in which statements are searched.
 */
export class CandidateIndex {
  private readonly search_: MiniSearch<{ id: number; asks: string; text: string; label: string }>;
  /** For each term, the statements holding it, ascending. */
  private readonly postings = new Map<string, Int32Array>();
  /** Each statement's curated questions: every term of each, and the terms of its own words. */
  private readonly asks: { all: Set<string>; own: string[]; ownIdf: number[]; wants: QuestionShape['wants'] }[][] = [];
  private readonly related: RelatedWords;
  readonly size: number;
  /**
   * The search under way, read by search options given once, at construction: minisearch spreads the options a
   * search is given into new objects for the search and for each of its terms, and what those copies held outlived
   * young collections (measured: shorter garbage-collector pauses with the options given once).
   */
  private current: { weight: ReadonlyMap<string, number>; scored: ReadonlySet<number> | null; query: CandidateQuery } | null = null;

  /** With a lexicon, a question's words find the statements' words it relates them to, and general words weigh less. */
  constructor(
    readonly statements: readonly Statement[],
    pipeline: TermPipeline,
    private readonly lexicon?: Lexicon,
  ) {
    this.search_ = new MiniSearch({
      fields: ['asks', 'text', 'label'], storeFields: [], tokenize: (t) => (t === '' ? [] : t.split(' ')), processTerm: (t) => t,
      searchOptions: {
        boost: BOOST,
        boostTerm: (t) => this.current!.weight.get(t) ?? 1,
        boostDocument: (id: number) => (this.current!.scored?.has(id) === false ? 0 : this.current!.query.prefer?.has(this.statements[id]!.id) ? BOOST_PREFERRED : 1),
        filter: (r) => this.current!.query.only?.(this.statements[r.id as number]!) ?? true,
      },
    });
    const lists = new Map<string, number[]>();
    const docs = statements.map((s, id) => {
      const texts = s.fields.asks.split('\n').filter((a) => a.trim() !== '');
      const asks = texts.map((a) => pipeline.read(a));
      this.asks.push(texts.map((a, i) => ({ all: new Set(asks[i]), own: pipeline.units(a).map((u) => u.terms[0]!.term), ownIdf: [], wants: questionShape(a).wants })));
      const f = { asks: asks.flat(), text: pipeline.read(s.fields.text), label: pipeline.read(s.fields.label) };
      for (const t of new Set([...f.asks, ...f.text, ...f.label])) {
        const list = lists.get(t);
        if (list) list.push(id);
        else lists.set(t, [id]);
      }
      return { id, asks: f.asks.join(' '), text: f.text.join(' '), label: f.label.join(' ') };
    });
    for (const [t, ids] of lists) this.postings.set(t, Int32Array.from(ids));
    this.search_.addAll(docs);
    this.size = docs.length;
    for (const asks of this.asks) for (const ask of asks) ask.ownIdf = ask.own.map((t) => this.idf(t));
    this.related = lexicon ? lexicon.relations(new Set([...lists.keys()].filter((t) => !isGroupTerm(t) && !/^\d/.test(t)))) : new Map();
  }

  /**
   * How much a word of the question tells: as rare among the statements as the rarest term standing for it
   * (a word none holds tells most), and as specific as its few senses make it ("cholera" more than "care"); half as much in a clause saying when.
   */
  informative(u: Unit): number {
    const terms = u.phrase ? u.terms.slice(0, 1) : u.terms;
    const idf = Math.log(1 + this.size / (Math.max(...terms.map((t) => this.count(t.term))) + 0.5));
    const plain = !u.phrase && !/^\d/.test(u.terms[0]!.term);
    const senses = plain ? (this.lexicon?.senses(u.raw) ?? 0) : 0;
    return (idf / (1 + Math.log(1 + senses))) * (plain && this.lexicon?.adverb(u.raw) ? ADVERB_WEIGHT : 1) * (u.aside ? 0.5 : 1);
  }

  /** How many statements hold a term. */
  count(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /**
   * How nearly one of a statement's curated questions is the question asked, 0 to 1: the weight (rarity) of
   * the question's words it holds, against the question's and its own words' weight; less when it asks for
   * another thing (a date for a figure).
   */
  private sameAsk(doc: number, units: readonly Unit[], unitIdf: readonly number[], asked: ReadonlySet<string>, wants: QuestionShape['wants']): number {
    let best = 0;
    for (const ask of this.asks[doc] ?? []) {
      let held = 0;
      let total = 0;
      for (let i = 0; i < units.length; i++) {
        total += unitIdf[i]!;
        held += unitIdf[i]! * credit(units[i]!, ask.all);
      }
      for (let k = 0; k < ask.own.length; k++) if (!asked.has(ask.own[k]!)) total += ask.ownIdf[k]!;
      best = Math.max(best, total > 0 ? ((ask.wants === wants ? 1 : OTHER_WANTS) * held) / total : 0);
    }
    return best;
  }

  /** How rare a term is among the statements. */
  private idf(term: string): number {
    return Math.log(1 + this.size / (this.count(term) + 0.5));
  }

  /** A word's own terms and, weighing less, the words WordNet relates to it. */
  expand(unit: Unit): Unit {
    if (unit.phrase || /^\d/.test(unit.terms[0]!.term)) return unit;
    const lemmas = this.lexicon?.lemmas(unit.raw) ?? [];
    const more = [...new Set(lemmas.flatMap((l) => this.related.get(l) ?? []))].filter((t) => !unit.terms.some((x) => x.term === t));
    return { ...unit, terms: [...unit.terms, ...more.map((term) => ({ term, weight: RELATED_WEIGHT }))] };
  }

  /** How to weigh what statements hold of a question: the share of its informative weight held by statements holding `held` together (as `Candidate.coverage` for one). */
  coverage(query: CandidateQuery): (held: ReadonlySet<string>) => number {
    return this.weigher(this.queryUnits(query).counted);
  }

  /** A query's own units with WordNet's relations, its hints at half weight, and the units its coverage counts (its own, else its hints). */
  private queryUnits(query: CandidateQuery): { own: Unit[]; hints: Unit[]; counted: Unit[] } {
    const own = query.units.slice(0, MAX_UNITS).map((u) => (query.related === false ? u : this.expand(u)));
    const hints = (query.hints ?? []).map((u) => ({ ...u, terms: u.terms.map((t) => ({ ...t, weight: t.weight / 2 })) }));
    return { own, hints, counted: own.length > 0 ? own : hints };
  }

  private weigher(counted: readonly Unit[]): (held: ReadonlySet<string>) => number {
    const own = counted.map((u) => this.informative(u));
    // A name cannot carry a question alone: "what is the GSF's budget" asks about a budget.
    // With names only ("what did France say about the MSS"), at most NAME_CAP times the weightiest other name (a lone word: no cap).
    const plain = own.filter((_, i) => !counted[i]!.name);
    const cap = (i: number): number => NAME_CAP * Math.max(...(plain.length > 0 ? plain : own.filter((_, j) => j !== i)), own.length > 1 ? 0 : Infinity);
    const idf = own.map((w, i) => (counted[i]!.name ? Math.min(w, cap(i)) : w));
    const total = idf.reduce((a, b) => a + b, 0);
    return (held) => (total > 0 ? counted.reduce((n, u, i) => n + idf[i]! * credit(u, held), 0) / total : 0);
  }

  /** The best candidates, best first. */
  find(query: CandidateQuery): Candidate[] {
    const { own, hints, counted } = this.queryUnits(query);
    const weight = new Map<string, number>();
    for (const u of [...own, ...hints]) for (const t of u.terms) weight.set(t.term, Math.max(weight.get(t.term) ?? 0, t.weight));
    if (weight.size === 0) return [];
    const weigh = this.weigher(counted);
    const scoring: string[] = [];
    let listed = 0;
    // The question's own words and their synonyms, the rarest first; what WordNet relates them to only when nothing else is asked.
    const related = (t: string): number => (weight.get(t)! > RELATED_WEIGHT ? 0 : 1);
    for (const t of [...weight.keys()].sort((a, b) => related(a) - related(b) || this.count(a) - this.count(b))) {
      if (scoring.length > 0 && (listed + this.count(t) > SCORING_POSTINGS || related(t) === 1)) break;
      scoring.push(t);
      listed += this.count(t);
    }
    // A question whose rarest term most statements hold ("and them?") scores the first SCORING_POSTINGS of them only.
    const scored = listed > SCORING_POSTINGS ? new Set(this.postings.get(scoring[0]!)!.subarray(0, SCORING_POSTINGS)) : null;
    this.current = { weight, scored, query };
    const results = this.search_.search(scoring.join(' '));
    const out: Candidate[] = [];
    // A curated question is matched against what the question implies too (the kind of name asked, a premise, what a follow-up points back to).
    const matched = counted === own ? [...own, ...hints] : counted;
    const unitIdf = matched.map((u) => this.idf(u.terms[0]!.term));
    const asked = new Set(matched.flatMap((u) => u.terms.map((t) => t.term)));
    const top = results.slice(0, MAX_CANDIDATES);
    // Which of the query's terms each of the top statements holds, from the terms' postings.
    const heldBy = new Map<number, Set<string>>(top.map((r) => [r.id as number, new Set<string>()]));
    for (const t of weight.keys()) {
      const docs = this.postings.get(t);
      // An index loop: a typed array's iterator allocates a result per statement on every question.
      for (let i = 0; docs && i < docs.length; i++) heldBy.get(docs[i]!)?.add(t);
    }
    for (const r of top) {
      const held = heldBy.get(r.id as number)!;
      const coverage = weigh(held);
      const same = this.sameAsk(r.id as number, matched, unitIdf, asked, query.wants ?? null);
      out.push({ statement: this.statements[r.id as number]!, score: r.score * coverage * (1 + SAME_ASK * same), coverage, terms: held });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
  }
}
