import { formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Clock } from '../ports.js';
import type { Reply } from '../reply.js';
import { ReplyDraft, type DraftClaim } from '../reply-draft.js';
import type { ThreadContext } from '../request.js';
import { AnswerIndex, type Candidate, type EntryFacts, type Hit, type SearchQuery } from './answer-index.js';
import type { Entry } from './entries.js';
import { questionShape, TIME_WORDS, withoutMeasureWords, type QuestionShape } from './question.js';
import { relativeTo } from './relative-time.js';
import { encodeAnswerId, FocusCache, type Focus, type FocusCacheOptions } from './thread-focus.js';
import { timelineAnswer } from './time-answer.js';

/** The share of a question's weight (rare words weigh more) a statement must match to answer it. */
const MIN_COVERAGE = 0.75;
/** Further statements are shown only when they score at least this share of the best one. */
const NEAR_BEST = 0.6;
const MAX_STATEMENTS = 3;

export interface AnswerEngineOptions {
  focus?: FocusCacheOptions;
}

/**
 * Answers follow-up questions from the vetted statements only: it retrieves facts, brief claims and events,
 * shows one to three of them with their own citations, reads a follow-up in its thread's context first, and
 * answers questions about time relative to now from the timeline. When no statement supports an answer it
 * says so (answered: false) rather than guess.
 */
export class AnswerEngine {
  readonly index: AnswerIndex;
  private readonly focusCache: FocusCache;

  constructor(
    private readonly knowledge: Knowledge,
    clock: Clock,
    options: AnswerEngineOptions = {},
  ) {
    this.index = new AnswerIndex(knowledge);
    this.focusCache = new FocusCache(this.index, clock, options.focus);
  }

  /** The focus of a thread context (cached; rebuilt from the context alone when not cached). */
  focus(thread: ThreadContext | undefined): Focus | null {
    return this.focusCache.focus(thread);
  }

  answer(question: string, now: Date, thread?: ThreadContext): Reply {
    const shape = questionShape(question);
    const focus = this.focusCache.focus(thread);
    const { tokens, extras } = this.index.questionTerms(withoutMeasureWords(question));
    if (shape.time) {
      const subject = [...new Set(tokens.filter((t) => !TIME_WORDS.has(t.raw.toLowerCase())).map((t) => t.term))];
      return this.timeReply(question, shape, subject, extras, focus, now, thread);
    }
    const terms = [...new Set(tokens.map((t) => t.term))];
    const hints = focus && (shape.refersBack || terms.length === 0) ? focus.subject.filter((t) => !terms.includes(t)).slice(0, 3) : [];
    const hits = choose(this.accept(terms, hints, extras, shape, focus));
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
    only?: (facts: EntryFacts) => boolean,
    all = false,
  ): Hit[] {
    if (terms.length === 0 && hints.length === 0) return [];
    const asked = new Set([...terms, ...hints]);
    // What the statement itself must be: a figure for "how many", a date for "when", someone for "who".
    const fits = (facts: EntryFacts): boolean => {
      if (only && !only(facts)) return false;
      if (shape.wants === 'quantity' && !facts.hasQuantity) return false;
      if (shape.wants === 'date' && !facts.hasDate) return false;
      // "Who ...?" is answered by a statement naming someone besides what the question itself names.
      if (shape.wants === 'who' && !facts.names.some((n) => !/^\d/.test(n) && !asked.has(n))) return false;
      return true;
    };
    // A follow-up pointing back ("how many of them") must stay with what its thread is about.
    const staysInThread = (c: Candidate): boolean => !focus || focus.ids.has(c.facts.entry.id) || hints.some((t) => c.touched.has(t));
    const query: SearchQuery = {
      terms,
      hints,
      extras,
      // The names and figures a question uses must be in the statement, and most of its weight (rare words weigh more).
      required: terms.filter((t) => /^\d/.test(t) || this.index.isName(t)),
      coverage: MIN_COVERAGE,
      only: fits,
      ...(hints.length > 0 ? { admit: staysInThread } : {}),
      ...(focus ? { prefer: focus.ids } : {}),
    };
    // Read hits best first; past a handful of acceptable ones well below the best, none would be shown.
    const accepted: Hit[] = [];
    for (const h of this.index.search(query)) {
      const best = accepted[0];
      if (!all && best && (accepted.length >= 2 * MAX_STATEMENTS || h.score < best.score * NEAR_BEST * 0.5)) break;
      accepted.push(h);
    }
    // A follow-up pointing back is about what its thread is about: statements naming that come first.
    if (hints.length > 0) {
      const named = (h: Hit): number => Number(hints.some((t) => h.touched.has(t)));
      return [...accepted].sort((a, b) => named(b) - named(a));
    }
    return accepted;
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
      matched = this.accept(subject, [], extras, { ...shape, wants: null }, focus, isEvent, true)
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
        label: formatDate(e) + (e.milestone ? ' (milestone)' : ''),
        text: `${when.charAt(0).toUpperCase()}${when.slice(1)}: ${e.title}.`,
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
    const briefs = [...new Set(entries.map((e) => (e.kind === 'event' ? 'dates' : (e.brief ?? 'status'))))];
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
  return { label: e.label, text: e.text, cite: e.cite, about: e.about, disagreement: e.disagreement };
}
