import type { Entry } from './entries.js';
import { tokenize, type Token } from './tokenize.js';

/** Month names in lower case. */
export const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const QUANTITY_WORDS = new Set(['half', 'majority', 'most', 'dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'twice', 'double', 'percent']);

export function isNumber(term: string): boolean {
  return /^\d/.test(term);
}

function isYear(term: string): boolean {
  return /^\d{4}$/.test(term) && Number(term) >= 1800 && Number(term) <= 2100;
}

/** A number that counts something: not a year, nor a day next to its month. */
export function isFigure(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (!isNumber(t.term) || isYear(t.term)) return false;
  return ![tokens[i - 1], tokens[i + 1]].some((n) => n !== undefined && MONTHS.has(n.raw.toLowerCase()));
}

/** Whether a text holds a figure (not a year or a day of a month) and whether it holds a date. */
function figures(tokens: readonly Token[]): { quantity: boolean; date: boolean } {
  let quantity = false;
  let date = false;
  tokens.forEach((t, i) => {
    const lower = t.raw.toLowerCase();
    if (MONTHS.has(lower) && /^\p{Lu}/u.test(t.raw)) date = true;
    if (isYear(t.term)) date = true;
    if (QUANTITY_WORDS.has(lower)) quantity = true;
    if (isFigure(tokens, i)) quantity = true;
  });
  return { quantity, date };
}

/** What the index keeps about one entry beside its searchable terms. */
export interface EntryFacts {
  entry: Entry;
  hasQuantity: boolean;
  hasDate: boolean;
  /** Names and figures in the entry's text, in order: what a follow-up's "it" or "he" may point back to. */
  names: string[];
  /** How many of `names` are names, not figures. */
  nameCount: number;
  /** Citation keys (source, quote, note), to keep two statements resting on the same quote out of one answer. */
  citeKeys: Set<string>;
}

/** An entry's facts; `names` are filled in once the whole index has been seen. */
export function entryFacts(entry: Entry): EntryFacts {
  // A passage's shown text names its publisher and date: only the extract itself says what it holds.
  const shown = figures(tokenize(entry.kind === 'passage' ? (entry.statement ?? entry.text) : `${entry.label ?? ''} ${entry.text} ${entry.background ?? ''}`));
  return {
    entry,
    hasQuantity: shown.quantity,
    hasDate: shown.date || entry.kind === 'event',
    names: [],
    nameCount: 0,
    citeKeys: new Set(entry.cite.map((c) => `${c.source}|${c.quote ?? ''}|${c.note ?? ''}`)),
  };
}
