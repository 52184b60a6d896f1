import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { draftCandidates } from '../../src/curation/draft.js';
import { SHIPPED_KB } from '../doubles/fixture-kb.js';

/** A short text written for these tests (not a real article), dated Thursday 26 November 2026. */
const TEXT = `Harbour authority reviews its plan

The harbour authority met on Tuesday and approved 14 new patrol boats for the southern coast. Its budget ran out last September, and the authority expects a new budget next year. Deliveries begin on 12 January 2027, the director said.

Fishermen in Jacmel said the coast guard rarely reached their villages before the plan.
`;

let dir: string;
let kb: string;
let doc: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haiti-curation-'));
  kb = join(dir, 'briefs');
  cpSync(SHIPPED_KB, kb, { recursive: true });
  doc = join(dir, 'harbour.txt');
  writeFileSync(doc, TEXT);
});

async function brief(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { KNOWLEDGE_DIR: kb, CORPUS_DIR: join(dir, 'no-shared-corpus') } });
  return { code, out, err };
}

const ADD = ['--id', 'harbour-2026-11-26', '--publisher', 'Harbour Gazette', '--title', 'Harbour authority reviews its plan', '--date', '2026-11-26'];

describe('brief add-source', () => {
  it('registers the source at the end of sources.yaml, keeping every comment, and copies the text into the knowledge folder\'s corpus/', async () => {
    const before = readFileSync(join(kb, 'sources.yaml'), 'utf8');
    const { code, out } = await brief('add-source', doc, ...ADD, '--author', 'A. Writer', '--url', 'https://example.org/harbour');
    expect(code).toBe(0);
    expect(out).toContain('Next: brief draft harbour-2026-11-26');
    const after = readFileSync(join(kb, 'sources.yaml'), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    const entry = (parse(after) as { sources: Record<string, unknown>[] }).sources.at(-1);
    expect(entry).toEqual({
      id: 'harbour-2026-11-26', kind: 'document', file: 'harbour-2026-11-26.txt', publisher: 'Harbour Gazette', title: 'Harbour authority reviews its plan',
      author: 'A. Writer', date: '2026-11-26', precision: 'day', url: 'https://example.org/harbour',
    });
    expect(readFileSync(join(kb, 'corpus', 'harbour-2026-11-26.txt'), 'utf8')).toBe(TEXT);
    expect((await brief('check')).code).toBe(0);
  });

  it('takes a record without text, at the precision its date is written at', async () => {
    const { code } = await brief('add-source', '--kind', 'record', '--id', 'harbour-decree', '--publisher', 'Harbour Authority', '--title', 'Decree on patrols', '--date', '2026-11');
    expect(code).toBe(0);
    expect((parse(readFileSync(join(kb, 'sources.yaml'), 'utf8')) as { sources: Record<string, unknown>[] }).sources.at(-1)).toMatchObject({ kind: 'reference', date: '2026-11', precision: 'month', url: null });
    expect(existsSync(join(kb, 'corpus'))).toBe(false);
  });

  it.each([
    [['--id', 'nation-2025-05'], '"nation-2025-05" is already a source in sources.yaml'],
    [['--id', 'ev-mss-authorized'], 'is already the id of a statement'],
    [['--date', '2026-02-30'], 'is not a real day: February 2026 has 28 days'],
    [['--date', 'last week'], '"last week" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD'],
    [['--url', 'example.org'], '--url: must be a full http(s) URL'],
    [['--id', 'Bad Id'], '--id: an id is lower-case letters'],
  ])('refuses bad metadata (%j) with a clear message and changes nothing', async (override, message) => {
    const before = readFileSync(join(kb, 'sources.yaml'), 'utf8');
    const args = [...ADD];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i]!);
      if (at >= 0) args[at + 1] = override[i + 1]!;
      else args.push(override[i]!, override[i + 1]!);
    }
    const { code, err } = await brief('add-source', doc, ...args);
    expect(code).toBe(1);
    expect(err).toContain('nothing was changed');
    expect(err).toContain(message);
    expect(readFileSync(join(kb, 'sources.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(kb, 'corpus'))).toBe(false);
  });

  it('refuses a missing file and says which', async () => {
    const { code, err } = await brief('add-source', join(dir, 'nowhere.txt'), ...ADD);
    expect(code).toBe(1);
    expect(err).toContain('nowhere.txt" does not exist');
  });

  it('says what is missing from the command', async () => {
    const { code, err } = await brief('add-source', doc, '--id', 'x');
    expect(code).toBe(2);
    expect(err).toContain('"add-source" needs --publisher, --title, --date.');
  });
});

describe('brief draft', () => {
  it('resolves the text\'s dates against the document\'s own date, at the precision the text supports', () => {
    const { events, facts } = draftCandidates(
      { id: 'harbour-2026-11-26', kind: 'document', file: 'x.txt', publisher: 'p', title: 't', date: '2026-11-26', precision: 'day' },
      TEXT,
    );
    const byFound = new Map(events.map((e) => [e.found, e]));
    expect(byFound.get('on Tuesday')).toMatchObject({ date: '2026-11-24', precision: 'day' });
    expect(byFound.get('on Tuesday')!.read).toContain('a weekday, read as the nearest one to the document\'s date (26 November 2026)');
    expect(byFound.get('September')).toMatchObject({ date: '2026-09', precision: 'month' });
    expect(byFound.get('next year')).toMatchObject({ date: '2027', precision: 'year' });
    expect(byFound.get('on 12 January 2027')).toMatchObject({ date: '2027-01-12', precision: 'day' });
    for (const e of events) {
      expect(e).toMatchObject({ title: '', text: '', stake: '', asks: [], milestone: false });
      expect(e.cite[0]!.quote.split(' ').length).toBeLessThanOrEqual(25);
      expect(TEXT.replace(/\s+/g, ' ')).toContain(e.cite[0]!.quote);
    }
    expect(facts.map((f) => f.why)).toEqual(['names: Jacmel']);
    expect(facts[0]).toMatchObject({ text: '', asks: [] });
  });

  it('writes drafts/ID.yaml, which the bot never loads, and `check` lists it as open', async () => {
    await brief('add-source', doc, ...ADD);
    const drafted = await brief('draft', 'harbour-2026-11-26');
    expect(drafted.code).toBe(0);
    expect(drafted.out).toContain('candidate event(s)');
    const text = readFileSync(join(kb, 'drafts', 'harbour-2026-11-26.yaml'), 'utf8');
    expect(text).toMatch(/^# Draft from "Harbour authority reviews its plan"/);
    const check = await brief('check');
    expect(check.code).toBe(0);
    expect(check.out).toContain('Open draft (not loaded): drafts/harbour-2026-11-26.yaml: 0 of');
    // A draft is not knowledge: its empty items would be invalid statements, yet the check passes.
    expect(check.out).toContain('OK: no problems found.');
    const again = await brief('draft', 'harbour-2026-11-26');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists: finish it with "brief accept harbour-2026-11-26"');
  });

  it('says so when the source is unknown or has no text', async () => {
    expect((await brief('draft', 'nope')).err).toContain('no source "nope"');
    expect((await brief('draft', 'unsc-res-2793')).err).toContain('is a record with no text here');
  });
});

describe('brief accept', () => {
  async function drafted(): Promise<{ path: string; draft: { events: Record<string, any>[]; facts: Record<string, any>[] } }> {
    await brief('add-source', doc, ...ADD);
    await brief('draft', 'harbour-2026-11-26');
    const path = join(kb, 'drafts', 'harbour-2026-11-26.yaml');
    return { path, draft: parse(readFileSync(path, 'utf8')) };
  }

  it('moves written items into the knowledge and leaves untouched ones in the draft', async () => {
    const { path, draft } = await drafted();
    const deliveries = draft.events.find((e) => e.found === 'on 12 January 2027')!;
    Object.assign(deliveries, { title: 'First patrol boats delivered', asks: ['when do the patrol boats arrive?', 'first boat delivery date'] });
    writeFileSync(path, stringify(draft));
    const { code, out } = await brief('accept', 'harbour-2026-11-26');
    expect(code).toBe(0);
    expect(out).toContain('Accepted 1 item(s)');
    expect(readFileSync(join(kb, 'timeline.yaml'), 'utf8')).toContain('title: First patrol boats delivered');
    const left = parse(readFileSync(path, 'utf8')) as { events: unknown[]; facts: unknown[] };
    expect(left.events.length + left.facts.length).toBe(draft.events.length + draft.facts.length - 1);
    expect((await brief('check')).code).toBe(0);
    const dates = await brief('dates', '--now', '2026-12-01');
    expect(dates.out).toMatch(/Ahead\n(?: {2}- .*\n)* {2}- 12 January 2027 \(in \d+ days\): First patrol boats delivered/);
  });

  it('refuses an item still missing its asks, and one copying 10 words of its document outside a quote; nothing moves', async () => {
    const { path, draft } = await drafted();
    const timeline = readFileSync(join(kb, 'timeline.yaml'), 'utf8');
    Object.assign(draft.events.find((e) => e.found === 'on 12 January 2027')!, { title: 'First patrol boats delivered' });
    Object.assign(draft.facts[0]!, { text: 'Fishermen in Jacmel said the coast guard rarely reached their villages before the plan.', asks: ['did the coast guard reach Jacmel?', 'coast guard patrols in villages'] });
    writeFileSync(path, stringify(draft));
    const { code, err } = await brief('accept', 'harbour-2026-11-26');
    expect(code).toBe(1);
    expect(err).toContain('asks is still empty: write the questions this answers');
    expect(err).toContain('text copies the document ("fishermen in jacmel said the coast guard rarely reached their"');
    expect(readFileSync(join(kb, 'timeline.yaml'), 'utf8')).toBe(timeline);
    expect(readdirSync(join(kb, 'facts'))).not.toContain('harbour-2026-11-26.yaml');
  });

  it('refuses to accept items that would make the knowledge invalid, naming file and line', async () => {
    const { path, draft } = await drafted();
    const deliveries = draft.events.find((e) => e.found === 'on 12 January 2027')!;
    Object.assign(deliveries, { title: 'First patrol boats delivered', milestone: true, stake: 'Patrols begin.', stakeCite: deliveries.cite, asks: ['when?', 'boat deliveries start'], date: '2027-13-01' });
    writeFileSync(path, stringify(draft));
    const { code, err } = await brief('accept', 'harbour-2026-11-26');
    expect(code).toBe(1);
    expect(err).toMatch(/timeline\.yaml:\d+: events\[\d+\]\.date: date "2027-13-01"/);
    expect(err).toContain('nothing was accepted');
  });
});
