import { formatDate, MONTHS } from '../dates.js';
import { findNote } from '../knowledge/notes.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Citation, TimelineEvent } from '../knowledge/schema.js';
import type { Clock } from '../ports.js';
import type { Reply } from '../reply.js';
import { ReplyDraft, type DraftClaim } from '../reply-draft.js';
import type { ThreadContext } from '../request.js';
import { CandidateIndex, type Candidate } from './candidates.js';
import { askedBy, Decision, definitionOf, neededCoverage } from './decision.js';
import { passageEntries, type CorpusTexts } from './passages.js';
import { askingSentence, questionShape, RECENCY_WORDS, TIME_WORDS, withoutFraming, type QuestionShape } from './question.js';
import { relativeTo } from './relative-time.js';
import { eventLabel, knowledgeStatements, type Statement } from './statements.js';
import { normalise, TermPipeline, type Unit } from './terms.js';
import { encodeAnswerId, FocusCache, type Focus } from './thread-focus.js';
import { timelineAnswer } from './time-answer.js';
import { WordNet, type Lexicon } from './wordnet.js';

/** Further statements are shown only when they score at least this share of the best one. */
const NEAR_BEST = 0.6;
const MAX_STATEMENTS = 3;
/** The share of a follow-up's informative weight a statement of its thread must hold (chosen on the reader set's follow-ups and the thread refusals: 0.5-0.75 tried). */
const THREAD_COVERAGE = 0.65;
/** A place named by more than this share of the statements is their setting ("Haiti"), not an answer to "where". */
const SETTING = 1 / 3;
/** A comparison's two sides are looked for among this many of the best candidates. */
const SIDES = 8;

export interface AnswerEngineOptions {
  /** The source documents (when CORPUS_DIR names them): their passages answer what no curated statement does. */
  passages?: CorpusTexts;
  /** Relate a question's words to the statements' words through WordNet (default true; false for a baseline). */
  wordnet?: boolean;
}

/**
 * Answers follow-up questions from the vetted statements only, in four stages: terms (the question run
 * through the same pipeline as the statements), candidates (a BM25 search over asks, text and label), one
 * decision (does the best statement hold enough of the question and what it asks for), and the answer (one
 * to three statements, dated "as of" their sources). A follow-up is read in its thread's context; questions
 * about time relative to now are answered from the timeline with the clock. With the source documents at
 * hand, a passage holding every word of the question answers what no curated statement does.
 */
export class AnswerEngine {
  readonly index: CandidateIndex;
  private readonly passages: CandidateIndex | null;
  private readonly pipeline: TermPipeline;
  private readonly decision: Decision;
  private readonly focusCache: FocusCache;
  private readonly lexicon: Lexicon | undefined;
  /** Each source's publisher, as the terms of its words and names ("Nation (Kenya)": nation), to tell which document a question names. */
  private readonly publishers: { id: string; terms: string[] }[];

  constructor(private readonly knowledge: Knowledge, clock: Clock, options: AnswerEngineOptions = {}) {
    const lexicon = (this.lexicon = options.wordnet === false ? undefined : WordNet.shared());
    this.pipeline = lexicon ? new TermPipeline(knowledge.synonyms, (word) => lexicon.base(word), (word) => lexicon.senses(word) > 0) : new TermPipeline(knowledge.synonyms);
    this.index = new CandidateIndex(knowledgeStatements(knowledge), this.pipeline, this.lexicon);
    const passages = options.passages ? passageEntries(knowledge, options.passages) : [];
    this.passages = passages.length > 0 ? new CandidateIndex(passages, this.pipeline) : null;
    this.decision = new Decision(this.pipeline, (term) => this.index.count(term) > this.index.size * SETTING, this.lexicon);
    this.focusCache = new FocusCache(this.index, this.pipeline, clock);
    this.publishers = [...knowledge.sources]
      .map(([id, source]) => ({ id, terms: this.pipeline.units(source.publisher.replace(/\(.*?\)/g, ' ')).map((u) => u.terms[0]!.term) }))
      .filter((p) => p.terms.length > 0);
  }

  private readonly nounKinds = (word: string): readonly ('person' | 'place' | 'group' | null)[] => this.lexicon?.nounKind(word, true) ?? [];
  private readonly verbForm = (word: string): boolean => this.lexicon !== undefined && (this.lexicon.base(word) !== word || (word.endsWith('ed') && this.lexicon.senses(word) > 0 && !this.lexicon.lemmas(word).includes(word)));

  answer(question: string, now: Date, thread?: ThreadContext): Reply {
    // "Kenya said it could stay on. What happened when the mandate ran out?": the question is its asking sentence.
    const { asking, premise } = askingSentence(question);
    const shape = questionShape(asking, this.nounKinds, this.verbForm);
    const focus = this.focusCache.focus(thread);
    const known = (word: string): boolean => (this.lexicon?.senses(word) ?? 0) > 0;
    const text = normalise(asking);
    const clause = shape.time || ['date', 'person', 'name'].includes(shape.wants ?? '') ? null : WHEN_CLAUSE.exec(asking);
    const main = clause ? alternatives(this.pipeline.units(withoutFraming(asking.slice(0, clause.index + 1)), known), normalise(asking.slice(0, clause.index + 1))).length : Infinity;
    const units = alternatives(this.pipeline.units(withoutFraming(asking), known), text).map((u, i) => (i < main ? u : { ...u, aside: true }));
    const context = premise ? this.pipeline.units(premise, known).filter((p) => !units.some((u) => u.terms[0]!.term === p.terms[0]!.term)) : [];
    if (shape.time) return this.timeReply(question, shape, units.filter((u) => !TIME_WORDS.has(u.raw.toLowerCase())), now, thread);
    // "When were they last there": "last" says which time; "how long will it stay": "stay" only asks for how long.
    const own = units.filter((u) => !(shape.wants === 'date' && RECENCY_WORDS.has(u.raw.toLowerCase())) && !(shape.duration && DURATION_VERBS.has(u.raw.toLowerCase())));
    // "Thanks, got it", "can you explain more": no word of its own, nothing asked for, nothing pointed back to.
    const thanks = THANKS.test(question.trim());
    if (thanks || (own.length === 0 && context.length === 0 && shape.wants === null && !shape.refersBack)) return this.nothingAsked(question, now, thanks, thread);
    if (STILL_TRUE.test(question.trim())) return this.stillTrue(question, now, thread);
    const hints = focus && (shape.refersBack || own.length === 0) ? focus.subject.filter((h) => !own.some((u) => u.terms[0]!.term === h.terms[0]!.term)) : [];
    // "Near which town ...": the answer names a town and need not hold the word ("think tank": the words), which is
    // searched like a premise, when two words at least are left to look for.
    const kind = own.filter((u) => shape.kind !== undefined && (u.raw.toLowerCase() === shape.kind || shape.kind.split(' ').includes(u.raw.toLowerCase())));
    const asked = kind.length > 0 && kind.length + 2 <= own.length ? own.filter((u) => !kind.includes(u)) : own;
    // "What did Peoples Dispatch get wrong?" is answered by what the record corrects in that publisher's statements, or not at all.
    const mistaken = MISTAKES.test(asking) ? this.named(own) : new Set<string>();
    // "Where were the 217 officers sent?": Haiti, the setting, answers when no statement names another place.
    const found = mistaken.size > 0 ? this.mistakes(own, mistaken) : onTheDay(this.accept(this.index, asked, hints, shape, focus, { premise: asked === own ? context : [...context, ...kind], orSetting: shape.wants === 'place' }), text);
    let hits = choose(found, this.ownError);
    if (shape.compares) hits = this.definedSideBySide(own, shape) ?? this.sideBySide(own, hints, shape, focus) ?? this.againstThread(own, hints, shape, hits, thread?.kind === 'answer' ? focus : null) ?? hits;
    // The curated statements come first; a document's passage answers only what none of them does, alone.
    if (hits.length === 0 && this.passages && own.length > 0) hits = choose(this.accept(this.passages, own, [], shape, null, { minCoverage: 1 }), this.ownError).slice(0, 1);
    if (hits.length === 0) return this.refusal(question, now, thread);
    return this.reply(question, hits.map((h) => claimOf(h.statement)), hits.map((h) => h.statement), now);
  }

  /** The candidates that answer, best first: a follow-up pointing back keeps to statements naming what it points to when some do, else to its thread's. */
  private accept(
    index: CandidateIndex, units: readonly Unit[], hints: readonly Unit[], shape: QuestionShape, focus: Focus | null,
    { minCoverage, only, premise = [], orSetting = false }: { minCoverage?: number; only?: (s: Statement) => boolean; premise?: readonly Unit[]; orSetting?: boolean } = {},
  ): Candidate[] {
    if (units.length === 0 && hints.length === 0) return [];
    const asked = askedBy([...units, ...hints], shape);
    const query = { units, hints: [...hints, ...premise], wants: shape.wants, ...(focus ? { prefer: focus.ids } : {}), related: index !== this.passages, ...(only ? { only } : {}) };
    const found = index.find(query);
    // "What is the HNP" is answered by the statements that define the name, when any does.
    const defines = shape.definition && units.length === 1 && units[0]!.name ? definitionOf(units[0]!.raw) : null;
    const namesDocument = units.some((u) => DOCUMENT.test(u.raw));
    const needed = neededCoverage(namesDocument ? 0 : units.length);
    const pick = (settingPlace: boolean): Candidate[] => {
      // In a thread, the thread's own statements need less of the words of a question that points back or names nothing (the thread says the rest); one naming its own subject stands alone. A long question needs less, unless it names a document (whose statements answer together).
      const passing = found.filter((c) => this.decision.answers(c, shape, asked, minCoverage ?? (focus?.ids.has(c.statement.id) && (shape.refersBack || !units.some((u) => u.name)) ? THREAD_COVERAGE : needed), settingPlace));
      const defining = defines ? passing.filter((c) => defines(c.statement)) : [];
      const answering = defining.length > 0 ? defining : passing;
      if (answering.length === 0 && hints.length === 0 && minCoverage === undefined && namesDocument) return this.ofTheDocument(index, query, found, shape, asked);
      if (hints.length === 0) return answering;
      const naming = answering.filter((c) => hints.some((h) => c.terms.has(h.terms[0]!.term)));
      return naming.length > 0 ? naming : answering.filter((c) => focus!.ids.has(c.statement.id));
    };
    const chosen = pick(false);
    // With `orSetting`, Haiti, the setting, answers "where" when nothing else does, from the same candidates.
    return chosen.length === 0 && orSetting ? pick(true) : chosen;
  }

  /**
   * "Who wrote the IPI analysis on the logistics package?": the words saying which document it is may be held by
   * another statement of the same document. A statement holding what is asked answers when it and a statement
   * citing the same source together hold enough of the question, and cites the publisher the question names, if any.
   */
  private ofTheDocument(index: CandidateIndex, query: Parameters<CandidateIndex['coverage']>[0], found: Candidate[], shape: QuestionShape, asked: ReturnType<typeof askedBy>): Candidate[] {
    const weigh = index.coverage(query);
    // A document named by its publisher ("the Nation article") is that publisher's.
    const named = this.named(query.units);
    return found.filter((c) => {
      if (!this.decision.answers(c, shape, asked, 0)) return false;
      if (named.size > 0 && !c.statement.cite.some((x) => named.has(x.source))) return false;
      const sources = new Set(c.statement.cite.map((x) => x.source));
      return found.some((d) => d !== c && d.statement.cite.some((x) => sources.has(x.source)) && weigh(new Set([...c.terms, ...d.terms])) >= neededCoverage(query.units.length) - 1e-9);
    });
  }

  /** "What did Peoples Dispatch get wrong?": the statements quoting a source named that cite a known error of it, the record's correction beside it. */
  private mistakes(units: readonly Unit[], sources: ReadonlySet<string>): Candidate[] {
    return this.index.find({
      units,
      only: (s) => s.cite.some((c) => sources.has(c.source) && c.quote !== undefined) && [...s.cite, ...(s.disagreement?.cite ?? [])].some((c) => sources.has(c.source) && this.knownError(c)),
    });
  }

  /** Whether a citation rests on a known error of its source: a registry note of kind `error` (not one saying where a date comes from). */
  private knownError(c: Citation): boolean {
    return findNote(this.knowledge.sources.get(c.source), c.note)?.note.kind === 'error';
  }

  /** A statement reporting what its own source got wrong (its disagreement rests on a known error of that source) comes after the record's. */
  private readonly ownError = (s: Statement): boolean => s.disagreement?.cite.some((c) => this.knownError(c) && s.cite.some((x) => x.source === c.source)) ?? false;

  /**
   * The sources whose publisher a question names, by each of its words or names ("the Nation article", "Peoples
   * Dispatch", "IPI"), the last of three or more aside ("Global Daily" for Global Daily Update).
   */
  private named(units: readonly Unit[]): Set<string> {
    const words = new Set(units.map((u) => u.terms[0]!.term));
    const named = (terms: readonly string[]): boolean => (terms.length >= 3 ? terms.slice(0, -1) : terms).every((t) => words.has(t));
    return new Set(this.publishers.filter((p) => named(p.terms)).map((p) => p.id));
  }

  /** "What's the difference between BINUH and the MSS": two names and nothing else are compared by what defines each. */
  private definedSideBySide(units: readonly Unit[], shape: QuestionShape): Candidate[] | null {
    if (units.length !== 2 || !units.every((u) => u.name)) return null;
    const defined = units.map((u) => choose(this.accept(this.index, [u], [], { ...shape, wants: null, compares: false, definition: true }, null), this.ownError)[0]);
    const both = defined.every((c, i) => c !== undefined && definitionOf(units[i]!.raw)(c.statement)) && defined[0]!.statement !== defined[1]!.statement;
    return both ? (defined as Candidate[]) : null;
  }

  /**
   * A comparison is answered by the two statements that together hold most of it, one for each side, when
   * together they hold enough and more than any one alone; a comparison of sizes that no two statements hold
   * better together ("which is bigger, A or B") by each side's own figure.
   */
  private sideBySide(units: readonly Unit[], hints: readonly Unit[], shape: QuestionShape, focus: Focus | null): Candidate[] | null {
    const query = { units, hints, wants: shape.wants, ...(focus ? { prefer: focus.ids } : {}) };
    const asked = askedBy([...units, ...hints], shape);
    const found = this.index.find(query).filter((c) => this.decision.answers(c, shape, asked, 0)).slice(0, SIDES);
    const weigh = this.index.coverage(query);
    // Two statements answer together only what no one of them holds as well alone.
    const single = Math.max(0, ...found.map((c) => c.coverage));
    let best: { pair: Candidate[]; coverage: number; score: number } | null = null;
    for (let i = 0; i < found.length; i++) {
      for (let j = i + 1; j < found.length; j++) {
        const [a, b] = [found[i]!, found[j]!];
        const coverage = weigh(new Set([...a.terms, ...b.terms]));
        if (coverage <= single + 1e-9 || coverage < neededCoverage(units.length) - 1e-9) continue;
        if (!best || coverage > best.coverage + 1e-9 || (Math.abs(coverage - best.coverage) < 1e-9 && a.score + b.score > best.score)) best = { pair: [a, b], coverage, score: a.score + b.score };
      }
    }
    if (best) return best.pair;
    // "Which is bigger, the GSF or the MSS": with no two statements holding more of it than one, each side's own figure.
    if (shape.wants !== 'figure' || units.length !== 2) return null;
    const sides = units.map((u) => this.accept(this.index, [u], hints, shape, focus).find((c) => !units.some((other) => other !== u && c.terms.has(other.terms[0]!.term))));
    return sides[0] && sides[1] && sides[0] !== sides[1] ? [sides[0], sides[1]] : null;
  }

  /**
   * "Is that more than the trust fund?" under an answer about the US pledge: the thread's side (under an answer,
   * its first statement; else the best statement naming what "that" points to) beside the best one for its own words.
   */
  private againstThread(own: readonly Unit[], hints: readonly Unit[], shape: QuestionShape, hits: readonly Candidate[], answered: Focus | null): Candidate[] | null {
    const first = answered ? [...answered.ids][0] : undefined;
    const statement = first === undefined ? hits[0]?.statement : this.index.statements.find((s) => s.id === first);
    if (hints.length === 0 || own.length === 0 || !statement) return null;
    const other = choose(this.accept(this.index, own, [], shape, null), this.ownError)[0];
    if (!other || other.statement === statement || hints.some((h) => other.terms.has(h.terms[0]!.term))) return null;
    return [hits.find((h) => h.statement === statement) ?? { statement, score: 0, coverage: 0, terms: new Set() }, other];
  }

  private timeReply(question: string, shape: QuestionShape, subject: Unit[], now: Date, thread?: ThreadContext): Reply {
    const intent = shape.time!;
    let matched: TimelineEvent[] | null = null;
    if (subject.length > 0) {
      matched = this.accept(this.index, subject, [], { ...shape, wants: null }, null, { only: (s) => s.kind === 'event' }).map((c) => c.statement.event!);
      if (matched.length === 0) return this.refusal(question, now, thread);
    }
    const events = timelineAnswer(intent, this.knowledge.events, matched, shape.milestone, now);
    if (events.length === 0) {
      const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
      const today = formatDate({ date: now.toISOString().slice(0, 10), precision: 'day' });
      draft.intro.push(intent === 'next' || intent === 'until' ? `No ${shape.milestone ? 'milestone' : 'dated event'} in the sources lies ahead of ${today}.` : "The sources I have don't date that.");
      draft.suggestions.push('dates');
      return draft.finish(now, { answered: false, ...(thread ? { context: thread } : {}) });
    }
    const claims = events.map((e): DraftClaim => {
      const when = relativeTo(e, now);
      return { label: eventLabel(e), text: `${when.charAt(0).toUpperCase()}${when.slice(1)}: ${e.title}.`, says: e.says, cite: e.cite, about: [e.id], disagreement: e.disagreement };
    });
    const statements = events.map((e) => this.index.statements.find((s) => s.id === e.id)).filter((s) => s !== undefined);
    return this.reply(question, claims, statements, now, 'From the timeline');
  }

  private reply(question: string, claims: DraftClaim[], statements: Statement[], now: Date, heading = 'From the sources'): Reply {
    const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
    draft.section(heading, claims);
    const briefs = statements.map((s) => (s.kind === 'event' ? 'dates' : s.kind === 'passage' ? `source ${s.cite[0]!.source}` : (s.brief ?? 'status')));
    draft.suggestions.push(...new Set(briefs));
    return draft.finish(now, { context: { kind: 'answer', id: encodeAnswerId(statements.map((s) => s.id)) } });
  }

  /** A message that asks nothing: thanks are acknowledged; otherwise what can be asked, and under a brief, its full form. */
  private nothingAsked(question: string, now: Date, thanks: boolean, thread?: ThreadContext): Reply {
    const brief = thread && thread.kind !== 'answer' ? thread.kind : null;
    const intro = thanks ? "You're welcome." : 'What would you like to know? Ask about the mission, its funding, proposals or key dates.';
    return this.notAnswered(question, now, thread, intro, brief ? [`${brief} full`] : ['status', 'proposals', 'dates'], { asOf: null });
  }

  /** "Is that still true?": the sources cannot say what holds after they end; the reply's warning says when that is. */
  private stillTrue(question: string, now: Date, thread?: ThreadContext): Reply {
    const intro = 'The sources cannot say whether it still holds after they end. Each point says when it held; type "new" for what the sources added since your last brief.';
    return this.notAnswered(question, now, thread, intro, ['new', 'dates']);
  }

  private refusal(question: string, now: Date, thread?: ThreadContext): Reply {
    const intro = "The sources I have don't cover that, so I won't guess. Try one of the briefs, or ask about the mission, its funding, proposals or key dates.";
    return this.notAnswered(question, now, thread, intro, ['status', 'proposals', 'dates']);
  }

  /** A reply that answers nothing: one sentence and what to try, in the thread it was asked in. */
  private notAnswered(question: string, now: Date, thread: ThreadContext | undefined, intro: string, suggestions: string[], options: { asOf?: null } = {}): Reply {
    const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
    draft.intro.push(intro);
    draft.suggestions.push(...suggestions);
    return draft.finish(now, { answered: false, ...options, ...(thread ? { context: thread } : {}) });
  }
}

/** A question that names a document ("the IPI analysis", "the Nation article") may describe it by what it is about. */
const DOCUMENT = /^(article|analysis|piece|report|story|op-ed|column|editorial|interview)s?$/i;

/** A message that only thanks or acknowledges ("thanks!", "ok, got it", "great, thank you so much"). */
const THANKS = /^(?:(?:thanks|thank you|thx|ty|cheers|ok|okay|great|cool|perfect|got it|nice|so much|a lot|very much|appreciated)[\s,.!]*)+$/i;

/** A follow-up asking only whether what it follows still holds ("is that still true?", "is this up to date?"). */
const STILL_TRUE = /^(?:and |but |so )?(?:is|are) (?:that|this|it|these|those|they) (?:all )?(?:still (?:true|correct|accurate|valid|right|current|the case)|(?:true|correct|accurate|valid|right|the case) (?:now|today)|current|up to date|up-to-date)\??$/i;

/** "How many were deployed when the SG sent his letter?": a clause saying when places a question in time, and its words count half, unless it asks when, who or which. */
const WHEN_CLAUSE = /\S\s+(?:when|while|after|before|once)\s/i;

/** "100 or 110 million": two figures offered as alternatives are one thing asked, held by a statement holding either. */
function alternatives(units: readonly Unit[], text: string): Unit[] {
  const figure = (u: Unit | undefined): u is Unit => u !== undefined && /^\d/.test(u.terms[0]!.term);
  const escape = (raw: string): string => raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: Unit[] = [];
  for (const u of units) {
    const last = out[out.length - 1];
    const prior = last?.raw.split(' or ').pop() ?? '';
    if (figure(last) && figure(u) && new RegExp(`(^|[^\\d])${escape(prior)}\\s+or\\s+${escape(u.raw)}($|[^\\d])`).test(text)) {
      out[out.length - 1] = { ...last, raw: `${last.raw} or ${u.raw}`, terms: [...last.terms, ...u.terms] };
    } else out.push(u);
  }
  return out;
}

const MONTH_NAMES = MONTHS.join('|');
/** A month written with its year, and perhaps its day: "October 2023", "30 September 2025", "September 30, 2025". */
const MONTH_YEAR = new RegExp(`\\b(?:(\\d{1,2}) )?(${MONTH_NAMES})(?: (\\d{1,2}))?,? (\\d{4})\\b`, 'i');

/** "What happened on 30 September 2025", "in October 2023": what is dated then comes before what only shares its words. */
function onTheDay(found: Candidate[], question: string): Candidate[] {
  const m = MONTH_YEAR.exec(question);
  if (!m) return found;
  const [day, number, year] = [m[1] ?? m[3], MONTHS.findIndex((name) => name.toLowerCase() === m[2]!.toLowerCase()), m[4]!];
  const prefix = `${year}-${String(number + 1).padStart(2, '0')}${day ? `-${day.padStart(2, '0')}` : ''}`;
  const written = day ? formatDate({ date: prefix, precision: 'day' }) : `${MONTHS[number]} ${year}`;
  const on = found.filter((c) => (c.statement.event ? c.statement.event.date.startsWith(prefix) : c.statement.text.includes(written)));
  return on.length > 0 ? on : found;
}

/** In "how long will it stay", the verb only asks for how long. */
const DURATION_VERBS = new Set(['stay', 'stays', 'last', 'lasts', 'remain', 'remains', 'continue', 'continues']);

/** A question about what a source got wrong ("what did Peoples Dispatch get wrong", "errors in the Nation article"). */
const MISTAKES = /\b(wrong|errors?|mistakes?|mistaken|inaccura\w*|incorrect|erroneous\w*)\b/i;

/** How much a statement reporting its own source's known error weighs against the record's. */
const OWN_ERROR = 0.5;

/** The best statement, and up to two more close to it that do not rest on the same quotes. */
function choose(candidates: readonly Candidate[], ownError: (s: Statement) => boolean): Candidate[] {
  const accepted = candidates.map((c) => (ownError(c.statement) ? { ...c, score: c.score * OWN_ERROR } : c)).sort((a, b) => b.score - a.score);
  const best = accepted[0];
  if (!best) return [];
  const quotes = (c: Candidate): string[] => c.statement.cite.filter((x) => x.quote).map((x) => `${x.source}|${x.quote}`);
  const chosen: Candidate[] = [best];
  for (const c of accepted.slice(1)) {
    if (chosen.length >= MAX_STATEMENTS || c.score < best.score * NEAR_BEST) break;
    if (!chosen.some((x) => quotes(x).some((q) => quotes(c).includes(q)))) chosen.push(c);
  }
  return chosen;
}

/** A statement as an answer's claim; a state of affairs says when it held. */
function claimOf(s: Statement): DraftClaim {
  const text = s.asOf ? `As of ${formatDate(s.asOf)}: ${s.text}` : s.text;
  return { label: s.label, text, says: s.says, cite: s.cite, about: s.about, disagreement: s.disagreement };
}
