import { describe, expect, it } from 'vitest';
import { formatProblem, parseKnowledge } from '../../../src/core/knowledge/parse-knowledge.js';
import { fixtureTexts } from '../../doubles/fixture-kb.js';

const NAME = 'tests/fixtures/knowledge/asks.yaml';

/** The fixture knowledge base plus one file of facts with these asks, each citing the fixture's document (the odd ones its record). */
function check(...asks: string[][]): string[] {
  const source = (i: number): string => (i % 2 === 0 ? 'sample-doc' : 'sample-record');
  const facts = asks.map((a, i) => `  - id: asks-fact-${i}\n    text: A statement.\n    asks: ${JSON.stringify(a)}\n    cite:\n      - source: ${source(i)}\n`).join('');
  return parseKnowledge([...fixtureTexts(), { name: NAME, text: `facts:\n${facts}` }]).problems.map(formatProblem);
}

describe('checking the questions a statement answers (asks)', () => {
  it('accepts two to four one-sentence questions per statement, carried into the knowledge', () => {
    expect(check(['Who guards the depot?', 'what does the team protect'], ['When did the team arrive?', 'arrival date', 'how long ago did they come?', 'Is the team there yet?'])).toEqual([]);
    const result = parseKnowledge([...fixtureTexts(), { name: NAME, text: 'facts:\n  - id: one\n    text: A statement.\n    asks: [Who guards it?, What is guarded?]\n    cite:\n      - source: sample-doc\n' }]);
    expect(result.knowledge?.facts.find((f) => f.id === 'one')?.asks).toEqual(['Who guards it?', 'What is guarded?']);
  });

  it('reports too few or too many, an empty one, and one of more than a sentence', () => {
    expect(check(['Who guards the depot?'])).toEqual([`${NAME}:4: "asks" lists two to four questions a reader would type, not 1`]);
    expect(check(['a?', 'b?', 'c?', 'd?', 'e?'])).toEqual([`${NAME}:4: "asks" lists two to four questions a reader would type, not 5`]);
    expect(check(['Who guards the depot?', '  '])[0]).toMatch(/must not be empty/);
    expect(check(['Who guards the depot? And why is it guarded?', 'what is guarded'])).toEqual([
      `${NAME}:4: an ask is one question of one sentence: "Who guards the depot? And why is it guarded?"`,
    ]);
  });

  it('reports a question that a statement citing other sources already answers, however it is written', () => {
    expect(check(['Who guards the depot?', 'what is guarded'], ['who guards the depot', 'When did they arrive?'])).toEqual([
      `${NAME}:9: the ask "who guards the depot" is already one of the statement at ${NAME}:2, which cites other sources: each statement answers its own questions`,
    ]);
    // A brief's claim and the fact it sums up, citing the same source, may answer the same question.
    expect(check(['Who guards the depot?', 'what is guarded'], ['When did they arrive?', 'arrival date'], ['who guards the depot?', 'guarded by whom'])).toEqual([]);
  });
});
