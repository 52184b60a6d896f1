import { formatProblem, type Corpus, type Knowledge } from './core/knowledge/parse-knowledge.js';
import { displayPath, loadKnowledge } from './core/knowledge/read-knowledge.js';

export type Opened =
  | { ok: true; knowledge: Knowledge; corpusDir: string | null; corpus: Corpus | null; summary: string }
  | { ok: false; report: string };

function counts(k: Knowledge): string {
  const claims = [...k.briefs.values()].reduce((n, b) => n + b.sections.reduce((m, s) => m + s.claims.length, 0), 0);
  return `${k.sources.size} sources, ${k.briefs.size} briefs (${claims} claims), ${k.events.length} dated events, ${k.facts.length} facts`;
}

/**
 * Loads and checks the knowledge base the way every entry point does (the bot, the console, `brief check`):
 * quotes are verified when the corpus folder exists, and every problem is reported as `file:line: message`.
 */
export function openKnowledge(knowledgeDir: string, corpusDir: string, base = process.cwd()): Opened {
  const loaded = loadKnowledge({ dir: knowledgeDir, corpusDir, base });
  const where = displayPath(base, knowledgeDir);
  const local = loaded.localCorpusDir ? displayPath(base, loaded.localCorpusDir) : null;
  const corpusNote = loaded.corpusDir
    ? `Quotes verified against ${displayPath(base, loaded.corpusDir)}${local ? ` and ${local}` : ''}.`
    : local
      ? `Quotes verified against ${local} for its documents; the others' were not: no corpus at ${displayPath(base, corpusDir)} (pass --corpus DIR or set CORPUS_DIR).`
      : `Quote verification skipped: no corpus at ${displayPath(base, corpusDir)} (pass --corpus DIR or set CORPUS_DIR).`;
  if (!loaded.knowledge) {
    const lines = loaded.problems.map(formatProblem);
    return {
      ok: false,
      report: [...lines, `${lines.length} problem(s) in the knowledge base ${where}/.`, corpusNote].join('\n'),
    };
  }
  return {
    ok: true,
    knowledge: loaded.knowledge,
    corpusDir: loaded.corpusDir,
    corpus: loaded.corpus,
    summary: `Knowledge base ${where}/: ${counts(loaded.knowledge)}. ${corpusNote}`,
  };
}
