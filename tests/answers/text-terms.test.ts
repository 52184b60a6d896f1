import { describe, expect, it } from 'vitest';
import { readNumberWords } from '../../src/core/answers/number-words.js';
import { stem } from '../../src/core/answers/stem.js';
import { SynonymTable } from '../../src/core/answers/synonym-table.js';
import { tokenize } from '../../src/core/answers/tokenize.js';

const terms = (text: string): string[] => tokenize(text).map((t) => t.term);

describe('reading words the way people type them', () => {
  it('writes numbers the same whether in digits or in words', () => {
    expect(terms('about 1,000 personnel')).toEqual(terms('about one thousand personnel'));
    expect(terms('five thousand five hundred and fifty')).toEqual(['5550']);
    expect(terms('a hundred officers')[0]).toBe('100');
    expect(terms('one thousand and one')).toEqual(['1001']);
    // "and" between two numbers does not add them up.
    expect(terms('phases two and three')).toEqual([stem('phases'), '2', 'and', '3']);
    expect(terms('the four phases')).toEqual(terms('the 4 phases'));
    expect(terms('one million people').slice(0, 2)).toEqual(['1', 'million']);
    // "one" alone is not a number: "which one"
    expect(readNumberWords(['which', 'one', 'did'], 1)).toBeNull();
  });

  it('folds case, accents and plurals', () => {
    expect(terms('Jovenel Moïse')).toEqual(terms('jovenel moise'));
    for (const [a, b] of [
      ['officers', 'officer'],
      ['casualties', 'casualty'],
      ['casualtys', 'casualty'],
      ['proposed', 'proposal'],
      ['authorized', 'authorization'],
      ['deployment', 'deployed'],
      ['peacekeepers', 'peacekeeping'],
      ['capped', 'cap'],
      ['phases', 'phase'],
    ]) {
      expect(stem(a!), `${a} / ${b}`).toBe(stem(b!));
    }
    expect(stem('mission')).not.toBe(stem('missing'));
    expect(stem('author')).not.toBe(stem('authorized'));
  });

  it('marks words that open a sentence, so their capital does not make them names', () => {
    const [first, , third] = tokenize('The MSS. Kenya leads');
    expect(first).toMatchObject({ raw: 'The', opensSentence: true });
    expect(third).toMatchObject({ raw: 'Kenya', opensSentence: true });
    expect(tokenize('led by Kenya')[2]).toMatchObject({ opensSentence: false });
  });
});

describe('the synonym table', () => {
  const table = new SynonymTable([
    { terms: ['MSS', 'Multinational Security Support', 'Kenyan-led mission'] },
    { terms: ['United States', 'America', 'the US'], matchCase: ['US'] },
    { terms: ['money', 'funding', 'pay'] },
  ]);

  it('replaces the longest name in a question by its group', () => {
    const rewritten = table.rewriteQuestion(tokenize('who pays for the Kenyan-led mission')).map((t) => t.term);
    expect(rewritten).toEqual(['who', '=money', 'for', 'the', '=mss']);
    expect(table.rewriteQuestion(tokenize('multinational security support')).map((t) => t.term)).toEqual(['=mss']);
  });

  it('adds the group beside the words of a document, so both match', () => {
    const expanded = table.expandDocument(tokenize('The Multinational Security Support mission')).map((t) => t.term);
    expect(expanded).toContain('=mss');
    expect(expanded).toContain(stem('multinational'));
  });

  it('matches terms listed as written only in that case', () => {
    expect(table.rewriteQuestion(tokenize('did US officials pay')).map((t) => t.term)).toContain('=unit_stat');
    expect(table.rewriteQuestion(tokenize('tell us more')).map((t) => t.term)).not.toContain('=unit_stat');
    expect(table.rewriteQuestion(tokenize('did the us pay')).map((t) => t.term)).toContain('=unit_stat');
  });

  it('tells names (first term capitalized) from plain words', () => {
    expect(table.isName('=mss')).toBe(true);
    expect(table.isName('=money')).toBe(false);
  });
});
