import type { EntryFacts } from './entry-facts.js';
import type { QuestionShape } from './question.js';
import { positionsOf, StatementReader, type StatementReading } from './statement-reading.js';
import type { SynonymTable } from './synonym-table.js';

/**
 * A statement whose tags name the question asked answers it: strongly when the tag also names what it is
 * about and the question asks that too ("why Kenya", "who opposes"), less for a bare question word ("how many").
 */
const ASKED_ABOUT_IN_TAGS = 1.5;
const ASKED_IN_TAGS = 1.25;
/** Up to this much more for a statement whose curated topics hold all the question asks and little else. */
const ON_TOPIC = 0.4;
/** Up to this much more for a statement that opens with what the question asks about (not for "who": the answer opens). */
const SUBJECT = 0.3;
/** A "why" question is answered by a statement that gives a reason ("because", "due to", "links X to Y"). */
const GIVES_REASON = 1.15;
/** For "how many": a figure that counts something else than what was asked, or only a word like "most". */
const STRAY_FIGURE = 0.85;
const NO_FIGURE = 0.75;
/** A statement that speaks only of plans or expectations answers a question about what is, or was, less directly. */
const CONDITIONAL_ONLY = 0.8;
/** A statement reporting what its own source got wrong (the knowledge base notes the error) is not the first answer. */
const CONTESTED = 0.85;
/** A statement that says little beyond the question's own words (a fragment that leans on its heading). */
const ECHO = 0.85;
const MIN_NEW_WORDS = 3;
/** How close (in words) a figure must be to what it counts, and a word of condition to what it qualifies. */
const NEAR = 3;

/** A question's terms, its own words where synonyms replaced them, and how much each term tells (rare ones more). */
export interface AskedTerms {
  terms: readonly string[];
  extras: readonly string[];
  weight: (term: string) => number;
}

/**
 * How directly a statement answers a question, as a factor (about 0.4 to 3) on its retrieval score:
 * retrieval finds the statements about the question's subject; this puts first among them the one that
 * answers what was asked. It never admits or drops a statement (retrieval does), so refusals stay as they are.
 *
 * - Curated tags say what a statement is about. One whose tags name the question ("how many", "who
 *   opposes", "why Kenya", a section "Who leads and pays") comes first, when it also says in its own words
 *   what the tag is about. One whose tags (a claim's section and label) hold what the question asks and
 *   little else comes before one that is about something else ("two officers injured", tagged casualties).
 * - A statement that opens with what was asked is about it ("Kenyan officer Samuel Kaetuai was killed"),
 *   more than one that opens with something else ("The headline presents ... the death of a Kenyan officer").
 * - "How many X": an actual figure next to X (or one of X's names) beats a planned one ("twelve planned
 *   bases"), one narrowed down by a word the question does not use ("two officers injured"), one about
 *   something else, and no figure at all ("most", "half").
 * - A question about what is or was prefers a plain statement of fact to one whose matching words are all
 *   qualified by a plan, a forecast or a possibility ("would lead", "funding looked unlikely").
 * - "Why" prefers a statement that gives a reason.
 * - A statement reporting its own source's known error comes after the statements of the corrected record,
 *   and a fragment that adds almost nothing to the question's own words after a statement that does.
 */
export class Directness {
  private readonly reader: StatementReader;

  constructor(synonyms: SynonymTable) {
    this.reader = new StatementReader(synonyms);
  }

  /** Reads a statement ahead of the questions that will need it. */
  prepare(facts: EntryFacts): void {
    this.reader.read(facts.entry);
  }

  factor(facts: EntryFacts, question: AskedTerms, shape: QuestionShape): number {
    const r = this.reader.read(facts.entry);
    const { terms, extras, weight } = question;
    const asked = new Set([...terms, ...extras]);
    // How much of the question's weight (rare terms weigh more) a set of the statement's terms holds.
    const total = terms.reduce((n, t) => n + weight(t), 0) || 1;
    const share = (xs: readonly string[]): number => terms.reduce((n, t) => n + (xs.includes(t) ? weight(t) : 0), 0) / total;
    const matched = terms.flatMap((t) => positionsOf(r, t));
    let factor = 1;

    const asks = r.asks.filter((a) => a.with === shape.askedWith);
    if (asks.some((a) => a.terms.some((t) => asked.has(t) && r.terms.includes(t)))) factor *= ASKED_ABOUT_IN_TAGS;
    else if (asks.some((a) => a.terms.length === 0)) factor *= ASKED_IN_TAGS;
    const topics = r.topics.filter((t) => t.length > 0);
    const recall = share(topics.flat());
    const precision = topics.length > 0 ? topics.filter((t) => t.some((x) => asked.has(x))).length / topics.length : 0;
    factor *= 1 + (ON_TOPIC * (recall + precision)) / 2;
    if (shape.askedWith !== 'who') factor *= 1 + SUBJECT * share(r.opening);
    if (shape.askedWith === 'why' && r.reasons) factor *= GIVES_REASON;

    const conditioned = (p: number, reach: number): boolean =>
      r.conditions.some((c) => r.clause[c] === r.clause[p] && (reach === Infinity ? p > c || c - p <= NEAR : Math.abs(c - p) <= reach));
    if (!shape.conditional && matched.length > 0 && matched.every((p) => conditioned(p, Infinity))) factor *= CONDITIONAL_ONLY;
    if (shape.wants === 'quantity') {
      const counting = r.figures.filter((f) => matched.some((p) => Math.abs(p - f) <= NEAR) && !narrowed(r, f, matched, asked));
      if (r.figures.length === 0) factor *= NO_FIGURE;
      else if (counting.length === 0) factor *= STRAY_FIGURE;
      else if (!shape.conditional && counting.every((f) => conditioned(f, NEAR))) factor *= CONDITIONAL_ONLY;
    }

    if (r.contested) factor *= CONTESTED;
    if (r.says.filter((w) => !asked.has(w)).length < MIN_NEW_WORDS) factor *= ECHO;
    return factor;
  }
}

/** A figure narrowed down right after what it counts by a word the question does not use ("two officers injured"). */
function narrowed(r: StatementReading, figure: number, matched: readonly number[], asked: ReadonlySet<string>): boolean {
  // Where what the figure counts ends: the last word of the last name or word of the question after it.
  let last = -1;
  for (let i = 0; i < r.terms.length; i++) {
    const p = r.at[i]!;
    if (p > figure && p - figure <= NEAR && matched.includes(p)) last = Math.max(last, r.end[i]!);
  }
  if (last < 0) return false;
  const next = last + 1;
  if (r.clause[next] !== r.clause[figure] || !r.participles.includes(next)) return false;
  for (let i = 0; i < r.terms.length; i++) if (r.at[i] === next && asked.has(r.terms[i]!)) return false;
  return true;
}
