import { earliestInstant, type PartialDate } from '../dates.js';

const DAY_MS = 86_400_000;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function span(days: number): string {
  const d = Math.abs(days);
  const base = plural(d, 'day');
  if (d >= 730) return `${base} (about ${plural(Math.round(d / 365.25), 'year')})`;
  if (d >= 60) return `${base} (about ${plural(Math.round(d / 30.44), 'month')})`;
  return base;
}

function ahead(n: number, unit: string, next: string): string {
  return n === 1 ? next : `in about ${plural(n, unit)}`;
}

function behind(n: number, unit: string, last: string): string {
  return n === 1 ? last : `about ${plural(n, unit)} ago`;
}

/**
 * How far a date is from now, at the date's own precision: "in 31 days", "13 days ago", "this month",
 * "in about 3 months", "next year". A day is counted in UTC, like the dates themselves.
 */
export function relativeTo(date: PartialDate, now: Date): string {
  const start = earliestInstant(date);
  if (date.precision === 'day') {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const days = Math.round((start.getTime() - today) / DAY_MS);
    if (days === 0) return 'today';
    return days > 0 ? `in ${span(days)}` : `${span(days)} ago`;
  }
  if (date.precision === 'month') {
    const months = start.getUTCFullYear() * 12 + start.getUTCMonth() - (now.getUTCFullYear() * 12 + now.getUTCMonth());
    if (months === 0) return 'this month';
    return months > 0 ? ahead(months, 'month', 'next month') : behind(-months, 'month', 'last month');
  }
  const years = start.getUTCFullYear() - now.getUTCFullYear();
  if (years === 0) return 'this year';
  return years > 0 ? ahead(years, 'year', 'next year') : behind(-years, 'year', 'last year');
}
