import { describe, expect, it } from 'vitest';
import { formatProblem, parseKnowledge, type Problem } from '../../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../../src/core/knowledge/read-knowledge.js';
import { editedFixture, FIXTURE_CORPUS, fixtureTexts } from '../../doubles/fixture-kb.js';

const corpus = readCorpus(FIXTURE_CORPUS) ?? undefined;

/** The 1-based line of the first line containing `needle` in the edited file. */
function lineOf(files: ReturnType<typeof fixtureTexts>, file: string, needle: string): number {
  const text = files.find((f) => f.name.endsWith(`/${file}`))?.text ?? '';
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
  return index + 1;
}

function check(edits: Record<string, (t: string) => string>): { problems: Problem[]; files: ReturnType<typeof fixtureTexts> } {
  const files = editedFixture(edits);
  return { problems: parseKnowledge(files, corpus).problems, files };
}

function only(problems: Problem[]): Problem {
  expect(problems.map(formatProblem)).toHaveLength(1);
  return problems[0]!;
}

describe('checking the knowledge base', () => {
  it('accepts the fixture knowledge base', () => {
    expect(parseKnowledge(fixtureTexts(), corpus).problems).toEqual([]);
  });

  it('reports YAML syntax errors with their file and line', () => {
    const { problems } = check({ 'facts.yaml': (t) => t.replace('tags: [fuel, depot, guard]', 'tags: [fuel, depot, guard') });
    const p = problems[0]!;
    expect(p.file).toBe('tests/fixtures/knowledge/facts.yaml');
    expect(p.message).toMatch(/^YAML: /);
    expect(p.line).toBeGreaterThanOrEqual(4);
  });

  it('reports a missing required field at the entry that lacks it', () => {
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('    text: The team\'s job includes guarding the fuel depot.\n', '') });
    const p = only(problems);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'id: fact-depot'));
    expect(p.message).toBe('facts[0].text: missing (required)');
  });

  it('reports an unknown field, naming it', () => {
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('    tags: [officers', '    tagz: [x]\n    tags: [officers') });
    const p = only(problems);
    expect(p.message).toMatch(/unknown field "tagz"/);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'id: fact-size'));
  });

  it('reports a claim without citations', () => {
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('cite: [{ source: sample-doc, quote: "guard the fuel depot" }]', 'cite: []') });
    const p = only(problems);
    expect(p.message).toMatch(/every claim cites at least one source/);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'cite: []'));
  });

  it('reports a duplicate id with where it was first used', () => {
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('id: fact-size', 'id: fact-depot') });
    const p = only(problems);
    expect(p.message).toBe(`duplicate id "fact-depot": already used at tests/fixtures/knowledge/facts.yaml:${lineOf(files, 'facts.yaml', 'id: fact-depot')}`);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'id: fact-depot') + 4);
  });

  it('reports a citation of a source that does not exist', () => {
    const { problems, files } = check({ 'timeline.yaml': (t) => t.replace('cite: [{ source: sample-record }]', 'cite: [{ source: sample-recrod }]') });
    const p = only(problems);
    expect(p.file).toBe('tests/fixtures/knowledge/timeline.yaml');
    expect(p.line).toBe(lineOf(files, 'timeline.yaml', 'sample-recrod'));
    expect(p.message).toMatch(/cites unknown source "sample-recrod"/);
  });

  it('reports dates that are not real dates of their stated precision', () => {
    const { problems, files } = check({
      'timeline.yaml': (t) => t.replace('date: "2025-02-10"', 'date: "2025-02-30"').replace('date: "2025-06"', 'date: "2025-06-01"'),
    });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [lineOf(files, 'timeline.yaml', '2025-02-30'), 'events[0].date: date "2025-02-30" is not a real day: February 2025 has 28 days'],
      [
        lineOf(files, 'timeline.yaml', '2025-06-01'),
        'events[1].date: date "2025-06-01" does not match precision "month" (it is written like a day-precision date): write it like "2025-09"',
      ],
    ]);
  });

  it('reports an unknown precision or event kind, listing the allowed values', () => {
    const { problems } = check({ 'timeline.yaml': (t) => t.replace('precision: month', 'precision: week').replace('kind: deployment', 'kind: arrival') });
    expect(problems.map((p) => p.message)).toEqual([
      'events[1].precision: must be one of "day", "month", "year"',
      expect.stringMatching(/^events\[1\]\.kind: must be one of "request", /),
    ]);
  });

  it('reports a quote longer than 25 words', () => {
    const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix';
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('quote: "about 300 officers"', `quote: "${long}"`) });
    const p = only(problems);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'twentysix'));
    expect(p.message).toMatch(/a quote may be at most 25 words/);
  });

  it('reports a quote that is not in its document', () => {
    const { problems, files } = check({ 'facts.yaml': (t) => t.replace('quote: "about 300 officers"', 'quote: "about 400 officers"') });
    const p = only(problems);
    expect(p.line).toBe(lineOf(files, 'facts.yaml', 'about 400 officers'));
    expect(p.message).toBe('quote not found in sample-doc.txt: "about 400 officers"');
  });

  it('finds quotes after folding typographic quotes, dashes, case and white space', () => {
    const { problems } = check({
      'facts.yaml': (t) => t.replace('quote: "guard the fuel depot"', `quote: 'THE "MAIN   BRIDGE" - both vital to the town''s supply'`),
    });
    expect(problems).toEqual([]);
  });

  it('skips quote verification without a corpus, but still checks everything else', () => {
    const files = editedFixture({ 'facts.yaml': (t) => t.replace('quote: "about 300 officers"', 'quote: "about 400 officers"') });
    expect(parseKnowledge(files).problems).toEqual([]);
  });

  it('reports a quote attached to a reference record, which has no text', () => {
    const { problems } = check({ 'timeline.yaml': (t) => t.replace('cite: [{ source: sample-record }]', 'cite: [{ source: sample-record, quote: "Adopted" }]') });
    expect(only(problems).message).toMatch(/reference record with no text here: cite it without a quote/);
  });

  it('reports a citation of a known-error note that does not exist', () => {
    const { problems } = check({ 'status.yaml': (t) => t.replace('note: 1', 'note: 3') });
    expect(only(problems).message).toBe('cites note 3 of "sample-doc", which has 1 note(s)');
  });

  it('reports an "about" link to an event that does not exist', () => {
    const { problems } = check({ 'status.yaml': (t) => t.replace('about: [ev-team-arrives]', 'about: [ev-team-arrive]') });
    expect(only(problems).message).toMatch(/"about" names unknown event "ev-team-arrive"/);
  });

  it('requires the briefs the commands answer with', () => {
    const { problems } = check({ 'proposals.yaml': (t) => t.replace('id: proposals', 'id: proposal-list') });
    expect(only(problems).message).toBe('no brief with id "proposals": the /haiti proposals command needs one');
  });

  it('requires every source of the corpus registry in the knowledge registry', () => {
    const files = fixtureTexts();
    const withExtra = { texts: corpus!.texts, ids: [...corpus!.ids, 'another-doc'] };
    const p = only(parseKnowledge(files, withExtra).problems);
    expect(p.file).toBe('tests/fixtures/knowledge/sources.yaml');
    expect(p.message).toMatch(/the corpus lists source "another-doc" but the registry does not/);
  });

  it('reports every problem of every file in one run, in file and line order', () => {
    const { problems } = check({
      'facts.yaml': (t) => t.replace('quote: "about 300 officers"', 'quote: "about 400 officers"'),
      'timeline.yaml': (t) => t.replace('cite: [{ source: sample-record }]', 'cite: [{ source: nowhere }]'),
      'status.yaml': (t) => t.replace('note: 1', 'note: 9'),
    });
    expect(problems.map((p) => p.file.split('/').pop())).toEqual(['facts.yaml', 'status.yaml', 'timeline.yaml']);
  });
});
