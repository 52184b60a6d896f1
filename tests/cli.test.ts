import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { FIXTURE_CORPUS, fixtureDir, SHARED_CORPUS } from './doubles/fixture-kb.js';
import { runProcess } from './doubles/run-process.js';

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd: PROJECT_ROOT });
  return { code, out, err };
}

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const { code, out } = await cli([...argv, '--json']);
  expect(code).toBe(0);
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('the brief command line', async () => {
  it.each([
    ['status', 'status'],
    ['proposals', 'proposals'],
    ['dates', 'dates'],
    ['timeline', 'dates'],
    ['sources', 'sources'],
    ['source unsc-res-2751', 'source'],
    ['ask who is the MSS spokesperson?', 'ask'],
    ['help', 'help'],
  ])('answers "%s" with citations in one JSON object', async (words, kind) => {
    const reply = await json([...words.split(' '), '--now', '2025-06-01T00:00:00Z']);
    expect(reply).toMatchObject({ kind, answered: true });
    expect(typeof reply.text).toBe('string');
    expect(Array.isArray(reply.warnings)).toBe(true);
    if (kind === 'help') expect(reply.asOf).toBeNull();
    else expect(reply.asOf).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    const citations = reply.citations as { n: number; sourceId: string; quote?: string; url?: string }[];
    if (kind !== 'help' && kind !== 'sources') expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) {
      expect(Number.isInteger(c.n)).toBe(true);
      expect(typeof c.sourceId).toBe('string');
    }
  });

  it('prints the plain-text rendering without --json', async () => {
    const { code, out } = await cli(['status', '--now', '2025-06-01T00:00:00Z']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Haiti's security mission/);
    expect(out).toContain('As of 30 September 2025 (newest source).');
    expect(out).toMatch(/\[1\]/);
    expect(out).toContain('Every section, with quotes: status full');
    expect(out).not.toContain('/haiti');
  });

  it('uses --now as the clock', async () => {
    const early = await json(['dates', '--now', '2024-01-01T00:00:00Z']);
    const late = await json(['dates', '--now=2026-11-21T09:00:00+01:00']);
    const headings = (r: Record<string, unknown>): string[] => (r.sections as { heading: string }[]).map((s) => s.heading);
    expect(headings(early)).toEqual(['Ahead', 'The last twelve months']);
    expect(headings(late)).toEqual(['Ahead']);
    expect(late.warnings).toEqual([expect.stringContaining('These sources end on 30 September 2025, 13 months ago')]);
  });

  it('says when the sources hold no answer', async () => {
    expect(await json(['ask', 'what is the capital of Peru?'])).toMatchObject({ kind: 'ask', answered: false, citations: [] });
  });

  it('answers bad command words with help, as kind "error"', async () => {
    expect(await json(['staus'])).toMatchObject({ kind: 'error', answered: false, suggestions: ['status'] });
    expect(await json(['remind', 'on', '-5'])).toMatchObject({ kind: 'error', answered: false });
  });

  it.each([
    [['status', '--jsn'], 'Unknown option "--jsn".'],
    [['status', '--now'], '--now needs a value.'],
    [['status', '--now', 'yesterday'], '--now wants an ISO-8601 instant like 2025-09-01T09:00:00Z'],
    [['status', '--now', '2025-09-01T09:00:00'], '--now wants an ISO-8601 instant'],
    [['status', '--now', '2025-02-30'], '--now wants an ISO-8601 instant'],
    [['status', '--corpus', '/tmp'], '--corpus goes with "check".'],
  ])('refuses %j with a clear error and exit status 2', async (argv, message) => {
    const { code, out, err } = await cli(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain('Usage:');
  });

  it.skipIf(!existsSync(SHARED_CORPUS))('checks the shipped knowledge base against the corpus', async () => {
    const { code, out } = await cli(['check', '--corpus', SHARED_CORPUS]);
    expect(out).toMatch(/OK: no problems found/);
    expect(out).toContain('Quotes verified against');
    expect(code).toBe(0);
  });

  it('says quote verification was skipped when there is no corpus', async () => {
    const { code, out } = await cli(['check'], { CORPUS_DIR: '/nonexistent/corpus' });
    expect(code).toBe(0);
    expect(out).toContain('Quote verification skipped: no corpus at /nonexistent/corpus');
  });

  it('reports every problem as file:line: message and exits 1', async () => {
    const dir = fixtureDir({
      'facts.yaml': (t) => t.replace('quote: "about 300 officers"', 'quote: "about 400 officers"'),
      'timeline.yaml': (t) => t.replace('date: "2025-02-10"', 'date: "2025-02-30"'),
    });
    const { code, out } = await cli(['check', '--corpus', FIXTURE_CORPUS], { KNOWLEDGE_DIR: dir });
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/facts\.yaml:\d+: quote not found in sample-doc\.txt: "about 400 officers"$/);
    expect(lines[1]).toMatch(/timeline\.yaml:\d+: events\[0\]\.date: date "2025-02-30" is not a real day/);
    expect(lines[2]).toMatch(/^2 problem\(s\) in the knowledge base /);
  });

  it('refuses to answer from an invalid knowledge base, with the same messages', async () => {
    const dir = fixtureDir({ 'facts.yaml': (t) => t.replace('id: fact-size', 'id: fact-depot') });
    const { code, err } = await cli(['status'], { KNOWLEDGE_DIR: dir });
    expect(code).toBe(1);
    expect(err).toMatch(/facts\.yaml:\d+: duplicate id "fact-depot"/);
  });

  it('runs through npm as the README says', async () => {
    const result = await runProcess('npm', ['run', '--silent', 'brief', '--', 'status', '--json', '--now', '2025-06-01T00:00:00Z']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'status', answered: true });
    const bad = await runProcess('npm', ['run', '--silent', 'brief', '--', 'status', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown option "--bogus".');
  });
});
