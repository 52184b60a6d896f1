import { daysBetween, earliestInstant, endInstant, formatDate } from '../dates.js';
import { inSentence, spanInWords } from '../freshness.js';
import { isUpcoming } from '../news/knowledge-on.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft, type DraftClaim } from '../reply-draft.js';

/** How many events the short form shows. */
const SHORT_POINTS = 6;
/** Of them, at most this many ahead, so the last months are seen too. */
const SHORT_AHEAD = 3;
const YEAR_MS = 365 * 86_400_000;

/** When an event is, seen from now: ahead, under way (a month or year that contains now), or past. */
type When = 'ahead' | 'now' | 'past';

function whenOf(knowledge: Knowledge, e: TimelineEvent, now: Date): When {
  if (isUpcoming(knowledge, e, now)) return 'ahead';
  // Ahead by its date, but one of its own sources was published after it began: they may report it done.
  if (earliestInstant(e).getTime() > now.getTime()) return 'past';
  if (e.precision !== 'day' && endInstant(e).getTime() > now.getTime()) return 'now';
  return 'past';
}

/** "in 31 days", "in 3 months", "this month", "this year". */
function relative(knowledge: Knowledge, e: TimelineEvent, now: Date): string {
  const when = whenOf(knowledge, e, now);
  if (when === 'now') return e.precision === 'year' ? 'this year' : 'this month';
  if (when === 'past') return '';
  const days = daysBetween(now, earliestInstant(e));
  return days <= 1 ? 'tomorrow' : `in ${spanInWords(now, earliestInstant(e))}`;
}

/** An event as a claim: its title alone in the short form; with its text and any disagreement in the full one. */
function eventClaim(knowledge: Knowledge, e: TimelineEvent, now: Date, full = false): DraftClaim {
  const notes = [relative(knowledge, e, now), e.milestone ? 'milestone' : ''].filter(Boolean);
  return {
    label: formatDate(e) + (notes.length > 0 ? ` (${notes.join(', ')})` : ''),
    text: full && e.text ? `${e.title}. ${e.text}` : /[.!?]$/.test(e.title) ? e.title : `${e.title}.`,
    says: e.says,
    cite: e.cite,
    about: [e.id],
    disagreement: full ? e.disagreement : undefined,
  };
}

interface Grouped {
  /** Under way or ahead, soonest first (what is under way now comes first). */
  ahead: TimelineEvent[];
  /** Past, in the last twelve months, newest first. */
  recent: TimelineEvent[];
  /** Past, before that, newest first. */
  earlier: TimelineEvent[];
}

function group(knowledge: Knowledge, now: Date): Grouped {
  // Each event's dates are read once: sorting compares them many times.
  const timed = knowledge.events.map((e) => ({ e, starts: earliestInstant(e).getTime(), ends: endInstant(e).getTime(), when: whenOf(knowledge, e, now) }));
  const past = timed.filter((t) => t.when === 'past').sort((a, b) => b.starts - a.starts);
  const yearAgo = now.getTime() - YEAR_MS;
  return {
    ahead: timed
      .filter((t) => t.when !== 'past')
      .sort((a, b) => a.starts - b.starts)
      .map((t) => t.e),
    recent: past.filter((t) => t.ends > yearAgo).map((t) => t.e),
    earlier: past.filter((t) => t.ends <= yearAgo).map((t) => t.e),
  };
}

function headline(knowledge: Knowledge, g: Grouped, now: Date): DraftClaim | null {
  const milestone = g.ahead.find((e) => e.milestone);
  const next = milestone ?? g.ahead[0];
  const last = g.recent[0] ?? g.earlier[0];
  const parts: string[] = [];
  const cite = [];
  if (next) {
    parts.push(`${milestone ? 'Next milestone' : 'Next in the sources'}: ${inSentence(next.title)} (${formatDate(next)}, ${relative(knowledge, next, now)}).`);
    cite.push(...next.cite);
  } else {
    parts.push(`The sources hold no milestone or other event ahead of ${formatDate({ date: now.toISOString().slice(0, 10), precision: 'day' })}.`);
  }
  if (last) {
    parts.push(`The most recent: ${inSentence(last.title)} (${formatDate(last)}).`);
    cite.push(...last.cite);
  }
  return cite.length > 0 ? { text: parts.join(' '), cite } : null;
}

/**
 * The timeline relative to now. Short: a computed headline (the next milestone ahead, or that the sources
 * hold none, and the newest past event), then what lies ahead and the last twelve months (six at most),
 * and how many earlier events `dates full` shows. A month or year that contains now is "this month" or
 * "this year", never past. With `full`, the full form (every event) travels with it as `detail`.
 */
export function datesReply(knowledge: Knowledge, now: Date, options: { full?: boolean } = {}): Reply {
  const g = group(knowledge, now);
  const draft = new ReplyDraft(knowledge, 'dates', 'Key dates: what lies ahead, and the last twelve months', { citeBy: 'source' });
  const top = headline(knowledge, g, now);
  if (top) draft.headline(top);
  else draft.intro.push('The sources hold no dated events.');
  // The soonest events ahead, and always the next milestone among them.
  let ahead = g.ahead.slice(0, SHORT_AHEAD);
  const milestone = g.ahead.find((e) => e.milestone);
  if (milestone && !ahead.includes(milestone)) ahead = [...ahead.slice(0, SHORT_AHEAD - 1), milestone];
  const recent = g.recent.slice(0, SHORT_POINTS - ahead.length);
  if (ahead.length > 0) draft.section('Ahead', ahead.map((e) => eventClaim(knowledge, e, now)));
  if (recent.length > 0) draft.section('The last twelve months', recent.map((e) => eventClaim(knowledge, e, now)));
  const hidden = g.ahead.length - ahead.length + g.recent.length - recent.length + g.earlier.length;
  if (hidden > 0) {
    const oldest = g.earlier[g.earlier.length - 1] ?? g.recent[g.recent.length - 1];
    const back = oldest ? `, back to ${formatDate(oldest)}` : '';
    draft.more.push({ text: `${hidden} more event${hidden === 1 ? '' : 's'}${back}`, command: 'dates full' });
  }
  // The short form stands for the whole timeline: its warning speaks of every milestone in it.
  for (const e of knowledge.events) draft.mention(e.id);
  draft.suggestions.push('status', 'remind on');
  const reply: Reply = { ...draft.finish(now, { context: { kind: 'dates' } }), short: true };
  return options.full ? { ...reply, detail: fullDatesReply(knowledge, now) } : reply;
}

/** Every dated event: ahead (soonest first), the last twelve months, then earlier (newest first), quotes cited. */
export function fullDatesReply(knowledge: Knowledge, now: Date): Reply {
  const g = group(knowledge, now);
  const draft = new ReplyDraft(knowledge, 'dates', 'Key dates: every event in the sources');
  if (g.ahead.length > 0) draft.section('Ahead', g.ahead.map((e) => eventClaim(knowledge, e, now, true)));
  if (g.recent.length > 0) draft.section('The last twelve months', g.recent.map((e) => eventClaim(knowledge, e, now, true)));
  if (g.earlier.length > 0) draft.section('Earlier', g.earlier.map((e) => eventClaim(knowledge, e, now, true)));
  draft.suggestions.push('status', 'remind on');
  return { ...draft.finish(now, { context: { kind: 'dates' } }), full: true };
}
