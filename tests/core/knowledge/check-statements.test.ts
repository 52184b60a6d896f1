import { describe, expect, it } from 'vitest';
import { CitationBook } from '../../../src/core/citation-book.js';
import { BriefingEngine } from '../../../src/core/engine.js';
import { fixedClock } from '../../../src/core/ports.js';
import { noteLead, saysLabel } from '../../../src/core/attribution.js';
import { copyWords, documentGrams, sharedRuns } from '../../../src/core/knowledge/check-statements.js';
import { formatProblem, parseKnowledge, type Problem } from '../../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../../src/core/knowledge/read-knowledge.js';
import { runCli } from '../../../src/cli.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { editedFixture, FIXTURE_CORPUS, fixtureDir } from '../../doubles/fixture-kb.js';

const corpus = readCorpus(FIXTURE_CORPUS) ?? undefined;

function check(edits: Record<string, (t: string) => string>, withCorpus = true) {
  const files = editedFixture(edits);
  const lineOf = (file: string, needle: string): number => {
    const text = files.find((f) => f.name.endsWith(`/${file}`))?.text ?? '';
    const index = text.split('\n').findIndex((l) => l.includes(needle));
    if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
    return index + 1;
  };
  const result = parseKnowledge(files, withCorpus ? corpus : undefined);
  return { problems: result.problems, knowledge: result.knowledge, lineOf };
}

function only(problems: Problem[]): Problem {
  expect(problems.map(formatProblem)).toHaveLength(1);
  return problems[0]!;
}

/** The fixture's sample document, marked as analysis: its statements then need `says`. */
const asAnalysis = (t: string): string => t.replace('genre: news', 'genre: analysis');

describe('own words: the copy check', () => {
  const copied = 'text: The council met on a grey morning and agreed to send a small police team.';

  it('reports a statement sharing 10 or more consecutive words with a cited document, at its line, naming the words', () => {
    const { problems, lineOf } = check({ 'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", copied) });
    const p = only(problems);
    expect(p.file).toBe('tests/fixtures/knowledge/facts.yaml');
    expect(p.line).toBe(lineOf('facts.yaml', copied));
    expect(p.message).toBe(
      'fact copies 14 consecutive words of sample-doc.txt: "council met on a grey morning and agreed to send a small police team"; say it in our own words or cite it as a quote',
    );
  });

  it('folds case, punctuation, typographic quotes and dashes before comparing', () => {
    const text = 'text: “The TEAM would guard the fuel-depot and the main bridge” was the plan.';
    const { problems, lineOf } = check({ 'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", text.replace(/[“”]/g, '')) });
    const p = only(problems);
    expect(p.line).toBe(lineOf('facts.yaml', 'fuel-depot'));
    expect(p.message).toContain('"the team would guard the fuel depot and the main bridge"');
  });

  it('allows nine shared words, and an inline quotation of at most 25 words', () => {
    const nine = 'text: They met on a grey morning and agreed to send officers.';
    const quoted = 'text: The gazette wrote that the council "met on a grey morning and agreed to send a small police team".';
    expect(check({ 'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", nine) }).problems).toEqual([]);
    expect(check({ 'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", quoted) }).problems).toEqual([]);
  });

  it('checks stakes and disagreements too', () => {
    const { problems, lineOf } = check({
      'timeline.yaml': (t) => t.replace('stake: Whether the depot and bridge are guarded before the rains end.', 'stake: Officials said about 300 officers would arrive before the rainy season ends.'),
      'status.yaml': (t) => t.replace('text: The record gives an exact figure.', 'text: The council agreed to send a small police team to the harbour town.'),
    });
    expect(problems.map((p) => [p.file.split('/').pop(), p.line, p.message.split(':')[0]])).toEqual([
      ['status.yaml', lineOf('status.yaml', 'text: The council agreed'), 'disagreement copies 11 consecutive words of sample-doc.txt'],
      ['timeline.yaml', lineOf('timeline.yaml', 'stake: Officials said'), 'stake copies 12 consecutive words of sample-doc.txt'],
    ]);
  });

  it('runs only when the corpus is at hand', () => {
    expect(check({ 'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", copied) }, false).problems).toEqual([]);
  });

  it('names every shared run, longest first', () => {
    const grams = documentGrams('one two three four five six seven eight nine ten eleven. a b c d e f g h i j');
    expect(sharedRuns('One two three four five six seven eight nine ten eleven, and A b c d e f g h i j.', grams)).toEqual([
      'one two three four five six seven eight nine ten eleven',
      'a b c d e f g h i j',
    ]);
    expect(copyWords("Kenya's “lead”—role")).toEqual(['kenyas', 'lead', 'role']);
  });
});

describe('attribution: statements resting only on analysis or opinion say whose view they are', () => {
  it('reports each such statement without `says`, at its line', () => {
    const { problems, lineOf } = check({ 'sources.yaml': asAnalysis });
    const where = problems.map((p) => [p.file.split('/').pop(), p.line]);
    expect(where).toContainEqual(['facts.yaml', lineOf('facts.yaml', "text: The team's job")]);
    expect(where).toContainEqual(['proposals.yaml', lineOf('proposals.yaml', 'text: Officers would guard')]);
    const fact = problems.find((p) => p.file.endsWith('facts.yaml'))!;
    expect(fact.message).toBe(
      'fact cites only analysis or opinion (sample-doc is analysis) but has no "says": say whose view it is in the text ("the IPI analysis argues ...", "according to Peoples Dispatch ...") and add says: analysis | opinion | forecast | report | official, or cite a record that states it',
    );
    // A claim that also cites the record rests on more than analysis.
    expect(where).not.toContainEqual(['status.yaml', lineOf('status.yaml', 'text: The council sent')]);
  });

  it('asks a milestone stake for `stakeSays` and a disagreement for its own `says`', () => {
    const { problems } = check({ 'sources.yaml': asAnalysis, 'status.yaml': (t) => t.replace('note: 1', 'quote: "about 300 officers"') });
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^stake cites only analysis .* no "stakeSays"/));
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^disagreement cites only analysis .* no "disagreement.says"/));
  });

  it('accepts them once they carry `says`', () => {
    const { problems } = check({
      'sources.yaml': asAnalysis,
      'facts.yaml': (t) => t.replace(/ {4}tags:/g, '    says: analysis\n    tags:'),
      'proposals.yaml': (t) => t.replace('          cite:', '          says: analysis\n          cite:'),
      'status.yaml': (t) =>
        t
          .replace('          text: About 300 officers were expected.', '          text: About 300 officers were expected.\n          says: report')
          .replace('            text: The record gives an exact figure.', '            text: The record gives an exact figure.\n            says: report')
          .replace('note: 1', 'quote: "about 300 officers"'),
      'timeline.yaml': (t) => t.replace('    stakeCite:', '    says: forecast\n    stakeSays: forecast\n    stakeCite:'),
    });
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('reports an unknown `says` value, listing the allowed ones', () => {
    const { problems } = check({ 'facts.yaml': (t) => t.replace('    tags: [fuel', '    says: rumour\n    tags: [fuel') });
    expect(only(problems).message).toBe('facts[0].says: must be one of "analysis", "opinion", "forecast", "report", "official"');
  });
});

describe('citations of registry notes', () => {
  it('reports a note id that does not exist', () => {
    const { problems, lineOf } = check({ 'status.yaml': (t) => t.replace('note: 1', 'note: sample-size-exact') });
    const p = only(problems);
    expect(p.line).toBe(lineOf('status.yaml', 'note: sample-size-exact'));
    expect(p.message).toBe('cites note "sample-size-exact" of "sample-doc", which has no note with that id');
  });

  it('accepts a note by id when it is about the statement', () => {
    expect(check({ 'status.yaml': (t) => t.replace('note: 1', 'note: sample-size-rounded') }).problems).toEqual([]);
  });

  it('reports a note cited by a statement it is not about', () => {
    // The note is about the team's arrival; the Size claim, without that event in its `about`, is not.
    const { problems, lineOf } = check({ 'status.yaml': (t) => t.replace('          about: [ev-team-arrives]\n          cite:\n            - source: sample-doc\n              quote: "about 300', '          cite:\n            - source: sample-doc\n              quote: "about 300') });
    const p = only(problems);
    expect(p.line).toBe(lineOf('status.yaml', 'note: 1'));
    expect(p.message).toBe(
      'note 1 of "sample-doc" is about "ev-team-arrives", not this disagreement ("status-size"): cite the note about it, or add its id to the note\'s about',
    );
  });

  it('reports a note that does not say what it is about', () => {
    const { problems, lineOf } = check({
      'sources.yaml': (t) => t.replace(/ {6}- id: sample-size-rounded\n {8}kind: error\n {8}text: (.*)\n {8}about: \[ev-team-arrives\]/, '      - $1'),
    });
    const p = only(problems);
    expect(p.line).toBe(lineOf('status.yaml', 'note: 1'));
    expect(p.message).toMatch(/^note 1 of "sample-doc" does not say what it is about: .* list "status-size" in its about$/);
  });

  it('renders a date note as the source of the date, not as a known error', () => {
    const { knowledge } = check({ 'sources.yaml': (t) => t.replace('kind: error', 'kind: date') });
    const book = new CitationBook(knowledge!.sources);
    book.cite([{ source: 'sample-doc', note: 'sample-size-rounded' }]);
    const [c] = book.citations();
    expect(c).toMatchObject({ noteKind: 'date', note: "The gazette rounds the team's size; the record gives the exact figure." });
    expect(noteLead(c!.noteKind)).toBe('source of the date, from our registry');
    expect(noteLead('error')).toBe('known error noted in our registry');
  });

  it('labels a date note as one in the source listing', async () => {
    const { knowledge } = check({ 'sources.yaml': (t) => t.replace('kind: error', 'kind: date') });
    const reply = await new BriefingEngine(knowledge!, fixedClock(new Date('2025-05-01T00:00:00Z'))).answerText('source sample-doc');
    expect(reply.sections.flatMap((s) => s.claims).map((c) => c.label)).toContain('Note 1 (date)');
  });
});

describe('milestone stakes', () => {
  it('requires a milestone stake to cite what supports it alone', () => {
    const { problems, lineOf } = check({ 'timeline.yaml': (t) => t.replace(/ {4}stakeCite: .*\n/, '') });
    const p = only(problems);
    expect(p.line).toBe(lineOf('timeline.yaml', 'stake: Whether'));
    expect(p.message).toBe('milestone "ev-team-arrives" has a stake but no "stakeCite": cite what supports the stake line alone (a reminder cites it)');
  });
});

describe('the says label', () => {
  it('labels every kind of view and nothing for a fact', () => {
    expect(saysLabel(undefined)).toBeUndefined();
    expect(['analysis', 'opinion', 'forecast', 'report', 'official'].map((s) => saysLabel(s as never))).toEqual([
      'analysis',
      'opinion',
      'forecast',
      'as reported',
      'official statement',
    ]);
  });
});

describe('attribution and registry notes', () => {
  it('does not count a citation of a registry note as the document\'s view', () => {
    // The disagreement rests only on a note of the (now analysis) document: our registry, not its author.
    const { problems } = check({
      'sources.yaml': asAnalysis,
      'facts.yaml': (t) => t.replace(/ {4}tags:/g, '    says: analysis\n    tags:'),
      'proposals.yaml': (t) => t.replace('          cite:', '          says: analysis\n          cite:'),
      'status.yaml': (t) => t.replace('          text: About 300 officers were expected.', '          text: About 300 officers were expected.\n          says: report'),
      'timeline.yaml': (t) => t.replace('    stakeCite:', '    says: forecast\n    stakeSays: forecast\n    stakeCite:'),
    });
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('registry notes themselves', () => {
  it('reports an `about` naming no claim, fact or event, at its line', () => {
    const { problems, lineOf } = check({ 'sources.yaml': (t) => t.replace('about: [ev-team-arrives]', 'about: [status-sise]') });
    const p = only(problems.filter((x) => x.file.endsWith('sources.yaml')));
    expect(p.line).toBe(lineOf('sources.yaml', 'about: [status-sise]'));
    expect(p.message).toBe('note "sample-size-rounded" of "sample-doc" is about unknown id "status-sise": use the id of a claim, fact or event');
  });

  it('knows the ids of a file that failed validation, so it does not report them as unknown', () => {
    const { problems } = check({ 'status.yaml': (t) => t.replace('title: Harbour town mission at a glance', 'title: ""') });
    expect(problems.filter((p) => p.file.endsWith('sources.yaml'))).toEqual([]);
  });

  it('reports a note id used twice in one source', () => {
    const { problems } = check({
      'sources.yaml': (t) =>
        t.replace('        about: [ev-team-arrives]', '        about: [ev-team-arrives]\n      - id: sample-size-rounded\n        kind: context\n        text: Again.\n        about: [status-size]'),
    });
    expect(only(problems).message).toBe('note id "sample-size-rounded" is used twice in "sample-doc"');
  });
});

describe('brief check, through the command line', () => {
  it('reports each new kind of problem as file:line: message, exits 1, and the bot refuses to answer from it', async () => {
    const dir = fixtureDir({
      'facts.yaml': (t) => t.replace("text: The team's job includes guarding the fuel depot.", 'text: The council met on a grey morning and agreed to send a small police team.'),
      'sources.yaml': (t) => t.replace('genre: news', 'genre: opinion'),
      'timeline.yaml': (t) => t.replace(/ {4}stakeCite: .*\n/, ''),
      'status.yaml': (t) => t.replace('note: 1', 'note: no-such-note'),
    });
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s), env: { KNOWLEDGE_DIR: dir }, cwd: PROJECT_ROOT };
    expect(await runCli(['check', '--corpus', FIXTURE_CORPUS], io)).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/facts\.yaml:3: fact copies 14 consecutive words of sample-doc\.txt: "council met on a grey morning/));
    expect(lines).toContainEqual(expect.stringMatching(/facts\.yaml:3: fact cites only analysis or opinion \(sample-doc is opinion\) but has no "says"/));
    expect(lines).toContainEqual(expect.stringMatching(/status\.yaml:\d+: cites note "no-such-note" of "sample-doc", which has no note with that id$/));
    expect(lines).toContainEqual(expect.stringMatching(/timeline\.yaml:\d+: milestone "ev-team-arrives" has a stake but no "stakeCite"/));
    expect(await runCli(['status'], io)).toBe(1);
    expect(err).toMatch(/facts\.yaml:3: fact cites only analysis or opinion \(sample-doc is opinion\)/);
  });
});
