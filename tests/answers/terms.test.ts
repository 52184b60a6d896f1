import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../src/core/answers/candidates.js';
import { questionShape } from '../../src/core/answers/question.js';
import type { Statement } from '../../src/core/answers/statements.js';
import { normalise, RELATED_WEIGHT, stem, TermPipeline } from '../../src/core/answers/terms.js';
import { WordNet } from '../../src/core/answers/wordnet.js';

const pipeline = new TermPipeline([
  { terms: ['MSS', 'Multinational Security Support', 'Kenyan-led mission'] },
  { terms: ['United States', 'America', 'Washington'], matchCase: ['US'] },
  { terms: ['money', 'funding', 'pay'] },
]);
const own = (text: string): string[] => pipeline.units(text).map((u) => u.terms[0]!.term);

describe('the term pipeline (the same for statements and questions)', () => {
  it('writes numbers the same whether in digits or in words, but not a lone "one"', () => {
    expect(own('about 1,000 personnel')).toEqual(own('about one thousand personnel'));
    expect(own('five thousand five hundred and fifty')).toEqual(['5550']);
    expect(own('a hundred officers')[0]).toBe('100');
    expect(own('phases two and three')).toEqual([...own('phases'), '2', '3']);
    expect(normalise('which one is it')).toBe('which one is it');
    // Millions as the documents write them: "a hundred million" meets "$100 million".
    expect(own('a hundred million fund')).toEqual(own('$100 million fund'));
    expect(normalise('six hundred million and $600 million')).toBe('600 million and $600 million');
    expect(own('5,550 personnel')).toEqual(own('5550 personnel'));
  });

  it("drops contractions' endings and writes a month's short name in full only beside a number", () => {
    expect(normalise("I've seen they'd gone")).toBe('I seen they gone');
    // "won't" is "will not", so that "won" stays a word of its own ("who won the election").
    expect(normalise("they won't stay")).toBe('they will not stay');
    expect(own('who won the election')).toContain('won');
    expect(normalise('in Feb 2025 and 5 oct. 2022')).toBe('in February 2025 and 5 October 2022');
    expect(normalise('mar the may plan')).toBe('mar the may plan');
  });

  it('folds case and accents, drops stop words and stems with Porter', () => {
    expect(own('Jovenel Moïse')).toEqual(own('jovenel moise'));
    expect(own('What is the deal with the officers?')).toEqual(['deal', 'offic']);
    expect(own('did the officers themselves say so')).toEqual(own('did the officers say so'));
    expect(own('officers')).toEqual(own('officer'));
    expect(own('proposed')).toEqual(own('proposal'));
    // Porter ends "deployed" in "deploi" but "deployment" in "deploy": the two are one stem.
    expect(own('deployed')).toEqual(own('deployment'));
    expect(own('employed')).toEqual(own('employment'));
  });

  it("reads an irregular verb form (WordNet's exception list) also as its verb: fully, weighing less when the form is a word of its own, not at all when it is first a noun", () => {
    const wordnet = WordNet.shared();
    const withBase = new TermPipeline([], (word) => wordnet.base(word), (word) => wordnet.senses(word) > 0);
    expect(withBase.units('Rubio told the senators')[1]!.terms).toEqual([{ term: 'told', weight: 1 }, { term: 'tell', weight: 1 }]);
    expect(withBase.units('the waiver unfroze aid')[1]!.terms).toEqual([{ term: 'unfroz', weight: 1 }, { term: 'unfreez', weight: 1 }]);
    // "Paid" is also an adjective: "how much are they paid" is about paying, but not only.
    expect(withBase.units('they were paid')[0]!.terms).toEqual([{ term: 'paid', weight: 1 }, { term: 'pai', weight: RELATED_WEIGHT }]);
    // "wound" is first a noun (an injury), not the past of "wind"; a regular form needs no list.
    expect(withBase.units('wound')[0]!.terms).toEqual([{ term: 'wound', weight: 1 }]);
    expect(withBase.units('injured')[0]!.terms).toEqual([{ term: 'injur', weight: 1 }]);
    // Without the lexicon, a form is only itself.
    expect(pipeline.units('told')[0]!.terms).toEqual([{ term: 'told', weight: 1 }]);
  });

  it('reads a name under any of its names as its group, and a plain synonym as itself and, weighing less, its group', () => {
    expect(own('who pays for the Kenyan-led mission')).toEqual(['pai', '=mss']);
    expect(own('multinational security support')).toEqual(['=mss']);
    expect(pipeline.units('funding')[0]!.terms).toEqual([{ term: 'fund', weight: 1 }, { term: '=money', weight: 0.6 }]);
  });

  it('matches terms listed as written only in that case', () => {
    expect(own('did US officials pay')).toContain('=united_states');
    expect(own('tell us more')).not.toContain('=united_states');
  });

  it('reads a question\'s unknown word as the statements\' word it is a typo of, but never a real word', () => {
    pipeline.read('Washington committed money');
    const known = (w: string): boolean => WordNet.shared().senses(w) > 0;
    expect(own('washingotn').length).toBe(1);
    expect(pipeline.units('washingotn', known).map((u) => u.terms[0]!.term)).toEqual(['=united_states']);
    expect(pipeline.units('comit', known).map((u) => u.terms[0]!.term)).toEqual(['commit']);
    // "weather" is a word of its own, not a typo of anything the statements say.
    expect(pipeline.units('weather', known).map((u) => u.terms[0]!.term)).toEqual(['weather']);
  });
});

describe('WordNet as the lexical resource', () => {
  const wordnet = WordNet.shared();

  it('counts senses: a general word has many, a specific one few, an unknown one none', () => {
    expect(wordnet.senses('care')).toBeGreaterThan(wordnet.senses('cholera'));
    expect(wordnet.senses('cholera')).toBeGreaterThan(0);
    expect(wordnet.senses('officers')).toBeGreaterThan(0);
    expect(wordnet.senses('kabiru')).toBe(0);
  });

  it('tells a word that is mostly an adverb ("rather", "beyond"), which weighs half in what a question asks', () => {
    expect(wordnet.adverb('rather')).toBe(true);
    expect(wordnet.adverb('beyond')).toBe(true);
    expect(wordnet.adverb('mission')).toBe(false);
    expect(wordnet.adverb('quickly')).toBe(true);
    expect(wordnet.adverb('deployed')).toBe(false);
  });

  it('tells a word that is mostly a noun ("state", "town") from one mostly a verb ("sees", "opened"), which names no place', () => {
    for (const w of ['state', 'town', 'end', 'source']) expect(wordnet.noun(w), w).toBe(true);
    for (const w of ['sees', 'see', 'opened']) expect(wordnet.noun(w), w).toBe(false);
  });

  it('tells a name ("Kenya", written capitalised in WordNet) from a common noun, so "what Kenya said" asks for no place', () => {
    expect(wordnet.nounKind('kenya')[0]).toBe('place');
    expect(wordnet.nounKind('kenya', true)).toEqual([]);
    expect(wordnet.nounKind('country', true)).toEqual(wordnet.nounKind('country'));
    const shape = (q: string) => questionShape(q, (w) => wordnet.nounKind(w, true), (w) => wordnet.base(w) !== w);
    expect(shape('what kenya said about the extension').wants).toBeNull();
    expect(shape('which country leads the mss')).toMatchObject({ wants: 'name', kind: 'country' });
    expect(shape('what town was attacked')).toMatchObject({ wants: 'place', kind: 'town' });
  });

  it('relates a question\'s word to the statements\' words that share one of its common senses', () => {
    const related = wordnet.relations(new Set(['start', 'injur', 'lead']));
    expect(related.get('begin')).toContain('start');
    expect(wordnet.lemmas('authorized')).toContain('authorize');
    expect(related.get('hurt')).toContain('injur');
    expect(related.get('run')).toContain('lead');
    expect(related.get('cholera')).toBeUndefined();
  });

  it('relates words under the stems the pipeline gives them ("promise" reads as "promize", as questions and statements do)', () => {
    const related = wordnet.relations(new Set([stem('promised')]));
    expect(related.get('assure')).toContain(stem('promised'));
    expect(related.get('anticipate')).toContain(stem('promised'));
  });

  it('lets a statement worded differently answer, weighing the relation less than the word itself', () => {
    const statement = (id: string, text: string): Statement => ({ id, kind: 'fact', text, fields: { asks: '', text, label: '' }, cite: [{ source: 's' }] });
    const index = new CandidateIndex([statement('a', 'The mission started in 2004.'), statement('b', 'The mission begins in 2004.')], pipeline, wordnet);
    const found = index.find({ units: pipeline.units('when did the mission begin') });
    expect(found.map((c) => c.statement.id)).toEqual(['b', 'a']);
    expect(found[1]!.coverage).toBeGreaterThan(0.5);
    expect(found[1]!.score).toBeLessThan(found[0]!.score);
  });
});
