import { earliestInstant, formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft, type DraftClaim } from '../reply-draft.js';

/**
 * One event as the dates listing shows it. An upcoming event keeps its description; a past one is its date and
 * title (with any disagreement), its description one "ask" away, so the whole timeline fits one chat message.
 */
function eventClaim(e: TimelineEvent, withText = true): DraftClaim {
  return {
    label: formatDate(e) + (e.milestone ? ' (milestone)' : ''),
    text: withText && e.text ? `${e.title}. ${e.text}` : `${e.title}.`,
    says: e.says,
    cite: e.cite,
    about: [e.id],
    disagreement: e.disagreement,
  };
}

/**
 * The timeline relative to now: what lies ahead (soonest first) and what has happened (oldest first).
 * An event counts as upcoming until the first instant it can fall on.
 */
export function datesReply(knowledge: Knowledge, now: Date): Reply {
  const draft = new ReplyDraft(knowledge, 'dates', 'Key dates: past and upcoming');
  const upcoming = knowledge.events.filter((e) => earliestInstant(e).getTime() > now.getTime());
  const past = knowledge.events.filter((e) => earliestInstant(e).getTime() <= now.getTime());
  if (upcoming.length > 0) {
    draft.section('Upcoming', upcoming.map((e) => eventClaim(e)));
  } else {
    draft.intro.push(`No dated event in the sources lies ahead of ${formatDate({ date: now.toISOString().slice(0, 10), precision: 'day' })}.`);
  }
  if (past.length > 0) draft.section('Past', past.map((e) => eventClaim(e, false)));
  draft.suggestions.push('status', 'remind on');
  return draft.finish(now, { context: { kind: 'dates' } });
}
