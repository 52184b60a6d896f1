import { resolve } from 'node:path';
import { loadCliConfig } from '../config.js';
import { acceptDraft, openDrafts } from './accept.js';
import { addSource, type AddSourceInput } from './add-source.js';
import { writeDraft } from './draft.js';
import { CURATION_USAGE } from './curation-usage.js';

export interface CurationIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

class UsageError extends Error {}

const ADD_FLAGS = new Set(['--id', '--publisher', '--title', '--date', '--url', '--author', '--kind']);

function parseAddSource(argv: readonly string[]): AddSourceInput {
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (!ADD_FLAGS.has(flag)) throw new UsageError(`"add-source" does not take "${arg}".`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.trim() === '') throw new UsageError(`${flag} needs a value.`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice.`);
    values.set(flag, value);
  }
  if (files.length > 1) throw new UsageError(`"add-source" takes one FILE (got ${files.map((f) => `"${f}"`).join(', ')}).`);
  const missing = ['--id', '--publisher', '--title', '--date'].filter((f) => !values.has(f));
  if (missing.length > 0) throw new UsageError(`"add-source" needs ${missing.join(', ')}.`);
  const kind = values.get('--kind') ?? 'document';
  if (kind !== 'document' && kind !== 'record') throw new UsageError(`--kind is "document" or "record", not "${kind}".`);
  return {
    file: files[0],
    id: values.get('--id')!,
    publisher: values.get('--publisher')!,
    title: values.get('--title')!,
    date: values.get('--date')!,
    url: values.get('--url'),
    author: values.get('--author'),
    kind,
  };
}

function oneId(command: string, argv: readonly string[]): string {
  if (argv.length !== 1 || argv[0]?.startsWith('-')) throw new UsageError(`"${command}" takes one source id, like "brief ${command} nation-2025-05".`);
  return argv[0]!;
}

/** `brief add-source | draft | accept`. Exit status: 0 done, 1 refused (nothing changed), 2 bad usage. */
export async function runCurationCli(argv: readonly string[], io: CurationIo): Promise<number> {
  const [command = '', ...rest] = argv;
  const config = loadCliConfig(io);
  if (!config) return 2;
  try {
    if (command === 'add-source') {
      const input = parseAddSource(rest);
      // `npm run brief` runs in the project folder: a relative FILE is read from where the curator typed it.
      const env = io.env ?? process.env;
      if (input.file) input.file = resolve(env.INIT_CWD ?? io.cwd ?? process.cwd(), input.file);
      const result = addSource(config.knowledgeDir, input, { sharedCorpusDir: config.corpusDir });
      if (!result.ok) {
        io.stderr(`brief add-source: nothing was changed.\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
        return 1;
      }
      io.stdout(`${result.lines.join('\n')}\n`);
      return 0;
    }
    if (command === 'draft') {
      const id = oneId('draft', rest);
      const result = writeDraft(config.knowledgeDir, config.corpusDir, id);
      if (!result.ok) {
        io.stderr(`brief draft: ${result.problem}\n`);
        return 1;
      }
      io.stdout(`Wrote ${result.path}: ${result.events} candidate event(s) and ${result.facts} candidate fact(s). Write the items worth keeping in our own words, then: brief accept ${id}\n`);
      return 0;
    }
    const id = oneId('accept', rest);
    const result = acceptDraft(config.knowledgeDir, config.corpusDir, id, io.cwd);
    if (!result.ok) {
      io.stderr(`brief accept: nothing was accepted.\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    io.stdout(`${result.lines.join('\n')}\n`);
    return result.refused.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`brief: ${error.message}\nUsage:\n${CURATION_USAGE}\n`);
    return 2;
  }
}

/** The lines `brief check` adds about drafts still open (they are never loaded). */
export function openDraftLines(knowledgeDir: string): string[] {
  return openDrafts(knowledgeDir).map((d) => `Open draft (not loaded): ${d.path}: ${d.written} of ${d.items} item(s) written; "brief accept ${d.path.replace(/^.*[\\/]|\.ya?ml$/g, '')}" moves the written ones in.`);
}
