import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/core/reminders/model.js';
import { dueReminders, planReminders, reminderInstant, type MilestoneDate } from '../../src/core/reminders/reminder-schedule.js';

const UTC9 = { timeZone: 'UTC', postAt: '09:00' };
const vote: MilestoneDate = { id: 'ev-vote', date: '2025-11-10', precision: 'day' };
const april: MilestoneDate = { id: 'ev-april', date: '2025-04', precision: 'month' };
const iso = (d: Date): string => d.toISOString();

function sub(key: string, extra: Partial<Subscription> = {}): Subscription {
  return { key, channel: { platform: 'slack', id: key.split(':')[1] ?? key }, leadDays: [30, 7, 1], timeZone: null, postAt: null, origin: 'chat', since: new Date('2025-01-01T00:00:00Z'), ...extra };
}

describe('the instant a reminder is posted', () => {
  it('is the posting time, in UTC by default, the lead time in days before the milestone', () => {
    expect([30, 7, 1].map((d) => iso(reminderInstant(vote, d, UTC9)))).toEqual([
      '2025-10-11T09:00:00.000Z',
      '2025-11-03T09:00:00.000Z',
      '2025-11-09T09:00:00.000Z',
    ]);
  });

  it('keeps the local posting time across the end of daylight saving time', () => {
    const ny = { timeZone: 'America/New_York', postAt: '09:00' };
    // 11 October is EDT (UTC-4); 3 and 9 November are EST (UTC-5), after DST ended on 2 November 2025.
    expect([30, 7, 1].map((d) => iso(reminderInstant(vote, d, ny)))).toEqual([
      '2025-10-11T13:00:00.000Z',
      '2025-11-03T14:00:00.000Z',
      '2025-11-09T14:00:00.000Z',
    ]);
    const haiti = { timeZone: 'America/Port-au-Prince', postAt: '09:00' };
    expect(iso(reminderInstant({ date: '2025-10-02', precision: 'day' }, 30, haiti))).toBe('2025-09-02T13:00:00.000Z');
  });

  it('falls on the local day in time zones far from UTC, across their own DST changes', () => {
    const auckland = { timeZone: 'Pacific/Auckland', postAt: '09:00' };
    // New Zealand daylight time (UTC+13) began on 28 September 2025: 09:00 local is the evening before in UTC.
    expect(iso(reminderInstant(vote, 1, auckland))).toBe('2025-11-08T20:00:00.000Z');
    expect(iso(reminderInstant({ date: '2025-09-30', precision: 'day' }, 7, auckland))).toBe('2025-09-22T21:00:00.000Z');
    expect(iso(reminderInstant(vote, 7, { timeZone: 'Asia/Kolkata', postAt: '09:00' }))).toBe('2025-11-03T03:30:00.000Z');
  });

  it('moves a posting time that a DST change skips forward by the gap', () => {
    // 02:30 does not exist in New York on 8 March 2026: clocks go from 02:00 to 03:00.
    expect(iso(reminderInstant({ date: '2026-03-15', precision: 'day' }, 7, { timeZone: 'America/New_York', postAt: '02:30' }))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('counts a month-precision milestone from the first day of its month', () => {
    expect([30, 7, 1].map((d) => iso(reminderInstant(april, d, UTC9)))).toEqual([
      '2025-03-02T09:00:00.000Z',
      '2025-03-25T09:00:00.000Z',
      '2025-03-31T09:00:00.000Z',
    ]);
    expect(iso(reminderInstant({ date: '2026', precision: 'year' }, 1, UTC9))).toBe('2025-12-31T09:00:00.000Z');
  });

  it('refuses a posting time or time zone that is not one', () => {
    expect(() => reminderInstant(vote, 1, { timeZone: 'Mars/Olympus', postAt: '09:00' })).toThrow(/not an IANA time zone/);
    expect(() => reminderInstant(vote, 1, { timeZone: 'UTC', postAt: '9am' })).toThrow(/not HH:MM/);
  });
});

describe('planning reminders in a window', () => {
  it('lists each subscription\'s reminders in the window, in order, with each subscription\'s own time zone and hour', () => {
    const subs = [sub('slack:A'), sub('slack:B', { timeZone: 'America/New_York', postAt: '08:00', leadDays: [7] })];
    const plan = planReminders([vote, april], subs, { after: new Date('2025-11-01T00:00:00Z'), until: new Date('2025-11-30T00:00:00Z') }, UTC9);
    expect(plan.map((r) => [r.subscriptionKey, r.milestoneId, r.leadDays, iso(r.sendAt)])).toEqual([
      ['slack:A', 'ev-vote', 7, '2025-11-03T09:00:00.000Z'],
      ['slack:B', 'ev-vote', 7, '2025-11-03T13:00:00.000Z'],
      ['slack:A', 'ev-vote', 1, '2025-11-09T09:00:00.000Z'],
    ]);
  });

  it('takes the window as after < instant <= until', () => {
    const at = new Date('2025-11-03T09:00:00Z');
    const window = (after: Date, until: Date): number[] => planReminders([vote], [sub('slack:A')], { after, until }, UTC9).map((r) => r.leadDays);
    expect(window(new Date(at.getTime() - 1), at)).toEqual([7]);
    expect(window(at, new Date(at.getTime() + 60_000))).toEqual([]);
  });

  it('leaves out reminders whose instant came before the subscription began', () => {
    const late = sub('slack:A', { since: new Date('2025-11-03T09:00:01Z') });
    const plan = planReminders([vote], [late], { after: new Date(0), until: new Date('2026-01-01T00:00:00Z') }, UTC9);
    expect(plan.map((r) => r.leadDays)).toEqual([1]);
  });
});

describe('what is due at a tick', () => {
  const subs = [sub('slack:A')];
  const at = (text: string): Date => new Date(text);
  const DAY = 86_400_000;

  it('is what came due since the last tick', () => {
    const { due, missed } = dueReminders([vote], subs, at('2025-11-03T09:00:00Z'), at('2025-11-03T08:59:00Z'), DAY, UTC9);
    expect(due.map((r) => r.leadDays)).toEqual([7]);
    expect(missed).toEqual([]);
    expect(dueReminders([vote], subs, at('2025-11-03T09:01:00Z'), at('2025-11-03T09:00:00Z'), DAY, UTC9).due).toEqual([]);
  });

  it('catches up on reminders missed within the grace period and lists older ones as missed', () => {
    const threeHours = dueReminders([vote], subs, at('2025-11-03T12:00:00Z'), at('2025-11-03T08:00:00Z'), DAY, UTC9);
    expect(threeHours.due.map((r) => r.leadDays)).toEqual([7]);
    const threeDays = dueReminders([vote], subs, at('2025-11-06T12:00:00Z'), at('2025-11-03T08:00:00Z'), DAY, UTC9);
    expect(threeDays.due).toEqual([]);
    expect(threeDays.missed.map((r) => [r.leadDays, iso(r.sendAt)])).toEqual([[7, '2025-11-03T09:00:00.000Z']]);
  });

  it('looks back one grace period on the very first tick, and does nothing when the clock is behind the last tick', () => {
    expect(dueReminders([vote], subs, at('2025-11-03T20:00:00Z'), null, DAY, UTC9).due.map((r) => r.leadDays)).toEqual([7]);
    expect(dueReminders([vote], subs, at('2025-11-03T09:00:00Z'), at('2025-11-03T10:00:00Z'), DAY, UTC9)).toEqual({ due: [], missed: [] });
  });
});
