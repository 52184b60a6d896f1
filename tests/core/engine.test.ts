import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { fixtureKnowledge, shippedKnowledge } from '../doubles/fixture-kb.js';

const shipped = shippedKnowledge();
const at = (iso: string): BriefingEngine => new BriefingEngine(shipped, fixedClock(new Date(iso)));
// After the newest shipped source: the whole knowledge is known (an earlier clock replays what was known then).
const engine = at('2025-10-15T12:00:00Z');

/** Every claim cites, every cited number exists, and the numbers run 1..n. */
function expectWellCited(reply: Reply): void {
  const numbers = reply.citations.map((c) => c.n);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  for (const section of reply.sections) {
    for (const claim of section.claims) {
      expect(claim.citations.length, claim.text).toBeGreaterThan(0);
      for (const n of [...claim.citations, ...(claim.disagreement?.citations ?? [])]) expect(numbers).toContain(n);
    }
  }
  for (const c of reply.citations) expect(reply.sources.map((s) => s.id)).toContain(c.sourceId);
}

describe('the engine on the shipped knowledge base', async () => {
  it('answers status with cited sections and the date of its newest source', async () => {
    const reply = await engine.answerText('status');
    expect(reply).toMatchObject({ kind: 'status', answered: true });
    expect(reply.sections.map((s) => s.heading)).toEqual(
      expect.arrayContaining(['What the mission is', 'Who leads and pays', 'Equipment', 'Funding']),
    );
    expectWellCited(reply);
    expect(reply.asOf).toEqual({ date: '2025-09-30', precision: 'day' });
    expect(reply.context).toEqual({ kind: 'status' });
  });

  it('says in the status brief where the sources disagree, citing both sides', async () => {
    const reply = await engine.answerText('status');
    const disputed = reply.sections.flatMap((s) => s.claims).filter((c) => c.disagreement);
    expect(disputed.length).toBeGreaterThanOrEqual(5);
    for (const claim of disputed) expect(claim.disagreement!.citations.length).toBeGreaterThan(0);
  });

  it('answers proposals with who proposed each one, what it would do and what became of it', async () => {
    const reply = await engine.answerText('proposals');
    expect(reply.kind).toBe('proposals');
    expectWellCited(reply);
    expect(reply.sections.length).toBeGreaterThanOrEqual(6);
    for (const section of reply.sections) {
      expect(section.claims.map((c) => c.label), section.heading).toEqual(expect.arrayContaining(['Proposed by', 'What it would do']));
    }
  });

  it('splits the timeline into upcoming and past relative to now', async () => {
    const reply = await at('2025-06-01T12:00:00Z').answerText('timeline');
    expect(reply.kind).toBe('dates');
    const upcoming = reply.sections.find((s) => s.heading === 'Upcoming');
    const past = reply.sections.find((s) => s.heading === 'Past');
    expect(upcoming?.claims.some((c) => c.label?.startsWith('2 October 2025'))).toBe(true);
    expect(past?.claims.some((c) => c.label?.startsWith('2 October 2023'))).toBe(true);
    expectWellCited(reply);

    const later = await at('2026-11-21T09:00:00Z').answerText('dates');
    expect(later.sections.map((s) => s.heading)).toEqual(['Past']);
    expect(later.intro?.[0]).toBe('No dated event in the sources lies ahead of 21 November 2026.');
  });

  it('warns when the newest source is more than 90 days older than now', async () => {
    const fresh = await at('2025-10-15T00:00:00Z').answerText('status');
    expect(fresh.warnings.filter((w) => w.includes('days before now'))).toEqual([]);
    const stale = await at('2026-11-21T00:00:00Z').answerText('status');
    expect(stale.warnings).toContain(
      'The newest source here is from 30 September 2025, 416 days before now: later events are not covered.',
    );
  });

  it('lists the registry with links, and one source with its known errors', async () => {
    const sources = await engine.answerText('sources');
    expect(sources.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['nation-2025-05', 'unsc-res-2751']));
    expect(sources.citations.find((c) => c.sourceId === 'nation-2025-05')?.url).toMatch(/^https:\/\/beta\.nation\.co\.ke\//);

    const one = await engine.answerText('source peoplesdispatch-2025-04-07');
    expect(one.kind).toBe('source');
    const notes = one.sections.find((s) => s.heading === 'Known errors and corrections');
    expect(notes?.claims.some((c) => c.text.includes('25 June 2024'))).toBe(true);
  });

  it('answers an unknown source id with the closest one', async () => {
    const reply = await engine.answerText('source nation-2025');
    expect(reply).toMatchObject({ kind: 'error', answered: false, suggestions: ['source nation-2025-05', 'sources'] });
  });

  it('answers an unknown command with help and the closest command', async () => {
    const reply = await engine.answerText('staus');
    expect(reply).toMatchObject({ kind: 'error', answered: false, suggestions: ['status'] });
    expect(reply.intro).toContain('Did you mean "status"? Type it after /haiti, like "/haiti status".');
  });

  it('answers a question from the facts, with citations', async () => {
    const reply = await engine.answerText('ask who is the MSS spokesperson?');
    expect(reply).toMatchObject({ kind: 'ask', answered: true });
    expect(reply.sections[0]!.claims.some((c) => c.text.includes('Ombaka'))).toBe(true);
    expectWellCited(reply);
  });

  it('says honestly when the sources do not cover a question', async () => {
    const reply = await engine.answerText('what is the population of Norway?');
    expect(reply).toMatchObject({ kind: 'ask', answered: false, citations: [], suggestions: ['status', 'proposals', 'dates'] });
  });

  it('parses remind commands and says plainly that nothing was changed yet', async () => {
    const reply = await at('2025-06-01T00:00:00Z').answerText('remind on 14,2');
    expect(reply).toMatchObject({ kind: 'remind', answered: false });
    expect(reply.intro?.[0]).toBe('You asked for reminders on, 14, 2 day(s) before each milestone. Reminders are set per channel: type this in the Slack or Teams channel that should get them. Nothing was changed here.');
    expect(reply.sections[0]?.claims.some((c) => c.label === '2 October 2025')).toBe(true);
    expect(await engine.answerText('remind on -5')).toMatchObject({ kind: 'error', title: 'Haiti Brief: remind' });
  });

  it('says how current every reply is, even help', async () => {
    for (const text of ['help', 'staus', 'what is the population of Norway?', 'remind list']) {
      expect((await engine.answerText(text)).asOf, text).toEqual({ date: '2025-09-30', precision: 'day' });
    }
  });
});

describe('staleness for a milestone the reply mentions', async () => {
  const fixture = fixtureKnowledge();
  it('warns once a mentioned milestone has passed since the newest source', async () => {
    const before = await new BriefingEngine(fixture, fixedClock(new Date('2025-06-15T00:00:00Z'))).answerText('status');
    expect(before.warnings).toEqual([]);
    const after = await new BriefingEngine(fixture, fixedClock(new Date('2025-07-01T00:00:00Z'))).answerText('status');
    expect(after.warnings).toEqual([
      'The police team is due to arrive (June 2025) has passed since the newest source here (April 2025): what followed is not covered.',
    ]);
  });
});
