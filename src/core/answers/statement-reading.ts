import { LRUCache } from 'lru-cache';
import type { Entry } from './entries.js';
import { isFigure, isNumber, MONTHS } from './entry-facts.js';
import { askedWith, type AskedWith } from './question.js';
import { STOP_WORDS } from './stop-words.js';
import { isCanonical, type SynonymTable } from './synonym-table.js';
import { tokenize, type Token } from './tokenize.js';

/** Term stems that make a statement speak of plans, expectations or possibilities rather than facts. */
const CONDITIONAL_TERMS = new Set([
  'would', 'could', 'might', 'should', 'expect', 'unlikely', 'likely', 'outlook', 'if', 'whether', 'hope', 'perhap',
  'plan', 'envision', 'intend', 'suppos', 'future', 'promis',
]);
const REASON_WORDS = new Set(['because', 'due', 'reason', 'reasons', 'cause', 'caused', 'causes', 'owing', 'links', 'linked', 'motive', 'motives', 'why']);
/** A tag that names a question ("how many", "who opposes", "why Kenya"). */
const QUESTION_TAG = /^(who|whom|whose|why|when|where|how many|how much)\b/;
/** Where a statement's clauses end: a figure's thousands comma ("1,000") does not end one. */
const CLAUSE_END = /[;:()\u2013\u2014]|,\s|\.\s|\s-\s/;
/** How many statements' readings are kept (the shipped knowledge base has a few hundred statements). */
export const READINGS_KEPT = 4096;

/**
 * What re-ranking reads in one statement (its label and text; not its tags or background). Words are
 * numbered in order; a name's synonym term stands at the name's first word and spans to its last.
 */
export interface StatementReading {
  /** The statement's terms (words and names' synonym terms), where each is, and where each ends. */
  terms: string[];
  at: Int16Array;
  end: Int16Array;
  /** The clause each word is in. */
  clause: Uint8Array;
  /** Positions of words that may narrow down what a figure counts ("injured", "missing", "planned"). */
  participles: number[];
  /** Positions of figures (numbers that are not years or days of a month). */
  figures: number[];
  /** Positions of words of condition ("would", "planned", "expected"; "may" only in lower case). */
  conditions: number[];
  /** What it says: its names (as their synonym terms) and other content words. */
  says: string[];
  /** What its text opens with: its first two names or content words, figures and dates aside. */
  opening: string[];
  /** What it is about, as curated (a fact's tags, a claim's section and label), each as its terms. */
  topics: string[][];
  /** The questions its tags name, with the words each is about ("who opposes": oppose). */
  asks: { with: AskedWith; terms: string[] }[];
  /** It gives a reason: a word of cause, or "since" not followed by a date. */
  reasons: boolean;
  /** It reports an error its own source is known for (its disagreement rests on a note of that source). */
  contested: boolean;
}

/** The positions at which a statement holds a term. */
export function positionsOf(r: StatementReading, term: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.terms.length; i++) if (r.terms[i] === term) out.push(r.at[i]!);
  return out;
}

/** Reads statements for re-ranking when they are first candidates, keeping the most recently used readings. */
export class StatementReader {
  private readonly readings = new LRUCache<string, StatementReading>({ max: READINGS_KEPT });
  private readonly tags = new LRUCache<string, { with: AskedWith; terms: string[] } | { terms: string[] }>({ max: READINGS_KEPT });

  constructor(private readonly synonyms: SynonymTable) {}

  read(entry: Entry): StatementReading {
    let reading = this.readings.get(entry.id);
    if (!reading) {
      reading = this.readFresh(entry);
      this.readings.set(entry.id, reading);
    }
    return reading;
  }

  /** A tag as a question it names ("who opposes") or a topic, read once for every statement carrying it. */
  private tag(tag: string): { with: AskedWith; terms: string[] } | { terms: string[] } {
    let read = this.tags.get(tag);
    if (!read) {
      const lower = tag.trim().toLowerCase();
      read = QUESTION_TAG.test(lower)
        ? { with: askedWith(lower)!, terms: units(this.synonyms, lower.replace(QUESTION_TAG, '')).map((t) => t.term) }
        : { terms: units(this.synonyms, tag).filter((t) => !isNumber(t.term)).map((t) => t.term) };
      this.tags.set(tag, read);
    }
    return read;
  }

  private readFresh(entry: Entry): StatementReading {
    const statement = entry.statement ?? entry.text;
    const terms: string[] = [];
    const at: number[] = [];
    const end: number[] = [];
    const clause: number[] = [];
    const content: boolean[] = [];
    const r = { participles: [] as number[], figures: [] as number[], conditions: [] as number[], reasons: false };
    let pos = -1;
    statement.split(CLAUSE_END).forEach((text, k) => {
      const tokens = this.synonyms.expandDocument(tokenize(text));
      const words = tokens.filter((t) => !isCanonical(t.term));
      const first = pos + 1;
      for (const t of tokens) {
        if (isCanonical(t.term)) {
          terms.push(t.term);
          at.push(pos);
          end.push(pos + t.raw.split(' ').length - 1);
        } else {
          clause[++pos] = k;
          content[pos] = isContent(t);
          terms.push(t.term);
          at.push(pos);
          end.push(pos);
        }
      }
      words.forEach((t, i) => {
        const p = first + i;
        const lower = t.raw.toLowerCase();
        if (isContent(t) && /\p{L}{3}(ed|ing)$/u.test(t.raw)) r.participles.push(p);
        if (isFigure(words, i)) r.figures.push(p);
        if (CONDITIONAL_TERMS.has(t.term) || t.raw === 'may') r.conditions.push(p);
        const next = words[i + 1];
        if (REASON_WORDS.has(lower) || (lower === 'since' && next && !isNumber(next.term) && !MONTHS.has(next.raw.toLowerCase()))) r.reasons = true;
      });
    });
    const topics: string[][] = [];
    const asks: StatementReading['asks'] = [];
    for (const tag of entry.topics ?? []) {
      const read = this.tag(tag);
      if ('with' in read) asks.push(read);
      else topics.push(read.terms);
    }
    // What it says: names once, as their synonym terms, and the content words no name covers.
    const covered = new Set<number>();
    terms.forEach((t, i) => {
      if (isCanonical(t)) for (let p = at[i]!; p <= end[i]!; p++) covered.add(p);
    });
    const says = new Set(terms.filter((t, i) => (isCanonical(t) ? true : content[at[i]!] && !covered.has(at[i]!))));
    const own = new Set(entry.cite.map((c) => c.source));
    return {
      terms,
      at: Int16Array.from(at),
      end: Int16Array.from(end),
      clause: Uint8Array.from(clause),
      ...r,
      says: [...says],
      // The text's first words are enough to find what it opens with.
      opening: units(this.synonyms, entry.text.slice(0, 120))
        .filter((t) => !isNumber(t.term) && !MONTHS.has(t.raw.toLowerCase()))
        .slice(0, 2)
        .map((t) => t.term),
      topics,
      asks,
      contested: entry.disagreement?.cite.some((c) => c.note !== undefined && own.has(c.source)) ?? false,
    };
  }
}

/** A text's names (as their synonym terms) and other content words, in order: a name's words are read as it. */
function units(synonyms: SynonymTable, text: string): Token[] {
  const tokens = synonyms.expandDocument(tokenize(text));
  const covered = new Set<number>();
  let pos = -1;
  for (const t of tokens) {
    if (!isCanonical(t.term)) pos++;
    // A name's synonym term comes right after the name's first word.
    else for (let k = 0; k < t.raw.split(' ').length; k++) covered.add(pos + k);
  }
  const out: Token[] = [];
  pos = -1;
  for (const t of tokens) {
    if (isCanonical(t.term)) out.push(t);
    else if (!covered.has(++pos) && isContent(t)) out.push(t);
  }
  return out;
}

function isContent(t: Token): boolean {
  return t.term.length > 1 && !STOP_WORDS.has(t.raw.toLowerCase()) && !STOP_WORDS.has(t.term);
}
