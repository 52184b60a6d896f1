import { describe, expect, it } from 'vitest';
import { AnswerIndex, MAX_SCORED } from '../../src/core/answers/answer-index.js';
import type { Entry } from '../../src/core/answers/entries.js';
import { IN_BACKGROUND, IN_STATEMENT, Postings } from '../../src/core/answers/postings.js';
import { tokenize } from '../../src/core/answers/tokenize.js';
import { fixtureKnowledge } from '../doubles/fixture-kb.js';

const knowledge = fixtureKnowledge();
const fact = (id: string, text: string, background?: string): Entry => ({ id, kind: 'fact', text, background, tags: '', cite: [{ source: 'sample-doc' }] });
const terms = (text: string): string[] => tokenize(text).map((t) => t.term);
const ids = (index: AnswerIndex, query: Parameters<AnswerIndex['search']>[0]): string[] => [...index.search(query)].map((h) => h.facts.entry.id);

describe('postings: which entries hold a term, and where', () => {
  it('reads a term for ascending entries the same way a set lookup would, however far it skips', () => {
    const postings = new Postings();
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const holds = new Map<number, number>();
    for (let doc = 0; doc < 5000; doc++) {
      if (random() < 0.1) {
        const where = random() < 0.7 ? IN_STATEMENT : IN_BACKGROUND;
        postings.add('t', doc, where);
        holds.set(doc, where);
      }
    }
    postings.freeze();
    expect(postings.count('t')).toBe(holds.size);
    for (const step of [1, 3, 50, 700]) {
      const cursor = postings.cursor('t');
      for (let doc = 0; doc < 5000; doc += step) expect(cursor.at(doc), `doc ${doc} step ${step}`).toBe(holds.get(doc) ?? 0);
    }
    expect(postings.docs('t', IN_STATEMENT)).toEqual([...holds].filter(([, w]) => w === IN_STATEMENT).map(([d]) => d));
    expect(postings.cursor('absent').at(3)).toBe(0);
  });
});

describe('searching only the entries that can answer', () => {
  const many = Array.from({ length: 3000 }, (_, i) =>
    fact(`e${i}`, i % 10 === 0 ? `The depot guard number ${i} was counted again at dawn by the clerk.` : `The depot guard number ${i} was counted.`),
  );
  const index = new AnswerIndex(knowledge, [...many, fact('at-bridge', 'The depot guard stands at the bridge.', 'A note on the river.')]);

  it('needs most of the question\'s weight: a rare word a common pair cannot make up for', () => {
    expect(ids(index, { terms: terms('depot guard bridge'), coverage: 0.75 })).toEqual(['at-bridge']);
  });

  it('needs every required term in the statement itself, not only in its background', () => {
    expect(ids(index, { terms: terms('depot river'), required: terms('river'), coverage: 0.75 })).toEqual([]);
    const hit = [...index.search({ terms: terms('depot river') })].find((h) => h.facts.entry.id === 'at-bridge')!;
    expect([...hit.touched].sort()).toEqual(['depot', 'river']);
    expect([...hit.matched]).toEqual(['depot']);
  });

  it(`scores at most ${MAX_SCORED} candidates, keeping those holding most of the weight, then the shortest`, () => {
    const hits = [...index.search({ terms: terms('depot guard'), coverage: 0.75 })];
    expect(hits).toHaveLength(MAX_SCORED);
    expect(hits.filter((h) => h.facts.entry.text.includes('again'))).toEqual([]);
  });

  it('applies the caller\'s tests before scoring', () => {
    const only = (f: { entry: Entry }): boolean => f.entry.id.endsWith('7');
    const found = ids(index, { terms: terms('depot'), coverage: 0.75, only, admit: (c) => c.facts.entry.id.length === 3 });
    expect(found.sort()).toEqual(['e17', 'e27', 'e37', 'e47', 'e57', 'e67', 'e77', 'e87', 'e97']);
  });
});

describe('what a statement is about, as curated, in retrieval', () => {
  const curated = { ...knowledge, synonyms: [{ terms: ['money', 'funding', 'cash'] }] };
  const score = (index: AnswerIndex, question: string): Record<string, number> => {
    const { tokens } = index.questionTerms(question);
    return Object.fromEntries([...index.search({ terms: tokens.map((t) => t.term) })].map((h) => [h.facts.entry.id, h.score]));
  };

  it('reads tags as a set: five words for money do not make a statement five times more about money', () => {
    const tagged = (id: string, tags: string[]): Entry => ({ id, kind: 'fact', text: 'The depot guard counted the crates.', tags: tags.join(' | '), cite: [{ source: 'sample-doc' }] });
    const index = new AnswerIndex(curated, [tagged('many-words', ['money', 'funding', 'cash']), tagged('one-word', ['money']), fact('other', 'The bridge is closed.')]);
    const s = score(index, 'money');
    expect(s['many-words']).toBeLessThanOrEqual(s['one-word']!);
  });

  it('reads a claim\'s section heading as its title: nearly as telling as its own words, far more than a keyword tag', () => {
    const claim = (id: string, heading: string, text: string): Entry => ({ id, kind: 'claim', text, tags: heading, cite: [{ source: 'sample-doc' }] });
    const index = new AnswerIndex(curated, [
      claim('titled', 'The depot', 'Its one drawback is that it stands far from the hill.'),
      claim('in-passing', 'The bridge', 'Its one drawback is that it stands far from the depot.'),
      claim('other-claim', 'The bridge', 'It has one benefit.'),
      { ...fact('tagged', 'Its one drawback is that it stands far from the hill.'), tags: 'depot' },
    ]);
    const s = score(index, 'depot drawback');
    expect(s['titled']).toBeGreaterThan(0.9 * s['in-passing']!);
    expect(s['titled']).toBeGreaterThan(2 * s['tagged']!);
  });
});
