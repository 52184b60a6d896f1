import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkDate, type Precision } from '../core/dates.js';
import { sourceSchema } from '../core/knowledge/schema.js';
import { LOCAL_CORPUS_FOLDER, readKnowledgeTexts } from '../core/knowledge/read-knowledge.js';
import { appendToList, quoted } from './yaml-append.js';

export interface AddSourceInput {
  /** The document's plain text (required for a document, none for a record). */
  file?: string | undefined;
  id: string;
  publisher: string;
  title: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: the precision follows from it. */
  date: string;
  url?: string | undefined;
  author?: string | undefined;
  kind?: 'document' | 'record' | undefined;
}

export type AddSourceResult = { ok: true; lines: string[] } | { ok: false; problems: string[] };

/** The precision a date is written at: "2026" year, "2026-11" month, "2026-11-26" day; null for anything else. */
export function precisionOf(date: string): Precision | null {
  if (/^\d{4}$/.test(date)) return 'year';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  return null;
}

/** Every id written in the knowledge folder's files (a statement's id may not be a source's). */
function knowledgeIds(knowledgeDir: string): Set<string> {
  const ids = new Set<string>();
  for (const file of readKnowledgeTexts(knowledgeDir, knowledgeDir)) {
    for (const match of file.text.matchAll(/^\s*(?:-\s+)?id:\s*["']?([a-z0-9.-]+)["']?\s*$/gm)) ids.add(match[1] as string);
  }
  return ids;
}

/** The ids declared anywhere in the knowledge folder's registry. */
function registeredIds(sourcesText: string): Set<string> {
  const data = (parse(sourcesText) ?? {}) as { sources?: { id?: unknown }[] };
  return new Set((data.sources ?? []).map((s) => s?.id).filter((id): id is string => typeof id === 'string'));
}

/**
 * `brief add-source`: registers a source in `sources.yaml` (keeping its comments and layout) and copies the
 * document's text into the knowledge folder's `corpus/`, where `brief check` and the bot verify quotes. Every
 * problem with the metadata is reported at once and nothing is changed.
 */
export function addSource(knowledgeDir: string, input: AddSourceInput, options: { sharedCorpusDir?: string } = {}): AddSourceResult {
  const problems: string[] = [];
  const kind = input.kind ?? 'document';
  const registry = join(knowledgeDir, 'sources.yaml');
  if (!existsSync(registry)) return { ok: false, problems: [`${registry} does not exist: is KNOWLEDGE_DIR the knowledge folder?`] };
  const registryText = readFileSync(registry, 'utf8');
  let ids: Set<string>;
  try {
    ids = registeredIds(registryText);
  } catch (error) {
    return { ok: false, problems: [`${registry} is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): fix it first (brief check)`] };
  }
  if (ids.has(input.id)) problems.push(`--id: "${input.id}" is already a source in sources.yaml: choose another id`);
  else if (knowledgeIds(knowledgeDir).has(input.id)) problems.push(`--id: "${input.id}" is already the id of a statement in the knowledge: ids are unique, choose another`);

  const precision = precisionOf(input.date);
  if (!precision) problems.push(`--date: "${input.date}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (like 2026-11-26), at the precision the document gives`);
  else {
    const wrong = checkDate(input.date, precision);
    if (wrong) problems.push(`--date: ${wrong}`);
  }

  const fileName = `${input.id}.txt`;
  let text: string | null = null;
  if (kind === 'document') {
    if (!input.file) problems.push('a document needs its text: give the plain-text FILE (or --kind record for a record with no text)');
    else if (!existsSync(input.file) || !statSync(input.file).isFile()) problems.push(`FILE: "${input.file}" does not exist or is not a file`);
    else {
      text = readFileSync(input.file, 'utf8');
      if (text.trim() === '') problems.push(`FILE: "${input.file}" is empty`);
      else if (text.includes('\u0000')) problems.push(`FILE: "${input.file}" is not plain text: save the document as .txt first`);
    }
    const target = join(knowledgeDir, LOCAL_CORPUS_FOLDER, fileName);
    if (existsSync(target)) problems.push(`${target} already exists: another source has that file`);
    if (options.sharedCorpusDir && existsSync(join(options.sharedCorpusDir, fileName))) problems.push(`the shared corpus already has a document named ${fileName}: choose another id`);
  } else if (input.file) {
    problems.push('a record has no text here: drop FILE, or use --kind document');
  }

  const entry: Record<string, unknown> = {
    id: input.id,
    kind: kind === 'record' ? 'reference' : 'document',
    ...(kind === 'document' ? { file: fileName } : {}),
    publisher: input.publisher,
    title: input.title,
    ...(input.author ? { author: input.author } : {}),
    date: input.date,
    precision: precision ?? 'day',
    url: input.url ?? null,
  };
  const checked = sourceSchema.safeParse(entry);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field === 'date') continue; // reported above, in the curator's terms
      const flag = field === 'id' ? '--id' : field === 'url' ? '--url' : field === 'publisher' ? '--publisher' : field === 'title' ? '--title' : field === 'author' ? '--author' : field;
      problems.push(`${flag}: ${issue.message}`);
    }
  }
  let updated = '';
  if (problems.length === 0) {
    try {
      updated = appendToList(registryText, 'sources', [{ ...entry, date: quoted(input.date) }]);
    } catch (error) {
      problems.push(`sources.yaml: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  if (kind === 'document' && input.file) {
    mkdirSync(join(knowledgeDir, LOCAL_CORPUS_FOLDER), { recursive: true });
    copyFileSync(input.file, join(knowledgeDir, LOCAL_CORPUS_FOLDER, fileName));
  }
  writeFileSync(registry, updated);
  return {
    ok: true,
    lines: [
      `Added source "${input.id}" to ${registry}${kind === 'document' ? ` and its text to ${join(knowledgeDir, LOCAL_CORPUS_FOLDER, fileName)}` : ''}.`,
      kind === 'document' ? `Next: brief draft ${input.id}` : 'Cite it without a quote: a record has no text here.',
    ],
  };
}
