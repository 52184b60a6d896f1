import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadCliConfig } from './config.js';
import { threadContextFromText } from './core/answers/thread-focus.js';
import { BriefingEngine } from './core/engine.js';
import { fixedClock, systemClock, type Clock } from './core/ports.js';
import { openKnowledgeCached } from './knowledge-cache.js';
import { openKnowledge } from './open-knowledge.js';
import type { Reply } from './core/reply.js';
import { renderJson } from './render/json.js';
import { renderText } from './render/text.js';
import type { RemindersCliIo } from './scheduler/reminders-cli.js';
import { REMINDERS_USAGE } from './scheduler/reminders-usage.js';
import { CURATION_COMMANDS, CURATION_USAGE } from './curation/curation-usage.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const USAGE = `Usage:
  brief <command words> [--json] [--now <ISO-8601 instant>]   answer a command, e.g. "brief status" or "brief ask who pays?"
  brief check [--corpus DIR] [--json]                          validate the knowledge base (and quotes, with a corpus)
${REMINDERS_USAGE}
${CURATION_USAGE}
Options:
  --json        print one JSON object instead of text
  --now <time>  answer as if it were this instant, e.g. 2025-09-01T09:00:00Z (or a date, 2025-09-01, meaning midnight UTC)
  --corpus DIR  the folder of source documents to verify quotes against (default ../shared/corpus)
  --context <c> read a follow-up question in a thread's context: status, proposals, dates, or the context id
                of an earlier answer (its --json "context.id", like a1:res-2793-ceiling)`;

interface Args {
  words: string[];
  json: boolean;
  now?: string;
  corpus?: string;
  context?: string;
}

class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--now', '--corpus', '--context']);

/** Splits argv into words and flags. A leading "-" followed by a digit is a word ("remind on -5"). */
function parseArgv(argv: readonly string[]): Args {
  const args: Args = { words: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || /^-\d/.test(arg) || arg === '-') {
      args.words.push(arg);
      continue;
    }
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--json' && inline === undefined) {
      args.json = true;
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      if (flag === '--now') args.now = value;
      else if (flag === '--context') args.context = value;
      else args.corpus = value;
    } else {
      throw new UsageError(`Unknown option "${arg}".`);
    }
  }
  return args;
}

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** Parses `--now`: an ISO-8601 instant with a zone ("Z" or an offset), or a bare date meaning midnight UTC. */
export function parseNow(value: string): Date {
  if (!instant.safeParse(value).success) {
    throw new UsageError(
      `--now wants an ISO-8601 instant like 2025-09-01T09:00:00Z (or a date like 2025-09-01); "${value}" is not one.`,
    );
  }
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now: "${value}" is not a real instant.`);
  return date;
}

/** Runs the `brief` command line; returns the exit status (0 ok, 1 invalid knowledge, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo & Pick<RemindersCliIo, 'senders' | 'store'>): Promise<number> {
  // The reminders and curation CLIs (and the store drivers, chat SDKs and date parser they may need) load only when asked for.
  if (argv[0] === 'reminders') return (await import('./scheduler/reminders-cli.js')).runRemindersCli(argv.slice(1), io);
  if (CURATION_COMMANDS.has(argv[0] ?? '')) return (await import('./curation/curation-cli.js')).runCurationCli(argv, io);
  let args: Args;
  let clock: Clock = systemClock;
  try {
    args = parseArgv(argv);
    if (args.now !== undefined) clock = fixedClock(parseNow(args.now));
    if (args.corpus !== undefined && args.words[0] !== 'check') throw new UsageError('--corpus goes with "check".');
    if (args.context !== undefined && !threadContextFromText(args.context)) {
      throw new UsageError(
        `--context wants status, proposals, dates, or an earlier answer's context id (like a1:res-2793-ceiling); "${args.context}" is none of them.`,
      );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`brief: ${error.message}\n${USAGE}\n`);
    return 2;
  }

  const config = loadCliConfig(io);
  if (!config) return 2;
  // `check` always checks afresh; answering may use the knowledge validated by an earlier run with the same files.
  const opened = await (args.words[0] === 'check' ? openKnowledge : openKnowledgeCached)(config.knowledgeDir, args.corpus ?? config.corpusDir, io.cwd);

  if (args.words[0] === 'check') {
    if (args.words.length > 1) {
      io.stderr(`brief: "check" takes no words after it (got "${args.words.slice(1).join(' ')}").\n${USAGE}\n`);
      return 2;
    }
    const drafts = (await import('./curation/curation-cli.js')).openDraftLines(config.knowledgeDir);
    if (args.json) {
      io.stdout(`${JSON.stringify({ kind: 'check', ok: opened.ok, report: opened.ok ? opened.summary : opened.report, drafts })}\n`);
    } else {
      io.stdout(`${opened.ok ? `${opened.summary}\nOK: no problems found.` : opened.report}\n${drafts.map((d) => `${d}\n`).join('')}`);
    }
    return opened.ok ? 0 : 1;
  }

  if (!opened.ok) {
    io.stderr(`Haiti Brief cannot answer: the knowledge base is invalid.\n${opened.report}\n`);
    return 1;
  }
  // Passages of the documents are answered from only when the operator set CORPUS_DIR.
  // CORPUS_DIR, when set, is the folder quotes were just verified against: its documents are already read.
  const passages = config.passagesDir ? opened.corpus?.texts : undefined;
  const engine = new BriefingEngine(opened.knowledge, clock, { passages });
  const reply = await cliAnswer(engine, args.words, args.context);
  io.stdout(args.json ? `${JSON.stringify(renderJson(reply))}\n` : `${renderText(reply)}\n`);
  return 0;
}

/** What `brief` answers to its command words, read in the thread context --context names (already checked). */
export function cliAnswer(engine: BriefingEngine, words: readonly string[], context?: string): Promise<Reply> {
  const thread = context !== undefined ? threadContextFromText(context) : null;
  return engine.answerText(words.join(' '), thread ? { thread } : {});
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
