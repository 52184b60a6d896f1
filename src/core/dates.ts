/** How precisely a date is known: "2025-09-30" (day), "2025-09" (month) or "2025" (year). */
export const PRECISIONS = ['day', 'month', 'year'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** A date as the sources give it: its text and how precise it is. */
export interface PartialDate {
  date: string;
  precision: Precision;
}

const SHAPES: Record<Precision, { pattern: RegExp; example: string }> = {
  day: { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, example: '2025-10-02' },
  month: { pattern: /^(\d{4})-(\d{2})$/, example: '2025-09' },
  year: { pattern: /^(\d{4})$/, example: '2025' },
};

/** The months' names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const DAY_MS = 86_400_000;

/** Returns what is wrong with a date of the given precision, or null when it is a real date of that shape. */
export function checkDate(date: string, precision: Precision): string | null {
  const shape = SHAPES[precision];
  const match = shape.pattern.exec(date);
  if (!match) {
    const other = PRECISIONS.find((p) => SHAPES[p].pattern.test(date));
    const hint = other ? ` (it is written like a ${other}-precision date)` : '';
    return `date "${date}" does not match precision "${precision}"${hint}: write it like "${shape.example}"`;
  }
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12) return `date "${date}" has no month ${month}: months run from 01 to 12`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return `date "${date}" is not a real day: ${MONTHS[month - 1]} ${year} has ${daysInMonth} days`;
  }
  return null;
}

/** The number written by the ASCII digits from `from` to `to`, or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Year, month and day of a date (month and day 1 when not given); read without splitting for the usual shapes. */
function parts(d: PartialDate): [number, number, number] {
  const s = d.date;
  // Dates are read many times an answer (sorting, comparing with now): "YYYY", "YYYY-MM", "YYYY-MM-DD" fast.
  if (s.length === 4 || (s.length === 7 && s.charCodeAt(4) === 45) || (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45)) {
    const y = digits(s, 0, 4);
    const m = s.length > 4 ? digits(s, 5, 7) : 1;
    const day = s.length > 7 ? digits(s, 8, 10) : 1;
    if (y >= 0 && m >= 0 && day >= 0) return [y, m, day];
  }
  const [y = '0', m = '1', day = '1'] = s.split('-');
  return [Number(y), Number(m), Number(day)];
}

/** The first instant (UTC) the date can refer to: "2025-09" starts on 1 September 2025. */
export function earliestInstant(d: PartialDate): Date {
  const [y, m, day] = parts(d);
  return new Date(Date.UTC(y, m - 1, day));
}

/** The instant (UTC) just after the last day the date can refer to: "2025-09" ends at 1 October 2025 00:00. */
export function endInstant(d: PartialDate): Date {
  const [y, m, day] = parts(d);
  if (d.precision === 'year') return new Date(Date.UTC(y + 1, 0, 1));
  if (d.precision === 'month') return new Date(Date.UTC(y, m, 1));
  return new Date(Date.UTC(y, m - 1, day + 1));
}

/** A date in words at its own precision: "2 October 2025", "September 2025", "2025". */
export function formatDate(d: PartialDate): string {
  const [y, m, day] = parts(d);
  if (d.precision === 'year') return String(y);
  if (d.precision === 'month') return `${MONTHS[m - 1]} ${y}`;
  return `${day} ${MONTHS[m - 1]} ${y}`;
}

/** Orders dates by the first instant they can refer to, then the more precise first. */
export function compareDates(a: PartialDate, b: PartialDate): number {
  const diff = earliestInstant(a).getTime() - earliestInstant(b).getTime();
  if (diff !== 0) return diff;
  return PRECISIONS.indexOf(a.precision) - PRECISIONS.indexOf(b.precision);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** The newest of some dates, by the last instant each can refer to; null for none. */
export function newest<T extends PartialDate>(dates: Iterable<T>): T | null {
  let best: T | null = null;
  for (const d of dates) {
    if (!best || endInstant(d).getTime() > endInstant(best).getTime()) best = d;
  }
  return best;
}
