import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../../src/core/engine.js';
import { parseKnowledge } from '../../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../../src/core/knowledge/read-knowledge.js';
import { fixedClock } from '../../../src/core/ports.js';
import { renderAdaptiveCard } from '../../../src/render/adaptive-card.js';
import { renderBlockKit } from '../../../src/render/block-kit.js';
import { renderText } from '../../../src/render/text.js';
import { editedFixture, FIXTURE_CORPUS } from '../../doubles/fixture-kb.js';

/** The fixture with its "Size" claim said as the gazette's report, and its disagreement as an official's statement. */
function knowledgeWithViews() {
  const files = editedFixture({
    'status.yaml': (t) =>
      t
        .replace('          text: About 300 officers were expected.', '          text: The gazette reports that about 300 officers were expected.\n          says: report')
        .replace('            text: The record gives an exact figure.', '            text: An official said the record gives an exact figure.\n            says: official'),
  });
  const result = parseKnowledge(files, readCorpus(FIXTURE_CORPUS) ?? undefined);
  if (!result.knowledge) throw new Error(JSON.stringify(result.problems));
  return result.knowledge;
}

describe('whose view a statement is, as the reader sees it', () => {
  it('carries `says` on the reply statement and labels it in every renderer, facts left unlabelled', async () => {
    const engine = new BriefingEngine(knowledgeWithViews(), fixedClock(new Date('2025-05-01T00:00:00Z')));
    const reply = await engine.answerText('status');
    const claims = reply.sections.flatMap((s) => s.claims);
    const size = claims.find((c) => c.label === 'Size')!;
    expect(size.says).toBe('report');
    expect(size.disagreement?.says).toBe('official');
    expect(claims.find((c) => c.label === 'Mandate')?.says).toBeUndefined();

    const text = renderText(reply);
    expect(text).toContain('Size: The gazette reports that about 300 officers were expected. (as reported) [');
    expect(text).toContain('Sources differ: An official said the record gives an exact figure. (official statement) [');
    expect(text).toMatch(/Mandate: The council sent a small police team[^\n(]*\. (\[\d+\])+\n/);

    const slack = JSON.stringify(renderBlockKit(reply));
    expect(slack).toContain('about 300 officers were expected. (as reported)');
    expect(slack).toContain('gives an exact figure. (official statement)');
    const card = JSON.stringify(renderAdaptiveCard(reply));
    expect(card).toContain('(as reported)');
    expect(card).toContain('(official statement)');
  });
});

describe('the dates listing', () => {
  it('keeps an upcoming event\'s description and lists a past one by date and title, so the timeline fits one message', async () => {
    const files = editedFixture({
      'timeline.yaml': (t) =>
        t
          .replace('    title: The council decides to send a team\n', '    title: The council decides to send a team\n    text: The decision came after a long debate.\n')
          .replace('    title: The police team is due to arrive\n', '    title: The police team is due to arrive\n    text: It is to guard the depot first.\n'),
    });
    const knowledge = parseKnowledge(files, readCorpus(FIXTURE_CORPUS) ?? undefined).knowledge!;
    const reply = await new BriefingEngine(knowledge, fixedClock(new Date('2025-04-01T00:00:00Z'))).answerText('dates');
    const section = (heading: string) => reply.sections.find((s) => s.heading === heading)?.claims.map((c) => c.text);
    expect(section('Upcoming')).toEqual(['The police team is due to arrive. It is to guard the depot first.']);
    expect(section('Past')).toEqual(['The council decides to send a team.']);
  });
});
