import { DateTime, IANAZone } from 'luxon';
import { earliestInstant, type PartialDate } from '../dates.js';
import type { PlannedReminder, Subscription } from './model.js';

/** The posting time and time zone a subscription falls back to. */
export interface ReminderDefaults {
  timeZone: string;
  /** Local posting time, "HH:MM". */
  postAt: string;
}

/** A milestone as reminders see it: an id and a date with its precision. */
export interface MilestoneDate extends PartialDate {
  id: string;
}

/** An open-closed window of instants: after < sendAt <= until. */
export interface Window {
  after: Date;
  until: Date;
}

const DAY_MS = 86_400_000;
/** No lead time is longer than this (parseLeadDays allows at most 365 days). */
const LONGEST_LEAD_DAYS = 366;
/** How far a local posting time can sit from the UTC day it names (time zones run from -12 to +14 hours). */
const ZONE_SLACK_MS = 2 * DAY_MS;

/** Parses "HH:MM" (24-hour clock); null when it is not a time of day. */
export function parsePostAt(text: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/** True when luxon knows the IANA time zone (e.g. "America/Port-au-Prince", "UTC"). */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The instant a reminder `leadDays` before a milestone is posted: at the local posting time in the time zone,
 * on the day that many calendar days before the earliest day the milestone can fall on ("2025-04" counts from
 * 1 April). Local time is kept across daylight-saving changes; a posting time that does not exist on that day
 * (skipped by a DST change) moves forward by the gap.
 */
export function reminderInstant(milestone: PartialDate, leadDays: number, timing: ReminderDefaults): Date {
  const time = parsePostAt(timing.postAt);
  if (!time) throw new RangeError(`posting time "${timing.postAt}" is not HH:MM`);
  const day = DateTime.fromJSDate(earliestInstant(milestone), { zone: 'UTC' }).minus({ days: leadDays });
  const local = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute },
    { zone: timing.timeZone },
  );
  if (!local.isValid) throw new RangeError(`time zone "${timing.timeZone}" is not an IANA time zone`);
  return local.toJSDate();
}

/** The time zone and posting time a subscription's reminders use. */
export function timingOf(subscription: Pick<Subscription, 'timeZone' | 'postAt'>, defaults: ReminderDefaults): ReminderDefaults {
  return { timeZone: subscription.timeZone ?? defaults.timeZone, postAt: subscription.postAt ?? defaults.postAt };
}

/** Whether any reminder of the milestone can fall in the window, whatever the lead time and time zone. */
function mayFallIn(milestone: PartialDate, window: Window): boolean {
  const start = earliestInstant(milestone).getTime();
  return start + ZONE_SLACK_MS > window.after.getTime() && start - LONGEST_LEAD_DAYS * DAY_MS - ZONE_SLACK_MS <= window.until.getTime();
}

/**
 * Every reminder of the subscriptions whose instant falls in the window and not before the subscription
 * began, ordered by instant (then channel, milestone, lead time). Pure: the same inputs give the same plan.
 */
export function planReminders(
  milestones: readonly MilestoneDate[],
  subscriptions: readonly Subscription[],
  window: Window,
  defaults: ReminderDefaults,
): PlannedReminder[] {
  const candidates = milestones.filter((m) => mayFallIn(m, window));
  if (candidates.length === 0) return [];
  const after = window.after.getTime();
  const until = window.until.getTime();
  const instants = new Map<string, number>();
  const instantOf = (m: MilestoneDate, lead: number, timing: ReminderDefaults): number => {
    const key = `${timing.timeZone}|${timing.postAt}|${m.id}|${lead}`;
    let at = instants.get(key);
    if (at === undefined) {
      at = reminderInstant(m, lead, timing).getTime();
      instants.set(key, at);
    }
    return at;
  };
  const out: PlannedReminder[] = [];
  for (const sub of subscriptions) {
    const timing = timingOf(sub, defaults);
    const since = sub.since.getTime();
    for (const m of candidates) {
      for (const lead of sub.leadDays) {
        const at = instantOf(m, lead, timing);
        if (at > after && at <= until && at >= since) {
          out.push({ subscriptionKey: sub.key, milestoneId: m.id, leadDays: lead, sendAt: new Date(at) });
        }
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.sendAt.getTime() - b.sendAt.getTime() ||
      a.subscriptionKey.localeCompare(b.subscriptionKey) ||
      a.milestoneId.localeCompare(b.milestoneId) ||
      b.leadDays - a.leadDays,
  );
}

/** What a tick at `now` has to do with the reminders that came due since the last tick (`watermark`). */
export interface DueAtTick {
  /** Due within the grace period: send them. */
  due: PlannedReminder[];
  /** Came due since the last tick but longer ago than the grace period: skip them, and say so. */
  missed: PlannedReminder[];
}

/**
 * Which reminders are due at `now`, given the last completed tick (`watermark`; null before the first tick,
 * which then looks back one grace period). Reminders due at or before the watermark were handled by that
 * tick; retries are the ledger's business, not this function's.
 */
export function dueReminders(
  milestones: readonly MilestoneDate[],
  subscriptions: readonly Subscription[],
  now: Date,
  watermark: Date | null,
  graceMs: number,
  defaults: ReminderDefaults,
): DueAtTick {
  const oldestInGrace = now.getTime() - graceMs;
  const last = watermark ? watermark.getTime() : oldestInGrace - 1;
  if (last >= now.getTime()) return { due: [], missed: [] };
  const due = planReminders(milestones, subscriptions, { after: new Date(Math.max(last, oldestInGrace - 1)), until: now }, defaults);
  const missed =
    last < oldestInGrace - 1
      ? planReminders(milestones, subscriptions, { after: new Date(last), until: new Date(oldestInGrace - 1) }, defaults)
      : [];
  return { due, missed };
}
