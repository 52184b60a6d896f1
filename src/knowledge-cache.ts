import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Opened } from './open-knowledge.js';
import { PROJECT_ROOT } from './paths.js';

/** Where validated knowledge is kept between runs (npm's usual cache folder; never committed). */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'haiti-brief');
const FORMAT = 'opened-knowledge-1';
const KEEP = 8;
const HERE = dirname(fileURLToPath(import.meta.url));

function hashFiles(hash: ReturnType<typeof createHash>, folder: string, keep: (name: string) => boolean): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    hash.update(`missing:${folder}\0`);
    return;
  }
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) hashFiles(hash, path, keep);
    else if (keep(entry.name)) hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  }
}

/**
 * What the validated knowledge depends on: the knowledge files, the corpus quotes are verified against, the
 * folder names the summary shows, and the code that reads and checks them (any change is a new key).
 */
function cacheKey(knowledgeDir: string, corpusDir: string, base: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${process.version}\0${knowledgeDir}\0${corpusDir}\0${base}\0`);
  hashFiles(hash, knowledgeDir, () => true);
  hashFiles(hash, corpusDir, (name) => name.endsWith('.txt') || name === 'sources.json');
  hashFiles(hash, join(HERE, 'core'), (name) => /\.[jt]s$/.test(name));
  for (const name of readdirSync(HERE)) if (/^(open-knowledge|knowledge-cache|paths)\.[jt]s$/.test(name)) hash.update(readFileSync(join(HERE, name)));
  return hash.digest('hex').slice(0, 32);
}

function remember(cacheDir: string, file: string, opened: Opened): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(opened));
    renameSync(temporary, file); // atomic: a reader sees the whole file or none
    const old = readdirSync(cacheDir)
      .filter((n) => n.startsWith('knowledge-') && n.endsWith('.v8'))
      .map((n) => ({ path: join(cacheDir, n), at: statSync(join(cacheDir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at)
      .slice(KEEP);
    for (const { path } of old) unlinkSync(path);
  } catch {
    // A read-only or vanished cache folder only costs the next start the full load.
  }
}

/**
 * `openKnowledge`, remembered: valid knowledge is kept (serialized) under a key made of everything it depends
 * on, so the next start with the same files skips parsing and checking them again. Invalid knowledge is
 * never kept: its report is made afresh each time. `brief check` does not use this: it always checks.
 */
export async function openKnowledgeCached(knowledgeDir: string, corpusDir: string, base = process.cwd(), cacheDir = DEFAULT_CACHE_DIR): Promise<Opened> {
  let file: string | null = null;
  try {
    file = join(cacheDir, `knowledge-${cacheKey(knowledgeDir, corpusDir, base)}.v8`);
    if (existsSync(file)) return deserialize(readFileSync(file)) as Opened;
  } catch {
    // unreadable files or a damaged entry: load afresh (openKnowledge reports the files' problems)
  }
  // The YAML parser and the checks are loaded only when the knowledge is read afresh.
  const opened = (await import('./open-knowledge.js')).openKnowledge(knowledgeDir, corpusDir, base);
  if (opened.ok && file) remember(cacheDir, file, opened);
  return opened;
}
