import { IANAZone } from 'luxon';

/** What `remind on` may carry besides lead times: a posting time ("at 08:30") and a time zone ("in Europe/Paris"). */
export interface RemindSettings {
  /** The lead-time words, unparsed ("30,7,1"). */
  leadText: string;
  postAt?: string;
  timeZone?: string;
}

/** A zone as people type it ("america/port-au-prince", "utc"), in its canonical spelling; null when luxon knows no such zone. */
export function canonicalZone(text: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return null;
  if (/^utc$/i.test(text)) return 'UTC';
  if (!IANAZone.isValidZone(text)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "9:00", "09:00", "9" or "9h" as "09:00"; null when it is not a time of day on a 24-hour clock. */
export function canonicalTime(text: string): string | null {
  const match = /^([01]?\d|2[0-3])(?::([0-5]\d))?h?$/i.exec(text);
  if (!match) return null;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? '00'}`;
}

/**
 * Splits the words after `remind on` into lead times, `at HH:MM` and `in Area/City` (in any order after the
 * lead times). Says exactly what is wrong with a time or a zone, so that nothing changes on a bad value.
 */
export function parseRemindSettings(words: readonly string[]): RemindSettings | { problem: string } {
  const lead: string[] = [];
  const out: { postAt?: string; timeZone?: string } = {};
  for (let i = 0; i < words.length; i++) {
    const w = (words[i] ?? '').toLowerCase();
    if (w !== 'at' && w !== 'in') {
      if (out.postAt || out.timeZone) {
        return { problem: `"${words[i]}" is out of place: give the lead times first, then "at HH:MM" and "in Area/City", like "remind on 30,7,1 at 09:00 in America/Port-au-Prince".` };
      }
      lead.push(words[i] ?? '');
      continue;
    }
    const value = words[i + 1];
    i += 1;
    if (w === 'at') {
      if (!value) return { problem: 'Give a time after "at", on a 24-hour clock, like "at 09:00".' };
      if (out.postAt) return { problem: 'Give one posting time, like "at 09:00".' };
      const time = canonicalTime(value);
      if (!time) return { problem: `"${value}" is not a time of day: give hours and minutes on a 24-hour clock, like "at 09:00" or "at 17:30".` };
      out.postAt = time;
    } else {
      if (!value) return { problem: 'Give an IANA time zone after "in", like "in America/Port-au-Prince" or "in Europe/Paris".' };
      if (out.timeZone) return { problem: 'Give one time zone, like "in America/Port-au-Prince".' };
      const zone = canonicalZone(value);
      if (!zone) return { problem: `"${value}" is not a time zone I know: give an IANA name (Area/City), like "in America/Port-au-Prince", "in America/New_York" or "in UTC".` };
      out.timeZone = zone;
    }
  }
  return { leadText: lead.join(' '), ...out };
}
