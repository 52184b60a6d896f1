import { normalizeForQuote } from '../core/knowledge/normalize.js';
import { MAX_QUOTE_WORDS } from '../core/knowledge/schema.js';

/** A document's sentences, as the text has them (white space inside a sentence folded to one space). */
export function sentencesOf(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    for (const { segment } of segmenter.segment(flat)) {
      const s = segment.trim();
      if (s !== '') out.push(s);
    }
  }
  return out;
}

/**
 * A verbatim quote of at most 25 words from a sentence: the sentence itself when short enough, else the
 * 25 words around `focus` (the words a candidate was found from).
 */
export function quoteFrom(sentence: string, focus?: string): string {
  const words = sentence.split(' ');
  if (words.length <= MAX_QUOTE_WORDS) return sentence;
  let at = 0;
  if (focus) {
    const index = sentence.indexOf(focus);
    if (index >= 0) at = sentence.slice(0, index).split(' ').length - 1;
  }
  const start = Math.max(0, Math.min(at - Math.floor(MAX_QUOTE_WORDS / 3), words.length - MAX_QUOTE_WORDS));
  return words.slice(start, start + MAX_QUOTE_WORDS).join(' ').replace(/[,;:]$/, '');
}

/** A text's words for comparison: folded like quotes are, lower case, punctuation dropped. */
export function wordsOf(text: string): string[] {
  return normalizeForQuote(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}$%']+/u)
    .filter(Boolean);
}

/** The shortest run of words counted as copying a document (the house rule: never 10 consecutive words). */
export const COPY_RUN = 10;

/**
 * The first run of `COPY_RUN` or more consecutive words `text` shares with the document, or null. Quotes are
 * checked elsewhere: pass only the curator's own words here.
 */
export function copiedRun(text: string, documentWords: ReadonlySet<string>): string | null {
  const words = wordsOf(text);
  for (let i = 0; i + COPY_RUN <= words.length; i++) {
    const run = words.slice(i, i + COPY_RUN).join(' ');
    if (documentWords.has(run)) return run;
  }
  return null;
}

/** Every run of `COPY_RUN` consecutive words of a document, for copiedRun. */
export function documentRuns(text: string): Set<string> {
  const words = wordsOf(text);
  const runs = new Set<string>();
  for (let i = 0; i + COPY_RUN <= words.length; i++) runs.add(words.slice(i, i + COPY_RUN).join(' '));
  return runs;
}
