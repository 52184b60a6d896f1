import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { fixtureKnowledge, shippedKnowledge } from '../doubles/fixture-kb.js';
import { knowledgeOn } from '../../src/core/news/knowledge-on.js';

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
  it('answers "what are your sources?" in a brief\'s thread with the sources, not with a statement about one source', async () => {
    const reply = await engine.answerText('what are your sources?', { thread: { kind: 'status' } });
    expect(reply.kind).toBe('sources');
    expect(reply.sections.flatMap((s) => s.claims.map((c) => c.label))).toContain('nation-2025-05');
  });

  it('answers status in short: a cited headline, at most six key points, one number per source, the full form on request', async () => {
    const reply = await engine.answerText('status');
    expect(reply).toMatchObject({ kind: 'status', answered: true });
    expect(reply.headline?.text).toMatch(/Gang Suppression Force/);
    expect(reply.headline?.citations).toEqual([1, 2]);
    expect(reply.sections.map((s) => s.heading)).toEqual(['Key points']);
    expect(reply.sections[0]!.claims.length).toBeLessThanOrEqual(6);
    expectWellCited(reply);
    expect(reply.citations.every((c) => !c.quote && !c.note)).toBe(true);
    expect(new Set(reply.citations.map((c) => c.sourceId)).size).toBe(reply.citations.length);
    expect(reply.asOf).toEqual({ date: '2025-09-30', precision: 'day' });
    expect(reply.context).toEqual({ kind: 'status' });
    expect(reply.more).toEqual([{ text: 'Every section, with quotes', command: 'status full' }]);
    expect(reply.detail).toBeUndefined();
  });

  it('gives the full status brief with "status full": every section, the newest first, quotes cited, disagreements on both sides', async () => {
    const reply = await engine.answerText('status full');
    const full = reply.detail!;
    expect(full).toMatchObject({ kind: 'status', full: true, context: { kind: 'status' } });
    expect(full.sections[0]?.heading).toBe('What changed last');
    expect(full.sections.map((s) => s.heading)).toEqual(expect.arrayContaining(['What the mission is', 'Who leads and pays', 'Equipment', 'Funding']));
    expectWellCited(full);
    expect(full.citations.some((c) => c.quote)).toBe(true);
    const disputed = full.sections.flatMap((s) => s.claims).filter((c) => c.disagreement);
    expect(disputed.length).toBeGreaterThanOrEqual(5);
    for (const claim of disputed) expect(claim.disagreement!.citations.length).toBeGreaterThan(0);
  });

  it('numbers citations in reading order: the headline first, then each key point', async () => {
    for (const text of ['status', 'proposals', 'dates']) {
      const reply = await engine.answerText(text);
      const order = [...(reply.headline?.citations ?? []), ...reply.sections.flatMap((s) => s.claims.flatMap((c) => c.citations))];
      const firsts = order.filter((n, i) => order.indexOf(n) === i);
      expect(firsts, text).toEqual(firsts.map((_, i) => i + 1));
    }
  });

  it('answers proposals leading with the arrangement in force, and in full with who proposed each one and what became of it', async () => {
    const reply = await engine.answerText('proposals full');
    expect(reply.kind).toBe('proposals');
    expect(reply.headline?.text).toMatch(/^The newest arrangement in the sources is resolution 2793/);
    expectWellCited(reply);
    const full = reply.detail!;
    expectWellCited(full);
    expect(full.sections[0]?.heading).toBe('UN support office with regional leadership (US and Panama, 2025)');
    expect(full.sections.length).toBeGreaterThanOrEqual(6);
    for (const section of full.sections) {
      expect(section.claims.map((c) => c.label), section.heading).toEqual(expect.arrayContaining(['Proposed by', 'What it would do']));
    }
  });

  it('leads the timeline with what lies ahead, then the last twelve months, then a count of earlier events', async () => {
    const reply = await at('2025-06-01T12:00:00Z').answerText('timeline');
    expect(reply.kind).toBe('dates');
    expect(reply.headline?.text).toMatch(/^Next milestone: the MSS authorization ends \(2 October 2025, in 4 months\)\. The most recent: /);
    expect(reply.sections.map((s) => s.heading)).toEqual(['Ahead', 'The last twelve months']);
    expect(reply.sections.flatMap((s) => s.claims).length).toBeLessThanOrEqual(6);
    expect(reply.sections[0]?.claims.some((c) => c.label === '2 October 2025 (in 4 months, milestone)')).toBe(true);
    expect(reply.more?.[0]).toMatchObject({ command: 'dates full' });
    expect(reply.more?.[0]?.text).toMatch(/^\d+ more events, back to 1804$/);
    expectWellCited(reply);

    const full = (await at('2025-06-01T12:00:00Z').answerText('dates full')).detail!;
    expect(full.sections.map((s) => s.heading)).toEqual(['Ahead', 'The last twelve months', 'Earlier']);
    expect(full.sections[2]?.claims.some((c) => c.label?.startsWith('2 October 2023'))).toBe(true);
    // Every event known on that day (the replay leaves out those resting only on later sources).
    expect(full.sections.flatMap((s) => s.claims)).toHaveLength(knowledgeOn(shipped, new Date('2025-06-01T12:00:00Z')).events.length);
  });

  it('says "this year" of a year-precision event whose year holds now, never past', async () => {
    const later = await at('2026-11-21T09:00:00Z').answerText('dates');
    expect(later.sections[0]?.heading).toBe('Ahead');
    expect(later.sections[0]?.claims[0]?.label).toBe('2026 (this year)');
    expect(later.headline?.text).toMatch(/^Next in the sources: Haitian elections.*\(2026, this year\)\./);
    const april = await at('2025-04-10T09:00:00Z').answerText('dates');
    expect(april.sections[0]?.claims.map((c) => c.label)).toContain('April 2025 (this month, milestone)');
    expect(april.headline?.text).toMatch(/^Next milestone: Security Council's scheduled mid-April meeting on BINUH \(April 2025, this month\)\./);
    const after = await at('2027-02-01T09:00:00Z').answerText('dates');
    expect(after.headline?.text).toMatch(/^The sources hold no milestone or other event ahead of 1 February 2027\./);
  });

  it('warns once, in one sentence, when the newest source is more than 90 days older than now', async () => {
    const fresh = await at('2025-09-30T12:00:00Z').answerText('status');
    expect(fresh.warnings).toEqual([]);
    const stale = await at('2026-11-30T00:00:00Z').answerText('status');
    expect(stale.warnings).toEqual([
      "These sources end on 30 September 2025, 14 months ago, before the milestone of 2 October 2025 (the MSS authorization ends) and 1 later one; what followed is not covered. The Gang Suppression Force's initial twelve-month authorization runs out (September 2026): the sources here do not tell whether the Security Council renewed it.",
    ]);
    const proposals = await at('2026-11-30T00:00:00Z').answerText('proposals');
    // Proposals speak of the GSF, whose first authorization has passed too.
    expect(proposals.warnings).toEqual(stale.warnings);
  });

  it('puts no warning and no as-of line on help, errors, the registry or reminder settings', async () => {
    const late = at('2026-11-30T00:00:00Z');
    for (const text of ['help', 'staus', 'sources', 'source nation-2025-05', 'remind list', 'remind on -5']) {
      expect((await late.answerText(text)).warnings, text).toEqual([]);
    }
    for (const text of ['help', 'staus']) expect((await late.answerText(text)).asOf, text).toBeNull();
  });

  it('lists the registry with links, each source once, and one source with its known errors and quotes', async () => {
    const sources = await engine.answerText('sources');
    const listed = sources.sections.flatMap((s) => s.claims.map((c) => c.label));
    expect(listed).toEqual(expect.arrayContaining(['nation-2025-05', 'unsc-res-2751']));
    expect(new Set(listed).size).toBe(listed.length);
    expect(sources.sources).toEqual([]);
    expect(sources.sections.flatMap((s) => s.claims).find((c) => c.label === 'nation-2025-05')?.text).toMatch(/https:\/\/beta\.nation\.co\.ke\//);

    const one = await engine.answerText('source peoplesdispatch-2025-04-07');
    expect(one.kind).toBe('source');
    const notes = one.sections.find((s) => s.heading === 'Known errors and corrections');
    expect(notes?.claims.some((c) => c.text.includes('25 June 2024'))).toBe(true);
    const quoted = one.sections.find((s) => s.heading === 'Quoted in our briefs and facts');
    expect(quoted?.claims.some((c) => c.text === '“Second contingent of 217 Kenyan police officers”')).toBe(true);
  });

  it('answers an unknown source id with the closest one', async () => {
    const reply = await engine.answerText('source nation-2025');
    expect(reply).toMatchObject({ kind: 'error', answered: false, suggestions: ['source nation-2025-05', 'sources'] });
  });

  it('answers an unknown command with help and the closest command', async () => {
    const reply = await engine.answerText('staus');
    expect(reply).toMatchObject({ kind: 'error', answered: false, suggestions: ['status'] });
    expect(reply.intro).toContain('Did you mean "status"? Type "status [full]".');
    const inSlack = await engine.answerText('staus', { channel: { platform: 'slack', id: 'C1' } });
    expect(inSlack.intro).toContain('Did you mean "status"? Type "/haiti status [full]".');
    const help = await engine.answerText('help', { channel: { platform: 'teams', id: '19:x' } });
    expect(JSON.stringify(help)).not.toContain('/haiti');
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

  it('says how current the replies resting on sources are', async () => {
    for (const text of ['status', 'what is the population of Norway?', 'remind list']) {
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
      'These sources end in April 2025, before the milestone of June 2025 (the police team is due to arrive); what followed is not covered.',
    ]);
  });
});
