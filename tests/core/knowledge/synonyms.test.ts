import { describe, expect, it } from 'vitest';
import { formatProblem, parseKnowledge } from '../../../src/core/knowledge/parse-knowledge.js';
import { fixtureTexts } from '../../doubles/fixture-kb.js';

const NAME = 'tests/fixtures/knowledge/synonyms.yaml';

function check(yaml: string): string[] {
  return parseKnowledge([...fixtureTexts(), { name: NAME, text: yaml }]).problems.map(formatProblem);
}

describe('checking the synonyms of the knowledge base', () => {
  it('carries valid synonym groups into the knowledge', () => {
    const result = parseKnowledge([...fixtureTexts(), { name: NAME, text: 'synonyms:\n  - terms: [MSS, Multinational Security Support]\n  - terms: [America]\n    matchCase: [US]\n' }]);
    expect(result.problems).toEqual([]);
    expect(result.knowledge?.synonyms).toEqual([{ terms: ['MSS', 'Multinational Security Support'] }, { terms: ['America'], matchCase: ['US'] }]);
  });

  it('reports a term that is in two groups, with both places', () => {
    const yaml = 'synonyms:\n  - terms: [MSS, the mission]\n  - terms: [GSF, Gang Suppression Force]\n  - terms: [The  Mission, new force]\n';
    expect(check(yaml)).toEqual([`${NAME}:4: synonym "The  Mission" is already in the group at ${NAME}:2: a term belongs to one group`]);
  });

  it('reports a group with a single term at its line', () => {
    expect(check('synonyms:\n  - terms: [MSS, Multinational Security Support]\n  - terms: [OAS]\n')).toEqual([
      `${NAME}:3: synonyms[1]: a synonym group names at least two terms for the same thing`,
    ]);
  });

  it('reports an unknown field in a group, naming it', () => {
    expect(check('synonyms:\n  - terms: [MSS, Multinational Security Support]\n    matchcase: [X]\n')).toEqual([
      `${NAME}:2: synonyms[0]: unknown field "matchcase": check its spelling against briefs/README.md`,
    ]);
  });

  it('reports an empty term', () => {
    expect(check('synonyms:\n  - terms: [MSS, ""]\n')).toEqual([`${NAME}:2: synonyms[0].terms[1]: must not be empty`]);
  });
});
