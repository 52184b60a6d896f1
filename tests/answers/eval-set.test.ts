import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { loadEvalSet, runEvalSet } from './eval-set.js';

const knowledge = shippedKnowledge();
const engines = new Map<string, BriefingEngine>();
const engineAt = (iso: string): BriefingEngine => {
  const known = engines.get(iso);
  if (known) return known;
  const engine = new BriefingEngine(knowledge, fixedClock(new Date(iso)));
  engines.set(iso, engine);
  return engine;
};

describe.each([
  // Floors at the scores measured when they were last changed (95.9% and 90.5% on eval-set, 82.4% and 92.9% on
  // fresh-set, whose refusals rose from 85.7% when "who heads X" came to ask for a head); issue 10 asks for 95%
  // on eval-set.
  { file: 'tests/answers/eval-set.yaml', answered: 0.95, refused: 0.9 },
  // Written for issue 10 before the development set's failures were looked at: see the file's header.
  { file: 'tests/answers/fresh-set.yaml', answered: 0.82, refused: 0.92 },
])('the evaluation set $file', ({ file, answered, refused: minRefused }) => {
  const set = loadEvalSet(file);
  const ids = new Set([
    ...knowledge.facts.map((f) => f.id),
    ...knowledge.events.map((e) => e.id),
    ...[...knowledge.briefs.values()].flatMap((b) => b.sections.flatMap((s) => s.claims.map((c) => c.id ?? ''))),
  ]);

  it('holds at least 40 questions, at least 12 of them unanswerable, each resting on ids that exist', () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(40);
    expect(set.questions.filter((q) => q.unanswerable).length).toBeGreaterThanOrEqual(12);
    const unknown = set.questions.flatMap((q) => (q.rests_on ?? []).filter((id) => !ids.has(id)).map((id) => `${q.q}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('answers enough correctly from the right statements, and refuses enough unanswerable questions', async () => {
    const outcomes = await runEvalSet(engineAt, set);
    const answerable = outcomes.filter((o) => !o.question.unanswerable);
    const unanswerable = outcomes.filter((o) => o.question.unanswerable);
    const right = answerable.filter((o) => o.correct).length;
    const refused = unanswerable.filter((o) => o.correct).length;
    const misses = outcomes.filter((o) => !o.correct).map((o) => `  ${o.question.q} -> ${o.why}`);
    console.log(
      [
        `Follow-up answers: ${right}/${answerable.length} answerable correct with correct sources (${((100 * right) / answerable.length).toFixed(1)}%), ` +
          `${refused}/${unanswerable.length} unanswerable refused (${((100 * refused) / unanswerable.length).toFixed(1)}%).`,
        ...(misses.length ? ['Misses:', ...misses] : []),
      ].join('\n'),
    );
    // Every answer cites only what its statements cite, so each citation is used by a claim.
    for (const o of outcomes.filter((x) => x.reply.answered)) {
      const used = new Set(o.reply.sections.flatMap((s) => s.claims.flatMap((c) => [...c.citations, ...(c.disagreement?.citations ?? [])])));
      expect(o.reply.citations.map((c) => c.n).filter((n) => !used.has(n)), o.question.q).toEqual([]);
      expect(o.reply.sections.flatMap((s) => s.claims).length, o.question.q).toBeLessThanOrEqual(3);
    }
    expect(right / answerable.length).toBeGreaterThanOrEqual(answered);
    expect(refused / unanswerable.length).toBeGreaterThanOrEqual(minRefused);
  });
});

describe('unanswerable follow-ups, asked in a brief thread (tests/answers/thread-refusals.yaml)', () => {
  it('refuses at least as many as when last measured (7 of 13 before the thread rule, 6 with it, 7 with the money rule, 8 since "command" is no synonym of "lead", 9 with a thread statement needing 65%, 8 since "deployed" and "deployment" stem alike: "has the new force deployed yet?" is answered with its authorization, 9 since "who would head that office?" asks for a head, 12 since a follow-up naming its own subject needs the full share even of a thread statement, 13 since a share answers no "how many ... in total")', async () => {
    const set = loadEvalSet('tests/answers/thread-refusals.yaml');
    expect(set.questions.every((q) => q.unanswerable && q.context)).toBe(true);
    const outcomes = await runEvalSet(engineAt, set);
    const refused = outcomes.filter((o) => o.correct).length;
    console.log(`Thread refusals: ${refused}/${outcomes.length}. Answered: ${outcomes.filter((o) => !o.correct).map((o) => o.question.q).join(' | ')}`);
    expect(refused / outcomes.length).toBeGreaterThanOrEqual(13 / 13);
  });
});
