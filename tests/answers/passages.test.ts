import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { passageEntries } from '../../src/core/answers/passages.js';
import { decodeAnswerId } from '../../src/core/answers/thread-focus.js';
import { BriefingEngine } from '../../src/core/engine.js';
import { normalizeForQuote } from '../../src/core/knowledge/normalize.js';
import { readCorpus } from '../../src/core/knowledge/read-knowledge.js';
import { countWords, MAX_QUOTE_WORDS } from '../../src/core/knowledge/schema.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FIXTURE_CORPUS, FIXTURE_KB, fixtureKnowledge, SHARED_CORPUS, shippedKnowledge } from '../doubles/fixture-kb.js';

const knowledge = fixtureKnowledge();
const documents = readCorpus(FIXTURE_CORPUS)!.texts;
const clock = fixedClock(new Date('2025-10-15T09:00:00Z'));
const withDocuments = new BriefingEngine(knowledge, clock, { passages: documents });
const without = new BriefingEngine(knowledge, clock);
const claims = (reply: Reply): string[] => reply.sections.flatMap((s) => s.claims.map((c) => c.text));
const restsOn = (reply: Reply): string[] => (reply.context?.kind === 'answer' ? decodeAnswerId(reply.context.id) : []);
/** The document text a quote must be found in, folded the way the knowledge checker folds it. */
const inDocument = (quote: string, text = documents.get('sample-doc.txt')!): boolean => normalizeForQuote(text).includes(normalizeForQuote(quote));

describe('answering from the passages of the documents CORPUS_DIR names', () => {
  const question = "what is vital to the town's supply?";

  it('quotes the passage word for word, says who reported it and when, and cites exactly that extract', async () => {
    const reply = await withDocuments.answerText(question);
    expect(reply).toMatchObject({ kind: 'ask', answered: true });
    expect(claims(reply)).toHaveLength(1);
    const [, quoted] = /^Test Gazette \(April 2025\) reports: "(.+)"$/.exec(claims(reply)[0]!) ?? [];
    expect(quoted).toBeDefined();
    expect(reply.citations).toEqual([{ n: 1, sourceId: 'sample-doc', quote: quoted, url: 'https://example.org/sample-doc' }]);
    expect(reply.sections[0]!.claims[0]!.citations).toEqual([1]);
    expect(quoted).toMatch(/vital to the town.s supply/);
    expect(countWords(quoted!)).toBeLessThanOrEqual(MAX_QUOTE_WORDS);
    expect(inDocument(quoted!)).toBe(true);
    expect(reply.suggestions).toEqual(['source sample-doc']);
  });

  it('refuses the same question when no CORPUS_DIR was given: the curated facts do not cover it', async () => {
    const reply = await without.answerText(question);
    expect(reply).toMatchObject({ answered: false, citations: [], sections: [] });
  });

  it('lets the curated facts answer first when they cover the question', async () => {
    const reply = await withDocuments.answerText('what does the team guard');
    expect(reply.answered).toBe(true);
    expect(restsOn(reply)[0]).toBe('fact-depot');
    expect(restsOn(reply).some((id) => id.startsWith('sample-doc.'))).toBe(false);
  });

  it('answers from a passage only when it holds every word of the question', async () => {
    expect((await withDocuments.answerText('was it a grey morning?')).answered).toBe(true);
    expect((await withDocuments.answerText('was it a grey evening?')).answered).toBe(false);
    // A passage still needs a figure for "how many" and a date for "when".
    expect((await withDocuments.answerText('when does the rainy season end?')).answered).toBe(false);
  });

  it('works through the CLI door when CORPUS_DIR is set', async () => {
    let out = '';
    const env = { KNOWLEDGE_DIR: FIXTURE_KB, CORPUS_DIR: FIXTURE_CORPUS };
    const code = await runCli(['ask', question, '--json', '--now', '2025-10-15T09:00:00Z'], { stdout: (t) => (out += t), stderr: () => {}, env, cwd: PROJECT_ROOT });
    expect(code).toBe(0);
    const reply = JSON.parse(out) as { answered: boolean; text: string; citations: { sourceId: string; quote?: string }[] };
    expect(reply.answered).toBe(true);
    expect(reply.text).toContain('Test Gazette (April 2025) reports: "');
    expect(reply.citations).toHaveLength(1);
    expect(reply.citations[0]).toMatchObject({ sourceId: 'sample-doc' });
    expect(inDocument(reply.citations[0]!.quote!)).toBe(true);
  });

  it('takes passages only from a CORPUS_DIR the operator set, not from the default folder', () => {
    expect(loadConfig({}).passagesDir).toBeNull();
    expect(loadConfig({}).corpusDir).toBe(SHARED_CORPUS);
    expect(loadConfig({ CORPUS_DIR: FIXTURE_CORPUS }).passagesDir).toBe(FIXTURE_CORPUS);
  });
});

describe('splitting a document into passages', () => {
  // Invented text: a long sentence, an abbreviation, a quotation, a line break inside a paragraph's sentence.
  const text = [
    'Mr. Doe of the U.S. delegation spoke first. "We will send 40 engineers," he said.',
    'The plan, which the council debated for three long days in a crowded hall beside the old harbour wall, would fund new roads, a clinic, two schools and a small bridge across the river before the winter storms.',
  ].join('\n');
  const passages = passageEntries(knowledge, new Map([['sample-doc.txt', text]]));
  const quotes = passages.map((p) => p.cite[0]!.quote!);

  it('keeps a sentence whole when it is short, and does not end one at "Mr." or "U.S."', () => {
    expect(quotes[0]).toBe('Mr. Doe of the U.S. delegation spoke first.');
    expect(quotes[1]).toBe('"We will send 40 engineers," he said.');
  });

  it('cuts a long sentence into overlapping extracts of at most 25 words, marked where cut', () => {
    const long = passages.slice(2);
    expect(long.length).toBeGreaterThan(1);
    for (const p of long) expect(countWords(p.cite[0]!.quote!)).toBeLessThanOrEqual(MAX_QUOTE_WORDS);
    expect(long[0]!.text).toMatch(/^Test Gazette \(April 2025\) reports: "The plan, .*\u2026"$/);
    expect(long.at(-1)!.text).toMatch(/"\u2026.*before the winter storms\."$/);
    // Every word of the sentence is in some extract.
    expect(new Set(long.flatMap((p) => p.cite[0]!.quote!.split(' '))).size).toBe(new Set(text.split('\n')[1]!.split(' ')).size);
  });

  it('gives every extract a quote found verbatim in its document, under an id a thread context can carry', () => {
    for (const q of quotes) expect(inDocument(q, text)).toBe(true);
    for (const p of passages) expect(decodeAnswerId(`a1:${p.id}`)).toEqual([p.id]);
  });

  it.skipIf(!existsSync(SHARED_CORPUS))('holds for every passage of the shared corpus too', () => {
    const corpus = readCorpus(SHARED_CORPUS)!;
    const shipped = shippedKnowledge();
    const all = passageEntries(shipped, corpus.texts);
    expect(all.length).toBeGreaterThan(0);
    for (const p of all) {
      const quote = p.cite[0]!.quote!;
      const file = shipped.sources.get(p.cite[0]!.source)!.file!;
      expect(countWords(quote), p.id).toBeLessThanOrEqual(MAX_QUOTE_WORDS);
      expect(inDocument(quote, corpus.texts.get(file)!), p.id).toBe(true);
    }
  });
});
