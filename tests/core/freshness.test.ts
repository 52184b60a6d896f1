import { describe, expect, it } from 'vitest';
import { freshnessWarning, spanInWords } from '../../src/core/freshness.js';
import type { TimelineEvent } from '../../src/core/knowledge/schema.js';

const milestone = (date: string, precision: 'day' | 'month' | 'year', title: string): TimelineEvent => ({
  id: `ev-${date}`,
  date,
  precision,
  kind: 'expiry',
  title,
  milestone: true,
  stake: 'something',
  cite: [{ source: 'x' }],
});

const at = (iso: string): Date => new Date(iso);

describe('the one staleness warning', () => {
  const asOf = { date: '2025-09-30', precision: 'day' as const };
  const end = milestone('2025-10-02', 'day', 'The MSS authorization ends');

  it('says nothing while the sources are recent and no milestone they speak of has passed', () => {
    expect(freshnessWarning(asOf, [end], at('2025-10-01T12:00:00Z'))).toBeNull();
    expect(freshnessWarning(null, [end], at('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it('names the milestone passed since the sources end, in one grammatical sentence', () => {
    expect(freshnessWarning(asOf, [end], at('2025-10-05T00:00:00Z'))).toBe(
      'These sources end on 30 September 2025, before the milestone of 2 October 2025 (the MSS authorization ends); what followed is not covered.',
    );
  });

  it('says how long ago the sources end, in months or years, and counts later milestones', () => {
    const later = milestone('2026-01', 'month', 'A later deadline');
    expect(freshnessWarning(asOf, [later, end], at('2026-11-30T09:00:00Z'))).toBe(
      'These sources end on 30 September 2025, 14 months ago, before the milestone of 2 October 2025 (the MSS authorization ends) and 1 later one; what followed is not covered.',
    );
    expect(freshnessWarning({ date: '2025-03', precision: 'month' }, [], at('2028-06-01T00:00:00Z'))).toBe(
      'These sources end in March 2025, 3 years ago; later events are not covered.',
    );
  });

  it('words a span as a reader would', () => {
    expect(spanInWords(at('2025-09-30T00:00:00Z'), at('2025-10-31T00:00:00Z'))).toBe('31 days');
    expect(spanInWords(at('2025-09-30T00:00:00Z'), at('2025-12-31T00:00:00Z'))).toBe('3 months');
    expect(spanInWords(at('2025-09-30T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toBe('13 months');
  });
});
