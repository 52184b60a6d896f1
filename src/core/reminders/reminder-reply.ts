import { DateTime } from 'luxon';
import { earliestInstant, formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import { leadDaysText } from './lead-days-text.js';

/** Calendar days from `now`'s day to the earliest day the milestone can fall on, both in the time zone. */
export function daysUntil(milestone: TimelineEvent, now: Date, timeZone: string): number {
  const first = DateTime.fromJSDate(earliestInstant(milestone), { zone: 'UTC' });
  const firstLocal = DateTime.fromObject({ year: first.year, month: first.month, day: first.day }, { zone: timeZone });
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return Math.round(firstLocal.diff(today, 'days').days);
}

function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** When the milestone falls, in words, at the precision the sources give it. */
function when(milestone: TimelineEvent, days: number): string {
  const date = formatDate(milestone);
  if (milestone.precision === 'day') return `${date}, ${inDays(days)}.`;
  const start = days > 0 ? `it begins ${inDays(days)}` : days === 0 ? 'it begins today' : 'it has begun';
  return `${date} (the sources give only the ${milestone.precision}; ${start}).`;
}

/**
 * The reminder posted to a subscribed channel before a milestone: what ends or happens and when (at the date's
 * precision), what the sources say is at stake, the citations, and how current the sources are.
 */
export function reminderReply(
  knowledge: Knowledge,
  milestone: TimelineEvent,
  options: { now: Date; timeZone: string; subscribedLeadDays: readonly number[] },
): Reply {
  const days = daysUntil(milestone, options.now, options.timeZone);
  const draft = new ReplyDraft(knowledge, 'reminder', `Reminder: ${milestone.title}`);
  draft.intro.push(`When: ${when(milestone, days)}`);
  draft.section('What happens', [
    {
      text: milestone.text ? `${milestone.title}. ${milestone.text}` : milestone.title,
      says: milestone.says,
      cite: milestone.cite,
      about: [milestone.id],
      disagreement: milestone.disagreement,
    },
  ]);
  // The stake line cites what supports it alone; the event's whole citation list backs "what happens".
  if (milestone.stake) {
    draft.section('What is at stake', [
      { text: milestone.stake, says: milestone.stakeSays, cite: milestone.stakeCite ?? milestone.cite, about: [milestone.id] },
    ]);
  }
  draft.intro.push(
    `This channel gets reminders ${leadDaysText(options.subscribedLeadDays)} before each milestone: "remind list" shows the next ones, "remind off" stops them.`,
  );
  draft.suggestions.push('dates', 'status');
  return draft.finish(options.now, { context: { kind: 'dates' } });
}
