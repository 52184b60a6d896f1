import { earliestInstant, endInstant } from '../dates.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { TimeIntent } from './question.js';

/** Each event's first instant and the instant after its last, read once (events do not change). */
const spans = new WeakMap<TimelineEvent, { start: number; end: number }>();

function span(e: TimelineEvent): { start: number; end: number } {
  let s = spans.get(e);
  if (!s) {
    s = { start: earliestInstant(e).getTime(), end: endInstant(e).getTime() };
    spans.set(e, s);
  }
  return s;
}

/** The first event with the least key (the first of equals, as a stable sort would put it). */
function least(events: readonly TimelineEvent[], key: (e: TimelineEvent) => number): TimelineEvent | undefined {
  let best: TimelineEvent | undefined;
  let bestKey = Infinity;
  for (const e of events) {
    const k = key(e);
    if (k < bestKey) {
      best = e;
      bestKey = k;
    }
  }
  return best;
}

/**
 * The events that answer a question about time relative to now. `matched` are the events the question's
 * subject words found, best first (null when it named no subject). Returns none when nothing fits.
 */
export function timelineAnswer(
  intent: TimeIntent,
  events: readonly TimelineEvent[],
  matched: readonly TimelineEvent[] | null,
  milestoneOnly: boolean,
  now: Date,
): TimelineEvent[] {
  const t = now.getTime();
  let pool = matched ?? (intent === 'until' ? events.filter((e) => e.milestone) : events);
  if (milestoneOnly) pool = pool.filter((e) => e.milestone);
  const upcoming = pool.filter((e) => span(e).end > t);
  const past = pool.filter((e) => span(e).end <= t);
  const soonest = (list: readonly TimelineEvent[]): TimelineEvent | undefined => least(list, (e) => span(e).start);
  const latest = (list: readonly TimelineEvent[]): TimelineEvent | undefined => least(list, (e) => -span(e).end);
  const one = (e: TimelineEvent | undefined): TimelineEvent[] => (e ? [e] : []);
  switch (intent) {
    case 'until':
      return one(soonest(upcoming) ?? latest(past));
    case 'ago':
      return matched ? pool.slice(0, 1) : [];
    case 'since':
      // "How long has the MSS been deployed": the past event the words match best, not the oldest they touch.
      return matched ? past.slice(0, 1) : [];
    case 'last':
      return one(latest(past));
    case 'next': {
      const first = soonest(upcoming);
      if (!first) return [];
      const milestone = soonest(upcoming.filter((e) => e.milestone));
      return milestone && milestone !== first && !milestoneOnly ? [first, milestone] : [first];
    }
  }
}
