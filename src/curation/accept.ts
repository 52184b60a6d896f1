import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parse } from 'yaml';
import { formatProblem, parseKnowledge } from '../core/knowledge/parse-knowledge.js';
import { displayPath, DRAFTS_FOLDER, LOCAL_CORPUS_FOLDER, mergeCorpora, readCorpus, readKnowledgeTexts } from '../core/knowledge/read-knowledge.js';
import { copiedRun, documentRuns } from './document-text.js';
import { sourceWithText } from './draft.js';
import { appendToList, quoted } from './yaml-append.js';

type Item = Record<string, unknown> & { id?: unknown };

interface DraftFile {
  source?: unknown;
  events?: Item[];
  facts?: Item[];
}

export type AcceptResult =
  | { ok: true; lines: string[]; accepted: string[]; refused: string[]; left: number }
  | { ok: false; problems: string[] };

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

/** The curator's own words in an item: what must not copy the document. */
function ownWords(item: Item, fields: readonly string[]): { field: string; text: string }[] {
  const out = fields.map((f) => ({ field: f, text: str(item[f]) })).filter((w) => w.text !== '');
  list(item.tags).forEach((t) => out.push({ field: 'tags', text: t }));
  list(item.asks).forEach((a) => out.push({ field: 'asks', text: a }));
  return out;
}

/** Why an item cannot go into the knowledge yet ("" when it can); null when it is untouched (stays a candidate). */
function verdict(item: Item, kind: 'event' | 'fact', runs: ReadonlySet<string>): string | null {
  const words = kind === 'event' ? ['title', 'text', 'stake'] : ['text'];
  const own = ownWords(item, words);
  if (own.length === 0) return null;
  const main = kind === 'event' ? 'title' : 'text';
  if (str(item[main]) === '') return `${main} is still empty: write it in our own words`;
  if (list(item.asks).length === 0) return 'asks is still empty: write the questions this answers, as a user would type them';
  if (kind === 'event' && item.milestone === true && str(item.stake) === '') return 'a milestone needs a stake: what the sources say is at stake';
  if (kind === 'event' && str(item.stake) !== '' && list(item.stakeCite).length === 0) return 'a stake needs stakeCite: the quote that supports the stake line alone (often the item\'s own cite)';
  for (const w of own) {
    const run = copiedRun(w.text, runs);
    if (run) return `${w.field} copies the document ("${run}" ...): say it in our own words, or put the words in the quote`;
  }
  return '';
}

/** An accepted item as the knowledge holds it: the draft's helper fields and empty fields dropped. */
function knowledgeItem(item: Item, kind: 'event' | 'fact', withAsks: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: item.id };
  if (kind === 'event') {
    out.date = quoted(str(item.date));
    out.precision = item.precision;
    out.kind = item.kind ?? 'other';
    out.title = str(item.title);
    if (str(item.text)) out.text = str(item.text);
    if (item.milestone === true) out.milestone = true;
    if (str(item.stake)) {
      out.stake = str(item.stake);
      out.stakeCite = item.stakeCite;
    }
  } else {
    out.text = str(item.text);
    if (list(item.tags).length > 0) out.tags = list(item.tags);
  }
  if (Array.isArray(item.about) && item.about.length > 0) out.about = item.about;
  if (withAsks) out.asks = list(item.asks);
  out.cite = item.cite;
  return out;
}

/**
 * `brief accept ID`: moves the items of `drafts/ID.yaml` a curator has written into the knowledge (events to
 * `timeline.yaml`, facts to `facts/ID.yaml`) after checking the knowledge in full with them. Refuses items
 * half written or copying their document (10 or more words in a row outside a quote); untouched candidates
 * stay in the draft, which is deleted once nothing is left in it.
 */
export function acceptDraft(knowledgeDir: string, sharedCorpusDir: string, id: string, base: string = process.cwd()): AcceptResult {
  const draftPath = join(knowledgeDir, DRAFTS_FOLDER, `${id}.yaml`);
  if (!existsSync(draftPath)) return { ok: false, problems: [`${draftPath} does not exist: write one with "brief draft ${id}"`] };
  let draft: DraftFile;
  try {
    draft = (parse(readFileSync(draftPath, 'utf8')) ?? {}) as DraftFile;
  } catch (error) {
    return { ok: false, problems: [`${draftPath}: not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const found = sourceWithText(knowledgeDir, sharedCorpusDir, id);
  if ('problem' in found) return { ok: false, problems: [found.problem] };
  const runs = documentRuns(found.text);

  const take: { item: Item; kind: 'event' | 'fact' }[] = [];
  const keep: { events: Item[]; facts: Item[] } = { events: [], facts: [] };
  const refused: string[] = [];
  let untouched = 0;
  for (const [kind, items] of [['event', draft.events ?? []], ['fact', draft.facts ?? []]] as const) {
    for (const item of items) {
      const why = verdict(item, kind, runs);
      if (why === '') take.push({ item, kind });
      else {
        (kind === 'event' ? keep.events : keep.facts).push(item);
        if (why === null) untouched++;
        else refused.push(`${str(item.id) || `(an ${kind} without id)`}: ${why}`);
      }
    }
  }
  if (take.length === 0) {
    return { ok: false, problems: [...refused, `Nothing to accept in ${draftPath}: write an item's own words and asks first (${untouched} untouched).`] };
  }

  const timelinePath = join(knowledgeDir, 'timeline.yaml');
  const factsPath = join(knowledgeDir, 'facts', `${id}.yaml`);
  const build = (withAsks: boolean): Map<string, string> => {
    const changed = new Map<string, string>();
    const events = take.filter((t) => t.kind === 'event').map((t) => knowledgeItem(t.item, 'event', withAsks));
    const facts = take.filter((t) => t.kind === 'fact').map((t) => knowledgeItem(t.item, 'fact', withAsks));
    if (events.length > 0) changed.set(timelinePath, appendToList(existsSync(timelinePath) ? readFileSync(timelinePath, 'utf8') : '', 'events', events));
    if (facts.length > 0) {
      const head = `# Facts from ${id}, accepted from its draft (brief accept ${id}).\n`;
      changed.set(factsPath, appendToList(existsSync(factsPath) ? readFileSync(factsPath, 'utf8') : head, 'facts', facts));
    }
    return changed;
  };
  const check = (changed: Map<string, string>): string[] => {
    const names = new Set([...changed.keys()].map((p) => displayPath(base, p)));
    const texts = readKnowledgeTexts(knowledgeDir, base).filter((t) => !names.has(t.name));
    for (const [path, text] of changed) texts.push({ name: displayPath(base, path), text });
    const corpus = mergeCorpora(readCorpus(sharedCorpusDir), readCorpus(join(knowledgeDir, LOCAL_CORPUS_FOLDER)));
    return parseKnowledge(texts, corpus ?? undefined).problems.map(formatProblem);
  };
  let changed: Map<string, string>;
  let problems: string[];
  const notes: string[] = [];
  try {
    changed = build(true);
    problems = check(changed);
    if (problems.some((p) => p.includes('unknown field "asks"'))) {
      // This knowledge format has no `asks` yet: the questions stay in the draft's history, not in the knowledge.
      changed = build(false);
      problems = check(changed);
      notes.push('This knowledge format has no "asks" field: the questions were not carried over.');
    }
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (problems.length > 0) {
    return { ok: false, problems: [...problems, `With these items the knowledge would be invalid, so nothing was accepted: fix them in ${draftPath}.`] };
  }
  for (const [path, text] of changed) writeFileSync(path, text);
  const left = keep.events.length + keep.facts.length;
  if (left === 0) rmSync(draftPath);
  else {
    const doc = new Document({ source: draft.source ?? id, events: keep.events, facts: keep.facts });
    const original = readFileSync(draftPath, 'utf8');
    const header = original.split('\n').filter((l) => l.startsWith('#')).map((l) => l.slice(1));
    if (header.length > 0) doc.commentBefore = header.join('\n');
    writeFileSync(draftPath, doc.toString({ lineWidth: 0 }));
  }
  const accepted = take.map((t) => str(t.item.id));
  return {
    ok: true,
    accepted,
    refused,
    left,
    lines: [
      `Accepted ${accepted.length} item(s) into ${[...changed.keys()].join(' and ')}: ${accepted.join(', ')}.`,
      ...refused.map((r) => `Refused ${r}`),
      ...notes,
      left === 0 ? `The draft is done and was removed.` : `${left} item(s) stay in ${draftPath} (${untouched} untouched).`,
    ],
  };
}

/** The drafts still open in a knowledge folder, with how many of their items are written. */
export function openDrafts(knowledgeDir: string): { path: string; items: number; written: number }[] {
  const dir = join(knowledgeDir, DRAFTS_FOLDER);
  if (!existsSync(dir)) return [];
  const out: { path: string; items: number; written: number }[] = [];
  for (const texts of readKnowledgeTexts(dir, knowledgeDir)) {
    let data: DraftFile = {};
    try {
      data = (parse(texts.text) ?? {}) as DraftFile;
    } catch {
      // listed with no items: `brief accept` says what is wrong with it
    }
    const items = [...(data.events ?? []).map((i) => ['event', i] as const), ...(data.facts ?? []).map((i) => ['fact', i] as const)];
    out.push({ path: texts.name, items: items.length, written: items.filter(([k, i]) => ownWords(i, k === 'event' ? ['title', 'text', 'stake'] : ['text']).length > 0).length });
  }
  return out;
}
