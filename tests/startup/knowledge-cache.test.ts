import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openKnowledgeCached } from '../../src/knowledge-cache.js';
import { openKnowledge, type Opened } from '../../src/open-knowledge.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures');
const temp = (name: string): string => mkdtempSync(join(tmpdir(), `haiti-${name}-`));
const entries = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.v8'));

describe('valid knowledge is remembered between runs', () => {
  it('gives what a fresh load gives, Maps and all, and reads it back from the cache on the next run', async () => {
    const cache = temp('cache');
    const knowledgeDir = join(PROJECT_ROOT, 'briefs');
    const corpusDir = join(temp('no-corpus'), 'absent'); // quote verification skipped, as on a user's machine
    const fresh = openKnowledge(knowledgeDir, corpusDir, PROJECT_ROOT);
    const first = await openKnowledgeCached(knowledgeDir, corpusDir, PROJECT_ROOT, cache);
    expect(first).toStrictEqual(fresh);
    expect(entries(cache)).toHaveLength(1);

    // Prove the second run reads the entry: mark it, and see the mark come back.
    const file = join(cache, entries(cache)[0] as string);
    const marked = deserialize(readFileSync(file)) as Opened & { ok: true };
    writeFileSync(file, serialize({ ...marked, summary: 'from the cache' }));
    const second = await openKnowledgeCached(knowledgeDir, corpusDir, PROJECT_ROOT, cache);
    expect(second.ok && second.summary).toBe('from the cache');
    expect(second.ok && second.knowledge).toStrictEqual(fresh.ok && fresh.knowledge);
  });

  it('loads afresh when a knowledge file or the corpus changes, and never keeps invalid knowledge', async () => {
    const cache = temp('cache');
    const knowledgeDir = temp('knowledge');
    cpSync(join(FIXTURES, 'knowledge'), knowledgeDir, { recursive: true });
    const corpusDir = temp('corpus');
    cpSync(join(FIXTURES, 'corpus'), corpusDir, { recursive: true });
    const before = await openKnowledgeCached(knowledgeDir, corpusDir, PROJECT_ROOT, cache);
    expect(before.ok).toBe(true);

    const yaml = readdirSync(knowledgeDir).find((n) => n.endsWith('.yaml')) as string;
    writeFileSync(join(knowledgeDir, yaml), `${readFileSync(join(knowledgeDir, yaml), 'utf8')}\n# a curator's note\n`);
    expect((await openKnowledgeCached(knowledgeDir, corpusDir, PROJECT_ROOT, cache)).ok).toBe(true);
    expect(entries(cache)).toHaveLength(2);

    const txt = readdirSync(corpusDir).find((n) => n.endsWith('.txt')) as string;
    writeFileSync(join(corpusDir, txt), 'emptied');
    const broken = await openKnowledgeCached(knowledgeDir, corpusDir, PROJECT_ROOT, cache);
    expect(broken).toStrictEqual(openKnowledge(knowledgeDir, corpusDir, PROJECT_ROOT));
    expect(broken.ok).toBe(false); // its quotes are no longer in the document
    expect(entries(cache)).toHaveLength(2);
  });
});
