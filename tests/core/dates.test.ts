import { describe, expect, it } from 'vitest';
import { checkDate, compareDates, earliestInstant, endInstant, formatDate } from '../../src/core/dates.js';

describe('dates with a precision', () => {
  it('accepts real dates of their stated precision', () => {
    expect(checkDate('2025-10-02', 'day')).toBeNull();
    expect(checkDate('2024-02-29', 'day')).toBeNull();
    expect(checkDate('2025-09', 'month')).toBeNull();
    expect(checkDate('2025', 'year')).toBeNull();
  });

  it('rejects dates that do not exist', () => {
    expect(checkDate('2025-02-29', 'day')).toMatch(/not a real day: February 2025 has 28 days/);
    expect(checkDate('2025-13', 'month')).toMatch(/no month 13/);
    expect(checkDate('2025-04-31', 'day')).toMatch(/April 2025 has 30 days/);
  });

  it('rejects a date whose shape does not match its precision', () => {
    expect(checkDate('2025-09-01', 'month')).toMatch(/does not match precision "month".*day-precision/);
    expect(checkDate('2025-09', 'day')).toMatch(/write it like "2025-10-02"/);
    expect(checkDate('Sept 2025', 'month')).toMatch(/does not match/);
  });

  it('says a date in words at its own precision', () => {
    expect(formatDate({ date: '2025-10-02', precision: 'day' })).toBe('2 October 2025');
    expect(formatDate({ date: '2025-09', precision: 'month' })).toBe('September 2025');
    expect(formatDate({ date: '2026', precision: 'year' })).toBe('2026');
  });

  it('spans a month-precision date from its first day to the end of its last', () => {
    const sep = { date: '2025-09', precision: 'month' } as const;
    expect(earliestInstant(sep).toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(endInstant(sep).toISOString()).toBe('2025-10-01T00:00:00.000Z');
    expect(endInstant({ date: '2025', precision: 'year' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('orders dates by their first instant, the more precise first', () => {
    const dates = [
      { date: '2025-09-30', precision: 'day' as const },
      { date: '2025-09', precision: 'month' as const },
      { date: '2025-09-01', precision: 'day' as const },
    ];
    expect([...dates].sort(compareDates).map((d) => d.date)).toEqual(['2025-09-01', '2025-09', '2025-09-30']);
  });
});
