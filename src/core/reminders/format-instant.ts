import { DateTime } from 'luxon';

/** An instant as a subscriber reads it: "2 September 2025, 09:00 UTC" or "..., 09:00 (America/Port-au-Prince)". */
export function formatInstant(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).toFormat('d MMMM yyyy, HH:mm');
  return timeZone === 'UTC' ? `${local} UTC` : `${local} (${timeZone})`;
}
