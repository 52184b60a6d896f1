import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseKnowledge, type Knowledge, type KnowledgeText } from '../../src/core/knowledge/parse-knowledge.js';
import { readCorpus, readKnowledgeTexts } from '../../src/core/knowledge/read-knowledge.js';
import { DEFAULT_CORPUS_DIR, DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../../src/paths.js';

export const FIXTURE_KB = resolve(PROJECT_ROOT, 'tests/fixtures/knowledge');
export const FIXTURE_CORPUS = resolve(PROJECT_ROOT, 'tests/fixtures/corpus');
export const SHIPPED_KB = DEFAULT_KNOWLEDGE_DIR;
export const SHARED_CORPUS = DEFAULT_CORPUS_DIR;

/** The fixture knowledge base's files, named as `brief check` names them from the project root. */
export function fixtureTexts(): KnowledgeText[] {
  return readKnowledgeTexts(FIXTURE_KB, PROJECT_ROOT);
}

/** The fixture files with some of them rewritten (by file base name, e.g. "facts.yaml"). */
export function editedFixture(edits: Record<string, (text: string) => string>): KnowledgeText[] {
  return fixtureTexts().map((f) => {
    const edit = Object.entries(edits).find(([name]) => f.name.endsWith(`/${name}`))?.[1];
    return edit ? { ...f, text: edit(f.text) } : f;
  });
}

/** A temporary copy of the fixture knowledge base, edited, for tests that go through files and processes. */
export function fixtureDir(edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'haiti-kb-'));
  cpSync(FIXTURE_KB, dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const path = join(dir, name);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  return dir;
}

export function fixtureKnowledge(): Knowledge {
  const result = parseKnowledge(fixtureTexts(), readCorpus(FIXTURE_CORPUS) ?? undefined);
  if (!result.knowledge) throw new Error(`fixture knowledge is invalid: ${JSON.stringify(result.problems)}`);
  return result.knowledge;
}

/** The shipped knowledge base, verified against the shared corpus when it is there. */
export function shippedKnowledge(): Knowledge {
  const result = parseKnowledge(readKnowledgeTexts(SHIPPED_KB, PROJECT_ROOT), readCorpus(SHARED_CORPUS) ?? undefined);
  if (!result.knowledge) throw new Error(`shipped knowledge is invalid: ${JSON.stringify(result.problems)}`);
  return result.knowledge;
}
