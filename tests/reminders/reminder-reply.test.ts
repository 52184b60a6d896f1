import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { parseKnowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../src/core/knowledge/read-knowledge.js';
import { fixedClock } from '../../src/core/ports.js';
import { reminderReply } from '../../src/core/reminders/reminder-reply.js';
import { renderText } from '../../src/render/text.js';
import { editedFixture, FIXTURE_CORPUS, shippedKnowledge } from '../doubles/fixture-kb.js';

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
    expect(reply.sections[1]?.claims[0]?.text).toMatch(/^The Nation reported Kenya willing to stay/);
    const cited = reply.citations.map((c) => c.sourceId);
    expect(cited).toEqual(expect.arrayContaining(['unsc-res-2751', 'nation-2025-05']));
    for (const claim of reply.sections.flatMap((s) => s.claims)) expect(claim.citations.length).toBeGreaterThan(0);
    expect(reply.asOf).not.toBeNull();
    const text = renderText(reply);
    expect(text).toMatch(/^Reminder: The MSS authorization ends\nCurrent to /);
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

describe('the stake line of a reminder', () => {
  it('cites only what supports the stake, not the milestone\'s whole citation list', () => {
    // The fixture milestone, citing the record as well for what happens; its stake rests on the gazette alone.
    const files = editedFixture({
      'timeline.yaml': (t) =>
        t.replace(
          '    cite: [{ source: sample-doc, quote: "would arrive before the rainy season ends" }]',
          '    cite: [{ source: sample-doc, quote: "would arrive before the rainy season ends" }, { source: sample-record }]',
        ),
    });
    const fixture = parseKnowledge(files, readCorpus(FIXTURE_CORPUS) ?? undefined).knowledge!;
    const event = fixture.events.find((e) => e.id === 'ev-team-arrives')!;
    const reply = reminderReply(fixture, event, { now: new Date('2025-05-20T09:00:00Z'), timeZone: 'UTC', subscribedLeadDays: [30] });
    const [happens, stake] = reply.sections.map((s) => s.claims[0]!);
    const sourceOf = (n: number) => reply.citations.find((c) => c.n === n)!;
    expect(happens!.citations.map((n) => sourceOf(n).sourceId)).toEqual(['sample-doc', 'sample-record']);
    expect(stake!.text).toBe('Whether the depot and bridge are guarded before the rains end.');
    expect(stake!.citations.map((n) => sourceOf(n))).toEqual([
      expect.objectContaining({ sourceId: 'sample-doc', quote: 'would arrive before the rainy season ends' }),
    ]);
  });

  it('cites, for the MSS authorization ending, only what its stake line rests on', () => {
    const event = milestone('ev-mss-authorization-ends');
    const reply = reminderReply(knowledge, event, { now: new Date('2025-09-25T09:00:00Z'), timeZone: 'UTC', subscribedLeadDays: [7] });
    const stake = reply.sections[1]!.claims[0]!;
    const cited = stake.citations.map((n) => reply.citations.find((c) => c.n === n)!);
    const key = (c: { source: string; quote?: string | undefined }) => `${c.source}|${c.quote ?? ''}`;
    expect(cited.map((c) => `${c.sourceId}|${c.quote ?? ''}`)).toEqual(event.stakeCite!.map(key));
  });
});

describe('the Gang Suppression Force\'s initial authorization', () => {
  const gsf = () => milestone('ev-gsf-initial-authorization-ends');

  it('is a milestone of honest precision: the month twelve months after resolution 2793, said to be derived', () => {
    expect(gsf()).toMatchObject({ date: '2026-09', precision: 'month', kind: 'expiry', stakeCite: [{ source: 'unsc-res-2793' }] });
    expect(gsf().text).toMatch(/30 September 2025/);
    expect(gsf().text).toMatch(/derive/);
    const reply = reminderReply(knowledge, gsf(), { now: new Date('2026-08-02T09:00:00Z'), timeZone: 'UTC', subscribedLeadDays: [30] });
    expect(reply.intro?.[0]).toBe('When: September 2026 (the sources give only the month; it begins in 30 days).');
  });

  it('once passed, has the bot say its sources do not tell whether it was renewed', async () => {
    const warning =
      "The Gang Suppression Force's initial twelve-month authorization runs out (September 2026) has passed since the newest source here (30 September 2025). The sources here do not tell whether the Security Council renewed it.";
    const before = await new BriefingEngine(knowledge, fixedClock(new Date('2026-09-15T09:00:00Z'))).answerText('dates');
    expect(before.warnings).not.toContain(warning);
    const after = await new BriefingEngine(knowledge, fixedClock(new Date('2026-10-05T09:00:00Z'))).answerText('dates');
    expect(after.warnings).toContain(warning);
    expect(renderText(after)).toContain(`Warning: ${warning}`);
  });
});
