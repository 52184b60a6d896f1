import { PRONOUNS } from './stop-words.js';
import { fold } from './tokenize.js';

/** Questions about time relative to now, answered from the timeline with the clock. */
export type TimeIntent = 'until' | 'ago' | 'since' | 'next' | 'last';

/** The question word a question asks with, as curators write it in tags ("how many", "who opposes", "why Kenya"). */
export type AskedWith = 'who' | 'why' | 'when' | 'where' | 'how many';

/** What a question asks for, beside its subject words. */
export interface QuestionShape {
  /** The answer must hold a figure ("how many"), a date ("when") or a name ("who"). */
  wants: 'quantity' | 'date' | 'who' | null;
  time: TimeIntent | null;
  /** Only milestones will do ("the next milestone", "the next deadline"). */
  milestone: boolean;
  /** The question points back to the thread ("how many of THEM"). */
  refersBack: boolean;
  /** The question word it asks with, when it is one a tag can name. */
  askedWith: AskedWith | null;
  /** It asks about plans, expectations or the future ("will", "supposed to", "could"), not what is or was. */
  conditional: boolean;
}

const TIME_PATTERNS: ReadonlyArray<[TimeIntent, RegExp]> = [
  ['until', /\bhow (long|soon|much time|many (days|weeks|months|years))\b.*\b(until|till|til|before|left|to go|remain|remaining)\b/],
  ['until', /\b(days|weeks|months|time) (left|remaining|to go)\b/],
  ['until', /\bhow soon\b/],
  ['ago', /\bhow (long|many (days|weeks|months|years)) ago\b/],
  ['ago', /\bhow long since\b/],
  ['since', /\bhow long (has|have|had)\b/],
  ['next', /\bwhat(s| is|'s)? (coming )?(up )?next\b/],
  ['next', /\bwhat (comes|happens) next\b/],
  ['next', /\b(next|upcoming) (milestone|deadline|key date|date|event|step|meeting|decision)s?\b/],
  ['next', /\bcoming up\b/],
  ['next', /\bwhat('s|s| is)? (ahead|upcoming)\b/],
  ['last', /\bwhat (happened|changed) (last|most recently|recently|lately)\b/],
  ['last', /\b(latest|most recent|newest|last) (event|development|news|update|thing)s?\b/],
  ['last', /\bwhat('s|s| is| was)? (the )?(latest|newest|most recent)\b/],
];

/** Words that only say which way in time a question looks; they are not its subject. */
export const TIME_WORDS = new Set(
  'long soon time until till til before left go remain remaining ago since next upcoming coming up ahead last latest newest recent recently lately most milestone milestones deadline deadlines key date dates event events step steps day days week weeks month months year years happened changed comes happens'.split(' '),
);

/** Words of a question about plans, expectations or the future ("may" is left out: it is also a month). */
const CONDITIONAL =
  /\b(will|would|could|might|should|shall|if|whether|future|plan|plans|planned|planning|supposed|meant|intended|envisioned|expected|expect|likely|unlikely|outlook|going to|gonna)\b|'ll\b/;

/** In a "when" question, words that say which time of several is asked ("when were they last there"), not what about. */
export const RECENCY_WORDS = new Set(['last', 'latest', 'lately', 'recently', 'newest']);

/** "How long", "how far": the words only ask for a figure; they are not the subject. */
export function withoutMeasureWords(question: string): string {
  return question.replace(/\bhow (long|far|soon)\b/gi, 'how');
}

/** Reads what a question asks for from its words (lower case, accents folded). */
export function questionShape(question: string): QuestionShape {
  const q = fold(question).toLowerCase();
  const time = TIME_PATTERNS.find(([, re]) => re.test(q))?.[0] ?? null;
  const wants = /\bhow (many|much|big|large|long|far)\b|\bwhat (number|percentage|share|proportion|size|amount|figure)\b/.test(q)
    ? 'quantity'
    : /\bwhen\b|\bwhat (date|year|day|month)\b|\bsince when\b/.test(q)
      ? 'date'
      : /^(and |so |but )?(who|whom|whose)\b|\bwho (is|are|was|were|pays|paid|leads|led|proposed|wrote|opposes|opposed)\b/.test(q)
        ? 'who'
        : null;
  const words = q.split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/'s$/, ''));
  const refersBack = words.some((w) => PRONOUNS.has(w)) || /\bwhich one\b/.test(q);
  return { wants, time, milestone: /\b(milestone|deadline)s?\b/.test(q), refersBack, askedWith: askedWith(q), conditional: CONDITIONAL.test(q) };
}

/** The first question word of a folded question that a tag can name ("how much" asks for a figure too). */
export function askedWith(q: string): AskedWith | null {
  const m = /\b(who|whom|whose|why|when|where|how (?:many|much))\b/.exec(q);
  if (!m) return null;
  const w = m[1]!;
  return w.startsWith('how') ? 'how many' : w === 'whom' || w === 'whose' ? 'who' : (w as AskedWith);
}
