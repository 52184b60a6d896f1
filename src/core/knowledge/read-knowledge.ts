import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { DRAFTS_FOLDER, LOCAL_CORPUS_FOLDER } from './folders.js';
import { parseKnowledge, type Corpus, type KnowledgeText, type ParseResult } from './parse-knowledge.js';

/** A path as messages show it: relative to `base` when inside or beside it, else as given. */
export function displayPath(base: string, path: string): string {
  const rel = relative(base, path);
  return rel === '' || rel.startsWith('../..') || isAbsolute(rel) ? path : rel;
}

/** The knowledge folder's subfolder of drafts (never loaded) and of the curator's own documents. */
export { DRAFTS_FOLDER, LOCAL_CORPUS_FOLDER };

/** Reads every `*.yaml` file below `dir` (but not in its `drafts/`), named relative to `base` (so messages read `briefs/status.yaml`). */
export function readKnowledgeTexts(dir: string, base: string = process.cwd()): KnowledgeText[] {
  const out: KnowledgeText[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      // Drafts are the curator's work in progress (brief draft / brief accept): never loaded.
      if (statSync(path).isDirectory()) {
        if (!(folder === dir && entry === DRAFTS_FOLDER)) walk(path);
      }
      else if (/\.ya?ml$/.test(entry)) out.push({ name: displayPath(base, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/**
 * Reads a corpus folder: its `*.txt` documents and the ids listed in its `sources.json`.
 * Returns null when the folder does not exist.
 */
export function readCorpus(dir: string): Corpus | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const texts = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    if (entry.endsWith('.txt')) texts.set(entry, readFileSync(join(dir, entry), 'utf8'));
  }
  const ids: string[] = [];
  const registry = join(dir, 'sources.json');
  if (existsSync(registry)) {
    const json = JSON.parse(readFileSync(registry, 'utf8')) as { documents?: { id: string }[]; references?: { id: string }[] };
    for (const entry of [...(json.documents ?? []), ...(json.references ?? [])]) ids.push(entry.id);
  }
  return { texts, ids };
}

export interface LoadedKnowledge extends ParseResult {
  /** The corpus folder quotes were verified against, or null when none was found (verification skipped). */
  corpusDir: string | null;
  /** The knowledge folder's own `corpus/` (documents a curator added with `brief add-source`), when it exists. */
  localCorpusDir: string | null;
  /** The documents read from it, for whoever answers from their passages too. */
  corpus: Corpus | null;
}

/** Reads and validates the knowledge base in `dir`, verifying quotes when `corpusDir` exists. */
export function loadKnowledge(options: { dir: string; corpusDir?: string | undefined; base?: string }): LoadedKnowledge {
  const shared = options.corpusDir ? readCorpus(options.corpusDir) : null;
  if (!existsSync(options.dir)) {
    return {
      knowledge: null,
      problems: [{ file: options.dir, line: 1, message: 'the knowledge folder does not exist: set KNOWLEDGE_DIR or run from the project root' }],
      corpusDir: null,
      localCorpusDir: null,
      corpus: null,
    };
  }
  const localDir = join(options.dir, LOCAL_CORPUS_FOLDER);
  const local = readCorpus(localDir);
  const corpus = mergeCorpora(shared, local);
  const result = parseKnowledge(readKnowledgeTexts(options.dir, options.base), corpus ?? undefined);
  return { ...result, corpusDir: shared ? (options.corpusDir ?? null) : null, localCorpusDir: local ? localDir : null, corpus };
}

/** The shared corpus and the curator's own documents, as one; partial when only the curator's are at hand. */
export function mergeCorpora(shared: Corpus | null, local: Corpus | null): Corpus | null {
  if (!local) return shared;
  if (!shared) return { texts: local.texts, ids: local.ids, partial: true };
  return { texts: new Map([...shared.texts, ...local.texts]), ids: [...shared.ids, ...local.ids] };
}
