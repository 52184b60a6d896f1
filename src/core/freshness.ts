import { daysBetween, earliestInstant, endInstant, formatDate, type PartialDate } from './dates.js';
import type { TimelineEvent } from './knowledge/schema.js';

/** A reply whose newest source is older than this many days is stale for any subject. */
export const STALE_AFTER_DAYS = 90;

/** "on 30 September 2025", "in September 2025", "in 2025": a date as the end of a phrase. */
function onDate(d: PartialDate): string {
  return `${d.precision === 'day' ? 'on' : 'in'} ${formatDate(d)}`;
}

/** Whole calendar months from one instant to a later one (30 September to 30 November is 2). */
function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return to.getUTCDate() < from.getUTCDate() ? months - 1 : months;
}

/** How long from one instant to a later one, in the unit a reader would use: "45 days", "14 months", "2 years". */
export function spanInWords(from: Date, to: Date): string {
  const days = daysBetween(from, to);
  if (days < 60) return `${days} day${days === 1 ? '' : 's'}`;
  const months = monthsBetween(from, to);
  if (months < 24) return `${months} months`;
  return `${Math.floor(months / 12)} years`;
}

/** An event's title as the middle of a sentence: "The MSS authorization ends" reads "the MSS authorization ends". */
export function inSentence(title: string): string {
  return /^(The|A|An) /.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

/**
 * The one staleness warning for a reply resting on sources up to `asOf` and speaking of `mentioned` events,
 * seen from `now`, or null when its sources are recent enough: one sentence saying where the sources end,
 * how long ago that is when it is long, and which milestone they speak of has passed since.
 * For example "These sources end on 30 September 2025, 14 months ago, before the milestone of 2 October 2025
 * (the MSS authorization ends); what followed is not covered."
 */
export function freshnessWarning(asOf: PartialDate | null, mentioned: readonly TimelineEvent[], now: Date): string | null {
  if (!asOf) return null;
  const asOfEnd = endInstant(asOf);
  const passed = mentioned
    .filter((e) => e.milestone && earliestInstant(e).getTime() >= asOfEnd.getTime() && endInstant(e).getTime() <= now.getTime())
    .sort((a, b) => earliestInstant(a).getTime() - earliestInstant(b).getTime());
  // A source dated to a month or a year may be from its last day: count its age from there.
  const age = daysBetween(new Date(asOfEnd.getTime() - 1), now);
  const old = age > STALE_AFTER_DAYS;
  if (!old && passed.length === 0) return null;
  const parts = [`These sources end ${onDate(asOf)}`];
  if (old) parts.push(`, ${spanInWords(new Date(asOfEnd.getTime() - 1), now)} ago`);
  const first = passed[0];
  if (first) {
    const later = passed.length > 1 ? ` and ${passed.length - 1} later one${passed.length > 2 ? 's' : ''}` : '';
    parts.push(`, before the milestone ${onDate(first).replace(/^on /, 'of ').replace(/^in /, 'of ')} (${inSentence(first.title)})${later}; what followed is not covered.`);
  } else {
    parts.push('; later events are not covered.');
  }
  return parts.join('');
}

/** The staleness warning as a list (empty or one sentence), for callers that collect warnings. */
export function freshnessWarnings(asOf: PartialDate | null, mentioned: readonly TimelineEvent[], now: Date): string[] {
  const warning = freshnessWarning(asOf, mentioned, now);
  return warning ? [warning] : [];
}
