import { daysBetween, earliestInstant, endInstant, formatDate, type PartialDate } from './dates.js';
import type { TimelineEvent } from './knowledge/schema.js';

/** A reply whose newest source is older than this many days is stale for any subject. */
export const STALE_AFTER_DAYS = 90;

/**
 * The staleness warnings for a reply resting on sources up to `asOf` and speaking of `mentioned` events,
 * seen from `now`: a milestone it mentions has passed since its newest source, or that source is old.
 */
export function freshnessWarnings(asOf: PartialDate | null, mentioned: readonly TimelineEvent[], now: Date): string[] {
  if (!asOf) return [];
  const warnings: string[] = [];
  const asOfEnd = endInstant(asOf);
  const passed = mentioned.filter(
    (e) => e.milestone && earliestInstant(e).getTime() >= asOfEnd.getTime() && endInstant(e).getTime() <= now.getTime(),
  );
  for (const event of passed) {
    const since = `${event.title} (${formatDate(event)}) has passed since the newest source here (${formatDate(asOf)})`;
    // A milestone may say what exactly is unknown once it has passed (an authorization: whether it was renewed).
    warnings.push(event.afterPassing ? `${since}. ${event.afterPassing}` : `${since}: what followed is not covered.`);
  }
  // A source dated to a month or a year may be from its last day: count its age from there.
  const age = daysBetween(new Date(asOfEnd.getTime() - 1), now);
  if (age > STALE_AFTER_DAYS) {
    warnings.push(`The newest source here is from ${formatDate(asOf)}, ${age} days before now: later events are not covered.`);
  }
  return warnings;
}
