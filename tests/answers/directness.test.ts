import { describe, expect, it } from 'vitest';
import { AnswerIndex } from '../../src/core/answers/answer-index.js';
import { Directness } from '../../src/core/answers/directness.js';
import type { Entry } from '../../src/core/answers/entries.js';
import { askedWith, questionShape } from '../../src/core/answers/question.js';
import { fixtureKnowledge } from '../doubles/fixture-kb.js';

const knowledge = {
  ...fixtureKnowledge(),
  synonyms: [
    { terms: ['personnel', 'officers', 'officer', 'police', 'troops'] },
    { terms: ['Kenya', 'Kenyan'] },
    { terms: ['killed', 'dead', 'death'] },
    { terms: ['oppose', 'opposes', 'opposed', 'against'] },
    { terms: ['drawback', 'drawbacks', 'downsides'] },
    { terms: ['logistics office', 'logistics package'] },
  ],
};

const fact = (id: string, text: string, more: Partial<Entry> = {}): Entry => ({
  id,
  kind: 'fact',
  text,
  tags: (more.topics ?? []).join(' | '),
  cite: [{ source: 'sample-doc' }],
  ...more,
});

/** Each statement's directness factor for the question, read the way the engine reads it. */
function factors(question: string, entries: Entry[]): Record<string, number> {
  const index = new AnswerIndex(knowledge, entries);
  const { tokens, extras } = index.questionTerms(question);
  const asking = { terms: [...new Set(tokens.map((t) => t.term))], extras, weight: (t: string) => index.weight(t) };
  const directness = new Directness(index.synonyms);
  return Object.fromEntries(entries.map((e) => [e.id, directness.factor(index.entry(e.id)!, asking, questionShape(question))]));
}

describe('how directly a statement answers what was asked', () => {
  it('puts first a statement whose tags name the question, more so when the tag names what the question asks about', () => {
    const f = factors('who opposes the plan', [
      fact('tagged-about', 'China and Russia opposed the plan.', { topics: ['who opposes'] }),
      fact('tagged-bare', 'China and Russia opposed the plan.', { topics: ['who'] }),
      fact('untagged', 'China and Russia opposed the plan.'),
    ]);
    expect(f['tagged-about']).toBeGreaterThan(f['tagged-bare']!);
    expect(f['tagged-bare']).toBeGreaterThan(f['untagged']!);
    // A tag about opposing says nothing to a question about leading.
    const g = factors('who leads the plan', [fact('tagged', 'Kenya leads the plan.', { topics: ['who opposes'] }), fact('untagged', 'Kenya leads the plan.')]);
    expect(g['tagged']).toBe(g['untagged']);
  });

  it('prefers a statement whose curated topics (a claim\'s section and label) are what was asked, not something else', () => {
    const f = factors('what are the downsides of the logistics office', [
      fact('on-topic', 'Drawbacks. It costs donors more money.', { kind: 'claim', topics: ['Logistics office', 'Drawbacks'] }),
      fact('in-passing', 'Drawbacks. Its head competes for influence with the logistics office.', { kind: 'claim', topics: ['Political office', 'Drawbacks'] }),
    ]);
    expect(f['on-topic']).toBeGreaterThan(f['in-passing']!);
  });

  it('prefers a statement that opens with what was asked about', () => {
    const f = factors('has any kenyan officer been killed', [
      fact('opens-with-it', 'Kenyan officer Samuel Kaetuai was killed in February.'),
      fact('opens-elsewhere', 'The headline speaks of the death of a Kenyan officer in February.'),
    ]);
    expect(f['opens-with-it']).toBeGreaterThan(f['opens-elsewhere']!);
  });

  it('for "how many X" prefers an actual figure next to X over a planned one, a narrowed one, a stray one and none', () => {
    const entries = [
      fact('actual', 'About 1,000 officers serve in the capital today.'),
      fact('planned', 'About 2,500 envisioned officers serve in the capital today.'),
      fact('narrowed', 'About 2 officers injured serve in the capital today.'),
      fact('stray', 'About 12 districts of the capital today have their own officers.'),
      fact('none', 'Most officers serve in the capital today.'),
    ];
    const f = factors('how many officers serve in the capital', entries);
    for (const other of ['planned', 'narrowed', 'stray', 'none']) expect(f['actual'], other).toBeGreaterThan(f[other]!);
    expect(f['stray']).toBeGreaterThan(f['none']!);
    // A word the question itself uses does not narrow the figure down.
    const g = factors('how many officers were injured', [fact('injured', 'About 2 officers injured in the capital.'), fact('other', 'About 2 officers serve in the capital.')]);
    expect(g['injured']).toBeGreaterThanOrEqual(g['other']!);
  });

  it('prefers a plain statement of fact to a plan or a forecast, unless the question asks about plans or the future', () => {
    const now = factors('who leads the force', [fact('plain', 'Kenya leads the force with its police.'), fact('would', 'Kenya would lead the force with its police.')]);
    expect(now['plain']).toBeGreaterThan(now['would']!);
    const future = factors('who will lead the force', [fact('plain', 'Kenya leads the force with its police.'), fact('would', 'Kenya would lead the force with its police.')]);
    expect(future['plain']).toBe(future['would']);
  });

  it('answers "why" with a statement that gives a reason', () => {
    const f = factors('why does kenya lead the force', [
      fact('reason', 'Kenya leads the force because of its peacekeeping record.'),
      fact('no-reason', 'Kenya leads the force, as announced in mid-2023 by its government.'),
    ]);
    expect(f['reason']).toBeGreaterThan(f['no-reason']!);
  });

  it('puts after the corrected record a statement reporting its own source\'s known error', () => {
    const f = factors('when did the officers arrive', [
      fact('record', 'Officers arrived in June 2024, the article says.', { disagreement: { text: 'Another says December.', cite: [{ source: 'other-doc', note: 1 }] } }),
      fact('error', 'Officers arrived in December 2024, the article says.', { disagreement: { text: 'They arrived in June.', cite: [{ source: 'sample-doc', note: 1 }] } }),
    ]);
    expect(f['record']).toBeGreaterThan(f['error']!);
  });

  it('puts after a full statement a fragment that says little beyond the question\'s own words', () => {
    const f = factors('what did guterres propose in his letter', [
      fact('fragment', 'Proposed by Guterres, in the same letter.'),
      fact('full', 'In his letter Guterres proposed a support office paid from the peacekeeping budget.'),
    ]);
    expect(f['full']).toBeGreaterThan(f['fragment']!);
  });
});

describe('reading what a question asks with', () => {
  it('names the question word a tag can name, and whether it asks about plans or the future', () => {
    expect(questionShape('Who opposes it?').askedWith).toBe('who');
    expect(questionShape('and whose plan was it').askedWith).toBe('who');
    expect(questionShape('how much money is there').askedWith).toBe('how many');
    expect(askedWith('what happened')).toBeNull();
    expect(questionShape('will the us keep paying').conditional).toBe(true);
    expect(questionShape('how many troops were supposed to deploy').conditional).toBe(true);
    expect(questionShape('who pays for it').conditional).toBe(false);
    // "may" is also a month: it does not make a question conditional.
    expect(questionShape('what happened in may').conditional).toBe(false);
  });
});
