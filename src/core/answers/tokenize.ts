import { readNumberWords } from './number-words.js';
import { stem } from './stem.js';

/** One word of a text as the answer index sees it. */
export interface Token {
  /** The folded, stemmed term ("officers" -> "offic", "1,000" and "one thousand" -> "1000"). */
  term: string;
  /** The word as written, for terms matched only as written ("US") and to tell names from common words. */
  raw: string;
  /** The word opens a sentence, so its capital says nothing about it being a name. */
  opensSentence: boolean;
}

const WORD = /\p{L}+|\d+(?:[.,]\d+)*/gu;
const OPENERS = new Set(['.', '!', '?', ':', ';', '\n']);

/** Folds accents ("Moïse" -> "Moise") and typographic apostrophes, keeping case. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\u2018\u2019\u02bc]/g, "'");
}

function opensSentence(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (/[\s"'(\[«“]/.test(c) && c !== '\n') continue;
    return OPENERS.has(c);
  }
  return true;
}

/**
 * Splits text into terms: lower case without accents, numbers without thousands separators, numbers written
 * in words as digits ("five thousand five hundred and fifty" -> "5550"), and words stemmed.
 */
export function tokenize(text: string): Token[] {
  const folded = fold(text);
  const words: { raw: string; lower: string; opens: boolean }[] = [];
  for (const m of folded.matchAll(WORD)) {
    const raw = m[0];
    const lower = /^\d/.test(raw) ? raw.replace(/,/g, '') : raw.toLowerCase();
    words.push({ raw, lower, opens: opensSentence(folded, m.index) });
  }
  const lowers = words.map((w) => w.lower);
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const number = /^\p{L}/u.test(w.lower) ? readNumberWords(lowers, i) : null;
    if (number) {
      const raw = words.slice(i, i + number.length).map((x) => x.raw).join(' ');
      out.push({ term: String(number.value), raw, opensSentence: w.opens });
      i += number.length - 1;
      continue;
    }
    out.push({ term: stem(w.lower), raw: w.raw, opensSentence: w.opens });
  }
  return out;
}
