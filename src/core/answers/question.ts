/** Words that point back to what the thread is about. */
const PRONOUNS = new Set(['it', 'its', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her', 'this', 'that', 'these', 'those']);

/** Questions about time relative to now, answered from the timeline with the clock. */
export type TimeIntent = 'until' | 'ago' | 'since' | 'next' | 'last';

/** What a question asks for, beside its subject words. */
export interface QuestionShape {
  /** The answer must hold a figure ("how many"), a date ("when"), a name ("who") or a reason ("why"). */
  wants: 'figure' | 'date' | 'name' | 'reason' | null;
  time: TimeIntent | null;
  /** Only milestones will do ("the next milestone", "the next deadline"). */
  milestone: boolean;
  /** The question points back to the thread ("how many of THEM"). */
  refersBack: boolean;
  /** It asks what will happen ("when will ...", "who is going to ..."). */
  future: boolean;
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

/** In a "when" question, words that say which time of several is asked ("when were they last there"), not what about. */
export const RECENCY_WORDS = new Set(['last', 'latest', 'lately', 'recently', 'newest']);

/** "How long", "how far": the words only ask for a figure; they are not the subject. */
export function withoutMeasureWords(question: string): string {
  return question.replace(/\bhow (long|far|soon)\b/gi, 'how');
}

/** Reads what a question asks for from its words. */
export function questionShape(question: string): QuestionShape {
  const q = question.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\u2018\u2019]/g, "'").toLowerCase();
  const time = TIME_PATTERNS.find(([, re]) => re.test(q))?.[0] ?? null;
  const wants = /\bhow (many|much|big|large|long|far)\b|\bwhat (number|percentage|percent|share|proportion|size|amount|figure|sum)\b/.test(q)
    ? 'figure'
    : /\bwhen\b|\bwhat (date|year|day|month)\b|\bsince when\b/.test(q)
      ? 'date'
      : /^(and |so |but )?(who|whom|whose)\b|\bwho (is|are|was|were|pays|paid|leads|led|proposed|wrote|opposes|opposed)\b/.test(q)
        ? 'name'
        : /\bwhy\b|\bwhat (was|is|were|are) the reasons?\b|\bfor what reason\b|\bhow come\b/.test(q)
          ? 'reason'
          : null;
  const words = q.split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/'s$/, ''));
  const refersBack = words.some((w) => PRONOUNS.has(w)) || /\bwhich one\b/.test(q);
  return { wants, time, milestone: /\b(milestone|deadline)s?\b/.test(q), refersBack, future: /\b(will|going to|gonna)\b|'ll\b/.test(q) };
}
