import { formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Clock } from '../ports.js';
import type { Reply } from '../reply.js';
import { ReplyDraft, type DraftClaim } from '../reply-draft.js';
import type { ThreadContext } from '../request.js';
import { AnswerIndex, type Candidate, type EntryFacts, type Hit, type SearchQuery } from './answer-index.js';
import { Directness } from './directness.js';
import { eventLabel, knowledgeEntries, type Entry } from './entries.js';
import { isNumber } from './entry-facts.js';
import { passageEntries, type CorpusTexts } from './passages.js';
import { questionShape, RECENCY_WORDS, TIME_WORDS, withoutMeasureWords, type QuestionShape } from './question.js';
import { relativeTo } from './relative-time.js';
import { READINGS_KEPT } from './statement-reading.js';
import { encodeAnswerId, FocusCache, type Focus } from './thread-focus.js';
import { timelineAnswer } from './time-answer.js';

/** The share of a question's weight (rare words weigh more) a statement must match to answer it. */
const MIN_COVERAGE = 0.75;
/** Further statements are shown only when they score at least this share of the best one. */
const NEAR_BEST = 0.6;
const MAX_STATEMENTS = 3;
/** A passage answers only when it holds the question's words within this many of its own. */
const MAX_PASSAGE_SPAN = 10;
/**
 * How many hits are re-ranked by how directly they answer, down to what share of the best one's score: the
 * directness factors span about 7x, so a hit further below could not come near the best.
 */
const RERANK_POOL = 20;
const RERANK_FLOOR = 0.15;

export interface AnswerEngineOptions {
  /** The source documents (when CORPUS_DIR names them): their passages answer what no curated statement does. */
  passages?: CorpusTexts;
}

const curated = (facts: EntryFacts): boolean => facts.entry.kind !== 'passage';
const passage = (facts: EntryFacts): boolean => facts.entry.kind === 'passage';

/**
 * Answers follow-up questions from the vetted statements only: it retrieves facts, brief claims and events,
 * shows one to three of them with their own citations, reads a follow-up in its thread's context first, and
 * answers questions about time relative to now from the timeline. With the source documents at hand, a
 * passage answers what no curated statement does, quoted word for word. When nothing supports an answer it
 * says so (answered: false) rather than guess.
 */
export class AnswerEngine {
  readonly index: AnswerIndex;
  private readonly focusCache: FocusCache;
  private readonly hasPassages: boolean;
  private readonly directness: Directness;

  constructor(
    private readonly knowledge: Knowledge,
    clock: Clock,
    options: AnswerEngineOptions = {},
  ) {
    const passages = options.passages ? passageEntries(knowledge, options.passages) : [];
    this.index = new AnswerIndex(knowledge, [...knowledgeEntries(knowledge), ...passages]);
    this.hasPassages = passages.length > 0;
    this.directness = new Directness(this.index.synonyms);
    // When every statement's reading fits in memory, read them now: the first questions are answered as fast as later ones.
    if (this.index.size <= READINGS_KEPT) for (const facts of this.index.entries()) this.directness.prepare(facts);
    this.focusCache = new FocusCache(this.index, clock);
  }

  answer(question: string, now: Date, thread?: ThreadContext): Reply {
    const shape = questionShape(question);
    const focus = this.focusCache.focus(thread);
    const { tokens, extras } = this.index.questionTerms(withoutMeasureWords(question));
    if (shape.time) {
      const subject = [...new Set(tokens.filter((t) => !TIME_WORDS.has(t.raw.toLowerCase())).map((t) => t.term))];
      return this.timeReply(question, shape, subject, extras, focus, now, thread);
    }
    const subject = shape.wants === 'date' ? tokens.filter((t) => !RECENCY_WORDS.has(t.raw.toLowerCase())) : tokens;
    const terms = [...new Set(subject.map((t) => t.term))];
    const hints = focus && (shape.refersBack || terms.length === 0) ? focus.subject.filter((t) => !terms.includes(t)).slice(0, 3) : [];
    let hits = choose(this.accept(terms, hints, extras, shape, focus, { only: curated }));
    // The curated statements come first; a document's passage answers only what none of them does, alone.
    if (hits.length === 0 && this.hasPassages && terms.length > 0) {
      hits = choose(this.accept(terms, hints, extras, shape, focus, { only: passage, passages: true })).slice(0, 1);
    }
    if (hits.length === 0) return this.refusal(question, now, thread);
    return this.reply(question, hits.map((h) => claimOf(h.facts.entry)), hits.map((h) => h.facts.entry), now);
  }

  /** Every statement that supports an answer to `terms`, best first; none when none does. */
  private accept(
    terms: readonly string[],
    hints: readonly string[],
    extras: readonly string[],
    shape: QuestionShape,
    focus: Focus | null,
    how: { only?: (facts: EntryFacts) => boolean; all?: boolean; passages?: boolean } = {},
  ): Hit[] {
    if (terms.length === 0 && hints.length === 0) return [];
    const { only, all = false, passages = false } = how;
    const asked = new Set([...terms, ...hints]);
    // What the statement itself must be: a figure for "how many", a date for "when", someone for "who".
    const fits = (facts: EntryFacts): boolean => {
      if (only && !only(facts)) return false;
      if (shape.wants === 'quantity' && !facts.hasQuantity) return false;
      if (shape.wants === 'date' && !facts.hasDate) return false;
      // "Who ...?" is answered by a statement naming someone besides what the question itself names.
      if (shape.wants === 'who' && facts.nameCount <= asked.size && !facts.names.some((n) => !isNumber(n) && !asked.has(n))) return false;
      return true;
    };
    // A follow-up pointing back ("how many of them") must stay with what its thread is about.
    const staysInThread = (c: Candidate): boolean => !focus || focus.ids.has(c.facts.entry.id) || hints.some((t) => c.touched.has(t));
    // A passage is not written to answer: it does only when it holds all of the question's words, close together.
    const admit = (c: Candidate): boolean => (hints.length === 0 || staysInThread(c)) && (!passages || this.index.span(c.facts, terms) <= MAX_PASSAGE_SPAN);
    const query: SearchQuery = {
      terms,
      hints,
      extras,
      // The names and figures a question uses must be in the statement, and most of its weight (rare words weigh more).
      required: terms.filter((t) => isNumber(t) || this.index.isName(t)),
      coverage: passages ? 1 : MIN_COVERAGE,
      only: fits,
      ...(hints.length > 0 || passages ? { admit } : {}),
      ...(focus ? { prefer: focus.ids } : {}),
    };
    // Read hits best first, then put first those that answer what was asked most directly; past a pool
    // of hits well below the best, none would be shown.
    const pool: Hit[] = [];
    for (const h of this.index.search(query)) {
      const best = pool[0];
      if (!all && best && (pool.length >= RERANK_POOL || h.score < best.score * RERANK_FLOOR)) break;
      pool.push(h);
    }
    const asking = { terms, extras, weight: (t: string) => this.index.weight(t) };
    const ranked = pool
      .map((h) => ({ ...h, score: h.score * this.directness.factor(h.facts, asking, shape) }))
      .sort((a, b) => b.score - a.score);
    const top = ranked[0]?.score ?? 0;
    const accepted = all ? ranked : ranked.filter((h, i) => i < 2 * MAX_STATEMENTS && h.score >= top * NEAR_BEST * 0.5);
    // A follow-up pointing back is about what its thread is about: when some statements name its main subject
    // (the most telling hint any of them names), only those are shown.
    const main = hints.find((t) => accepted.some((h) => h.touched.has(t)));
    return main === undefined ? accepted : accepted.filter((h) => h.touched.has(main));
  }

  private timeReply(
    question: string,
    shape: QuestionShape,
    subject: string[],
    extras: string[],
    focus: Focus | null,
    now: Date,
    thread?: ThreadContext,
  ): Reply {
    const intent = shape.time!;
    let matched: TimelineEvent[] | null = null;
    if (subject.length > 0) {
      const isEvent = (facts: EntryFacts): boolean => facts.entry.kind === 'event';
      matched = this.accept(subject, [], extras, { ...shape, wants: null }, focus, { only: isEvent, all: true })
        .map((h) => h.facts.entry.event)
        .filter((e): e is TimelineEvent => e !== undefined);
      if (matched.length === 0) return this.refusal(question, now, thread);
    }
    const events = timelineAnswer(intent, this.knowledge.events, matched, shape.milestone, now);
    if (events.length === 0) {
      const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
      const today = formatDate({ date: now.toISOString().slice(0, 10), precision: 'day' });
      draft.intro.push(
        intent === 'next' || intent === 'until'
          ? `No ${shape.milestone ? 'milestone' : 'dated event'} in the sources lies ahead of ${today}.`
          : "The sources I have don't date that.",
      );
      draft.suggestions.push('dates');
      return draft.finish(now, { answered: false, ...(thread ? { context: thread } : {}) });
    }
    const claims = events.map((e): DraftClaim => {
      const when = relativeTo(e, now);
      return {
        label: eventLabel(e),
        text: `${when.charAt(0).toUpperCase()}${when.slice(1)}: ${e.title}.`,
        says: e.says,
        cite: e.cite,
        about: [e.id],
        disagreement: e.disagreement,
      };
    });
    const entries = events.map((e) => this.index.entry(e.id)?.entry).filter((x): x is Entry => x !== undefined);
    return this.reply(question, claims, entries, now, 'From the timeline');
  }

  private reply(question: string, claims: DraftClaim[], entries: Entry[], now: Date, heading = 'From the sources'): Reply {
    const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
    draft.section(heading, claims);
    const briefs = [...new Set(entries.map((e) => (e.kind === 'event' ? 'dates' : e.kind === 'passage' ? `source ${e.cite[0]!.source}` : (e.brief ?? 'status'))))];
    draft.suggestions.push(...briefs);
    return draft.finish(now, { context: { kind: 'answer', id: encodeAnswerId(entries.map((e) => e.id)) } });
  }

  private refusal(question: string, now: Date, thread?: ThreadContext): Reply {
    const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
    draft.intro.push(
      "The sources I have don't cover that, so I won't guess. Try one of the briefs, or ask about the mission, its funding, proposals or key dates.",
    );
    draft.suggestions.push('status', 'proposals', 'dates');
    return draft.finish(now, { answered: false, ...(thread ? { context: thread } : {}) });
  }
}

/** The best statement, and up to two more close to it that do not rest on the same quotes. */
function choose(accepted: readonly Hit[]): Hit[] {
  const best = accepted[0];
  if (!best) return [];
  const chosen: Hit[] = [best];
  for (const h of accepted.slice(1)) {
    if (chosen.length >= MAX_STATEMENTS || h.score < best.score * NEAR_BEST) break;
    const overlaps = chosen.some((c) => [...h.facts.citeKeys].some((k) => c.facts.citeKeys.has(k)));
    if (!overlaps) chosen.push(h);
  }
  return chosen;
}

function claimOf(e: Entry): DraftClaim {
  return { label: e.label, text: e.text, says: e.says, cite: e.cite, about: e.about, disagreement: e.disagreement };
}
