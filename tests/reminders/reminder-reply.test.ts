import { describe, expect, it } from 'vitest';
import { reminderReply } from '../../src/core/reminders/reminder-reply.js';
import { renderText } from '../../src/render/text.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';

const knowledge = shippedKnowledge();
const milestone = (id: string) => {
  const e = knowledge.events.find((x) => x.id === id);
  if (!e?.milestone) throw new Error(`${id} is not a milestone of the shipped knowledge base`);
  return e;
};

describe('the reminder for a milestone of the shipped knowledge base', () => {
  it('says what ends and when, what is at stake, with citations and the as-of line', () => {
    const reply = reminderReply(knowledge, milestone('ev-mss-authorization-ends'), {
      now: new Date('2025-09-25T09:00:00Z'),
      timeZone: 'UTC',
      subscribedLeadDays: [30, 7, 1],
    });
    expect(reply).toMatchObject({ kind: 'reminder', answered: true, title: 'Reminder: The MSS authorization ends', context: { kind: 'dates' } });
    expect(reply.intro).toEqual([
      'When: 2 October 2025, in 7 days.',
      'This channel gets reminders 30, 7 and 1 days before each milestone: "remind list" shows the next ones, "remind off" stops them.',
    ]);
    expect(reply.sections.map((s) => s.heading)).toEqual(['What happens', 'What is at stake']);
    expect(reply.sections[1]?.claims[0]?.text).toMatch(/^Kenya was willing to stay on/);
    const cited = reply.citations.map((c) => c.sourceId);
    expect(cited).toEqual(expect.arrayContaining(['unsc-res-2751', 'nation-2025-05']));
    for (const claim of reply.sections.flatMap((s) => s.claims)) expect(claim.citations.length).toBeGreaterThan(0);
    expect(reply.asOf).not.toBeNull();
    const text = renderText(reply);
    expect(text).toMatch(/^Reminder: The MSS authorization ends\nAs of /);
    expect(text).toContain('Sources');
  });

  it('gives a month-precision milestone as its month, counting from the first day it can fall on', () => {
    const reply = reminderReply(knowledge, milestone('ev-binuh-council-meeting-2025'), {
      now: new Date('2025-03-02T09:00:00Z'),
      timeZone: 'UTC',
      subscribedLeadDays: [30],
    });
    expect(reply.intro?.[0]).toBe('When: April 2025 (the sources give only the month; it begins in 30 days).');
    expect(reply.intro?.[1]).toContain('reminders 30 days before each milestone');
  });

  it('counts the days in the subscriber\'s time zone', () => {
    // 23:30 UTC on 1 October is already 2 October in Auckland: the day itself.
    const reply = reminderReply(knowledge, milestone('ev-mss-authorization-ends'), { now: new Date('2025-10-01T23:30:00Z'), timeZone: 'Pacific/Auckland', subscribedLeadDays: [1] });
    expect(reply.intro?.[0]).toBe('When: 2 October 2025, today.');
    const utc = reminderReply(knowledge, milestone('ev-mss-authorization-ends'), { now: new Date('2025-10-01T23:30:00Z'), timeZone: 'UTC', subscribedLeadDays: [1] });
    expect(utc.intro?.[0]).toBe('When: 2 October 2025, tomorrow.');
  });
});
