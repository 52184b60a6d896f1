import damerauLevenshtein from 'damerau-levenshtein';
import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import { wordsToNumbers } from 'words-to-numbers';
import type { SynonymGroup } from '../knowledge/schema.js';

/** One term of a unit, and how much a match on it counts in ranking (the user's own word counts 1). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A word or a name of a text as the index sees it: its own term first, then what else may stand for it. */
export interface Unit {
  raw: string;
  /** A name or phrase from synonyms.yaml: it is held only under its group's term, `terms[0]`. */
  name: boolean;
  /** A name of a group of synonyms.yaml that names a person. */
  person: boolean;
  /** A word of the group of synonyms.yaml that speaks of money. */
  money?: boolean;
  phrase: boolean;
  terms: WeightedTerm[];
  /** A word of a clause saying when ("when the SG sent his letter"): it counts half of what it tells. */
  aside?: boolean;
}

/** A synonym group's own term (the same in statements and questions); no word starts with "=". */
const canonical = (first: string): string => `=${first.toLowerCase().replace(/\W+/g, '_')}`;
/** A plain synonym stands for a word at this weight; a WordNet synonym at RELATED_WEIGHT. */
const SYNONYM_WEIGHT = 0.6;
export const RELATED_WEIGHT = 0.35;
const NAME_WORD_WEIGHT = 0.2;
/** Words that ask rather than say, beside the stopword library's English list. */
const STOP = new Set([
  'us',
  ...eng,
  ...('when why whom whose who\'s whos what\'s whats wat its it\'s so one ones tell know please thanks thank info information explain ' +
    'describe anything something thing things stuff happen happened happening hi hey ok okay pls plz u ur does doing done get got gone ' +
    'currently today really actually exactly also just even still yet already again ever any every someone anyone kind sort lot lots ' +
    'whether whatever which will shall may might must would could can should yes not remind wonder wondering curious heard reading didnt didn doesnt doesn dont don isnt isn ' +
    'wasnt wasn werent weren hasnt hasn havent haven wont cant couldnt couldn wouldnt wouldn shouldnt shouldn arent aren ' +
    'itself themselves herself myself yourself yourselves ourselves guy guys dude fellow ' +
    // words that frame a question (compare, roughly, according to) rather than say what it is about
    'compare compared comparison versus vs difference differences differ differs different bigger larger smaller actual roughly approximately exact exactly precise precisely actually basically ' +
    'according besides apart instead overall generally supposedly seen seem seems once again now true correct accurate').split(' '),
]);
const CARDINAL = 'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion';
/** A run of number words ("five thousand five hundred and fifty"); a lone "one" is a pronoun, not a figure. */
const NUMBER_WORDS = new RegExp(`\\b(?:a |an )?(?:${CARDINAL})(?:(?:[ -]|,? and )(?:${CARDINAL}))*\\b`, 'gi');
const WORD = /\p{L}+|\d+(?:[.,]\d+)*/gu;

interface Token {
  raw: string;
  lower: string;
  stem: string;
  /**
   * The verb an irregular form stands for ("told": "tell"), when it has one: its stem, weighing as a WordNet
   * relation when the form is also a word of its own ("paid", "left"), else fully ("unfroze").
   */
  base?: WeightedTerm;
}

interface Phrase {
  words: string[];
  byRaw: boolean;
  term: string;
  name: boolean;
  person: boolean;
  money: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A month's short name beside a number ("Feb 2025", "5 Oct"): "mar" or "may" alone is no month. */
const SHORT_MONTH = /\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?=\s+\d)|(?<=\d\s+)(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?/gi;

/**
 * Folds accents and typographic apostrophes, drops contractions' endings ("I've", "they'd"), writes a month's
 * short name in full and number words as digits ("one thousand" -> 1000).
 */
export function normalise(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/(\p{L})'(ve|re|ll|d|m)\b/giu, '$1')
    .replace(/\b(w)on't\b/gi, '$1ill not') // "won't", not "won": "who won the election" asks who won
    .replace(SHORT_MONTH, (m) => MONTHS.find((full) => full.toLowerCase().startsWith(m.replace('.', '').toLowerCase().slice(0, 3)))!);
  return folded
    .replace(NUMBER_WORDS, (run, at: number, all: string) => {
      // "$100 million" keeps its scale word; a lone "one" is a pronoun.
      if (/^one$/i.test(run.trim()) || (SCALE.test(run.trim()) && /\d\s*$/.test(all.slice(0, at)))) return run;
      const n = wordsToNumbers(run);
      return typeof n === 'number' ? written(n) : String(n ?? run);
    });
}

/** A scale word alone: after a figure ("100 million") it is part of it. */
const SCALE = /^(?:a |an )?(?:hundred|thousand|million|billion)$/i;

/** A number as the documents write it: "100 million" for a hundred million, so the two meet. */
function written(n: number): string {
  if (n >= 1e9 && n % 1e9 === 0) return `${n / 1e9} billion`;
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6} million`;
  return String(n);
}

/** Readings kept per key, at most this many per table (a question's typos cannot grow them without bound). */
const MEMO_MAX = 50_000;

/** A key's reading from its table, computed and kept (up to MEMO_MAX) on first use. */
export function memo<V>(table: Map<string, V>, key: string, compute: (key: string) => V): V {
  const known = table.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (table.size < MEMO_MAX) table.set(key, value);
  return value;
}

const stems = new Map<string, string>();
/** British "-ise" spellings read as "-ize" ("authorised", "organisation"), on both sides, so the two stem alike. */
const BRITISH_ISE = /^(\p{L}{3,}?)is(e|ed|es|ing|ation|ations)$/u;
/**
 * Porter turns a final "y" after a vowel into "i" only when nothing follows it: "deployed" gives "deploi", but
 * "deployment" gives "deploy". A stem ending in "y" is written with "i", so the two meet.
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = /^\d/.test(word) ? word : stemmer(word.replace(BRITISH_ISE, '$1iz$2')).replace(/([aeiou])y$/, '$1i');
    if (stems.size < 100_000) stems.set(word, s);
  }
  return s;
}

/** A word as itself, or as the base of the irregular form it is ("told" -> "tell"). */
type Base = (word: string) => string;
const itself: Base = (word) => word;

/**
 * The one term pipeline, for statements when indexing and for questions when searching, so the two never
 * drift apart: normalise, split into words, join the names and phrases of synonyms.yaml into their group's
 * term, drop stop words, stem the rest (Porter). A plain synonym also carries its group's term, weighing less.
 */
export class TermPipeline {
  private readonly phrases = new Map<string, Phrase[]>();
  /** The statements' words by first letter and length, to read a question's typo as the word it stands for. */
  private readonly words = new Map<string, Set<string>>();

  /**
   * With `base` (WordNet's irregular forms), "told" also stands for "tell" and "unfroze" for "unfreeze", in
   * statements and questions alike: fully, unless `ownWord` says the form is also a word of its own ("paid" is
   * about paying, but not only: "how much are they paid"), when it weighs as a WordNet relation.
   */
  constructor(
    groups: readonly SynonymGroup[],
    private readonly base: Base = itself,
    private readonly ownWord: (word: string) => boolean = () => true,
  ) {
    for (const g of groups) {
      const first = g.terms[0] ?? g.matchCase?.[0] ?? '';
      const name = /^\p{Lu}/u.test(first);
      const person = g.kind === 'person';
      const money = g.kind === 'money';
      const add = (text: string, byRaw: boolean): void => {
        const words = this.tokens(text).map((t) => (byRaw ? t.raw : t.stem));
        const head = words[0];
        if (head === undefined) return;
        const key = byRaw ? `raw:${head}` : head;
        this.phrases.set(key, [...(this.phrases.get(key) ?? []), { words, byRaw, term: canonical(first), name, person, money }]);
      };
      g.terms.forEach((t) => add(t, false));
      g.matchCase?.forEach((t) => add(t, true));
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  private tokens(text: string): Token[] {
    return [...normalise(text).matchAll(WORD)].map(([raw]) => {
      const lower = /^\d/.test(raw) ? raw.replace(/,/g, '') : raw.toLowerCase();
      const verb = this.base(lower);
      return verb === lower ? { raw, lower, stem: stem(lower) } : { raw, lower, stem: stem(lower), base: { term: stem(verb), weight: this.ownWord(lower) ? RELATED_WEIGHT : 1 } };
    });
  }

  /** A statement's terms, as the index holds them; its words are learnt, so a question's typo of one is read as it. */
  read(text: string): string[] {
    const ts = this.tokens(text);
    for (const t of ts) for (const w of [t.lower, t.stem]) this.words.set(`${w[0]}${w.length}`, (this.words.get(`${w[0]}${w.length}`) ?? new Set()).add(w));
    return this.unitsOf(ts).flatMap((u) => u.terms.map((t) => t.term));
  }

  /** The statements' word a typo stands for (same first letter, fewest edits, a swap of two letters counting one: one, two for a long word); a word `known` elsewhere is no typo. */
  private corrected(t: Token, known: (word: string) => boolean): Token {
    const max = t.lower.length >= 8 ? 2 : 1;
    if (t.lower.length < 5 || /\d/.test(t.lower) || STOP.has(t.lower) || known(t.lower) || this.words.get(`${t.lower[0]}${t.lower.length}`)?.has(t.lower)) return t;
    let best: { word: string; d: number } | null = null;
    for (let n = t.lower.length - max; n <= t.lower.length + max; n++) {
      for (const w of this.words.get(`${t.lower[0]}${n}`) ?? []) {
        // Levenshtein (fast) first: a swap of two letters costs it two edits, one in Damerau-Levenshtein.
        const plain = distance(t.lower, w);
        const d = plain <= 1 || plain > 2 * max ? plain : damerauLevenshtein(t.lower, w).steps;
        if (d <= max && (!best || d < best.d)) best = { word: w, d };
      }
    }
    return best ? this.tokens(best.word)[0] ?? t : t;
  }

  /** A text's units, in order; with `known`, a word neither the statements nor `known` know is read as the statements' word it is a typo of. */
  units(text: string, known?: (word: string) => boolean): Unit[] {
    const ts = this.tokens(text);
    return this.unitsOf(known ? ts.map((t) => this.corrected(t, known)) : ts);
  }

  private unitsOf(ts: readonly Token[]): Unit[] {
    const out: Unit[] = [];
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const phrase = [...(this.phrases.get(`raw:${t.raw}`) ?? []), ...(this.phrases.get(t.stem) ?? [])].find((p) =>
        p.words.every((w, k) => (p.byRaw ? ts[i + k]?.raw : ts[i + k]?.stem) === w),
      );
      if (phrase && (phrase.name || phrase.words.length > 1)) {
        const words = ts.slice(i, i + phrase.words.length);
        // A name's own words come along, weighing little, so that a typo of one ("Washingotn") still finds it.
        const own = words.filter((w) => !STOP.has(w.lower) && w.stem !== phrase.term).map((w) => ({ term: w.stem, weight: NAME_WORD_WEIGHT }));
        out.push({ raw: words.map((x) => x.raw).join(' '), name: phrase.name, person: phrase.person, ...(phrase.money ? { money: true } : {}), phrase: true, terms: [{ term: phrase.term, weight: 1 }, ...own] });
        i += phrase.words.length - 1;
      } else if (!STOP.has(t.lower) && (t.lower.length > 1 || /\d/.test(t.lower))) {
        const terms = [{ term: t.stem, weight: 1 }];
        if (t.base) terms.push(t.base);
        if (phrase) terms.push({ term: phrase.term, weight: SYNONYM_WEIGHT });
        // A resolution's number names it, as a name does ("resolution 2793"): it cannot carry a question alone.
        const numbered = /^\d+$/.test(t.lower) && /^resolutions?$/.test(ts[i - 1]?.lower ?? '');
        out.push({ raw: t.raw, name: numbered, person: false, ...(phrase?.money ? { money: true } : {}), phrase: false, terms });
      }
    }
    return out;
  }
}

/** A term that stands for a synonym group rather than for one word. */
export function isGroupTerm(term: string): boolean {
  return term.startsWith('=');
}
