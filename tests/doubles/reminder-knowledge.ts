import { parseKnowledge, type Knowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../src/core/knowledge/read-knowledge.js';
import { editedFixture, FIXTURE_CORPUS } from './fixture-kb.js';

/**
 * The fixture knowledge base with two more milestones for reminder tests: a day-precision vote on
 * 10 November 2025 (its lead times straddle the end of daylight saving time in North America on 2 November)
 * and a day-precision review on 15 March 2026. The fixture's own milestone is month-precision: June 2025.
 */
export function reminderKnowledge(): Knowledge {
  const extra = `
  - id: ev-harbour-vote
    date: "2025-11-10"
    precision: day
    kind: meeting
    title: The council votes on the harbour mission
    text: The council decides whether the police team stays.
    milestone: true
    stake: Whether the depot stays guarded after the rains.
    stakeCite: [{ source: sample-doc, quote: "guard the fuel depot" }]
    cite: [{ source: sample-record }]
    disagreement:
      text: The gazette expects the vote a week later.
      cite: [{ source: sample-doc, quote: "would arrive before the rainy season ends" }]
  - id: ev-spring-review
    date: "2026-03-15"
    precision: day
    kind: report
    title: The spring review of the harbour mission
    milestone: true
    stake: Whether the team's numbers change.
    stakeCite: [{ source: sample-record }]
    cite: [{ source: sample-record }]
`;
  const texts = editedFixture({ 'timeline.yaml': (t) => t.trimEnd() + '\n' + extra });
  const result = parseKnowledge(texts, readCorpus(FIXTURE_CORPUS) ?? undefined);
  if (!result.knowledge) throw new Error(`reminder knowledge is invalid: ${JSON.stringify(result.problems)}`);
  return result.knowledge;
}
