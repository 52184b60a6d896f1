import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { Document, parse } from 'yaml';
import { earliestInstant, formatDate, type PartialDate, type Precision } from '../core/dates.js';
import { DRAFTS_FOLDER, LOCAL_CORPUS_FOLDER } from '../core/knowledge/read-knowledge.js';
import { quoteFrom, sentencesOf } from './document-text.js';

/** A source as the registry holds it, as far as drafting needs it. */
export interface RegisteredSource extends PartialDate {
  id: string;
  kind: 'document' | 'reference';
  file?: string;
  publisher: string;
  title: string;
}

/** Finds a source in `sources.yaml` and its text (the knowledge folder's corpus/ first, then the shared corpus). */
export function sourceWithText(knowledgeDir: string, sharedCorpusDir: string, id: string): { source: RegisteredSource; text: string } | { problem: string } {
  const registry = join(knowledgeDir, 'sources.yaml');
  if (!existsSync(registry)) return { problem: `${registry} does not exist: is KNOWLEDGE_DIR the knowledge folder?` };
  const data = (parse(readFileSync(registry, 'utf8')) ?? {}) as { sources?: RegisteredSource[] };
  const source = (data.sources ?? []).find((s) => s?.id === id);
  if (!source) return { problem: `no source "${id}" in ${registry}: register it first with "brief add-source FILE --id ${id} ..."` };
  if (source.kind !== 'document' || !source.file) return { problem: `"${id}" is a record with no text here: there is nothing to draft from` };
  for (const dir of [join(knowledgeDir, LOCAL_CORPUS_FOLDER), sharedCorpusDir]) {
    const path = join(dir, source.file);
    if (existsSync(path)) return { source: { ...source, date: String(source.date) }, text: readFileSync(path, 'utf8') };
  }
  return { problem: `the text of "${id}" (${source.file}) is in neither ${join(knowledgeDir, LOCAL_CORPUS_FOLDER)} nor ${sharedCorpusDir}` };
}

interface DraftEvent {
  id: string;
  date: string;
  precision: Precision;
  found: string;
  read: string;
  kind: 'other';
  title: string;
  text: string;
  milestone: boolean;
  stake: string;
  /** What supports the stake line alone (a reminder cites it): usually the item's own quote. */
  stakeCite: unknown[];
  asks: string[];
  cite: { source: string; quote: string }[];
}

interface DraftFact {
  id: string;
  why: string;
  text: string;
  tags: string[];
  asks: string[];
  cite: { source: string; quote: string }[];
}

const MAX_EVENTS = 30;
const MAX_FACTS = 40;
const NUMBER_WORDS = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|half|third|quarter|percent)\b/i;
const FIGURE = /\d[\d,.]*\s*(?:%|percent|million|billion)?|\$\s?\d[\d,.]*/g;

/** The precision chrono knows a date at, from what the text itself says (a weekday names a day). */
function precisionOf(result: chrono.ParsedResult): Precision | null {
  const c = result.start;
  if (c.isCertain('day') || c.isCertain('weekday')) return 'day';
  if (c.isCertain('month')) return 'month';
  if (c.isCertain('year')) return 'year';
  return null;
}

function dateText(date: Date, precision: Precision): string {
  const iso = date.toISOString();
  return precision === 'day' ? iso.slice(0, 10) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}

/** How the date was read, in words: what came from the text, what from the document's own date. */
function howRead(result: chrono.ParsedResult, date: PartialDate, documentDate: PartialDate): string {
  const c = result.start;
  const from = `the document's date (${formatDate(documentDate)})`;
  const value = formatDate(date);
  if (c.isCertain('weekday') && !c.isCertain('day')) return `${value}: a weekday, read as the nearest one to ${from}; check it against the text`;
  const relative = /\b(?:last|next|this|ago|in \d+|tomorrow|yesterday|today)\b/i.test(result.text);
  if (relative) return `${value}: said relative to ${from}`;
  if (date.precision === 'day' && !c.isCertain('year')) return `${value}: day and month in the text, year from ${from}`;
  if (date.precision === 'month' && !c.isCertain('year')) return `${value}: month in the text, year from ${from}`;
  return `${value}: as the text gives it`;
}

/** Names in a sentence: capitalised words past its first word (a rough cue for a curator, not a finding). */
function namesIn(sentence: string): string[] {
  const words = sentence.split(' ').slice(1);
  const names = words.map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((w) => /^\p{Lu}[\p{L}'-]+$/u.test(w) && w.length > 1);
  return [...new Set(names)];
}

/**
 * The candidates of a document: dated events (each date the text gives, resolved against the document's own
 * date at the precision the text supports) and facts (sentences with figures or names), each with a verbatim
 * quote of at most 25 words and empty fields for the curator's own words and the questions it answers.
 */
export function draftCandidates(source: RegisteredSource, text: string): { events: DraftEvent[]; facts: DraftFact[] } {
  const documentDate: PartialDate = { date: source.date, precision: source.precision };
  const reference = new Date(earliestInstant(documentDate).getTime() + 12 * 3_600_000);
  const events: DraftEvent[] = [];
  const facts: DraftFact[] = [];
  const seenEvents = new Set<string>();
  for (const sentence of sentencesOf(text)) {
    if (sentence.split(' ').length < 4) continue;
    let dated = false;
    for (const result of chrono.parse(sentence, { instant: reference, timezone: 'UTC' })) {
      const precision = precisionOf(result);
      // "now", "today", "currently" say when the document speaks, not of an event.
      if (!precision || events.length >= MAX_EVENTS || /^(?:now|today|tonight|currently|this (?:week|month|year))$/i.test(result.text.trim())) continue;
      const date: PartialDate = { date: dateText(result.start.date(), precision), precision };
      const key = `${date.date}|${sentence}`;
      if (seenEvents.has(key)) continue;
      seenEvents.add(key);
      dated = true;
      events.push({
        id: `${source.id}-e${events.length + 1}`,
        date: date.date,
        precision,
        found: result.text.replace(/[\s,.;:]+$/, ''),
        read: howRead(result, date, documentDate),
        kind: 'other',
        title: '',
        text: '',
        milestone: false,
        stake: '',
        stakeCite: [],
        asks: [],
        cite: [{ source: source.id, quote: quoteFrom(sentence, result.text) }],
      });
    }
    if (dated || facts.length >= MAX_FACTS) continue;
    const figures = [...sentence.matchAll(FIGURE)].map((m) => m[0].trim()).filter((f) => /\d/.test(f));
    const numberWord = NUMBER_WORDS.exec(sentence)?.[0];
    const names = namesIn(sentence);
    if (figures.length === 0 && !numberWord && names.length === 0) continue;
    const why = [
      figures.length > 0 || numberWord ? `figures: ${[...figures, ...(numberWord ? [numberWord] : [])].join(', ')}` : '',
      names.length > 0 ? `names: ${names.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    facts.push({
      id: `${source.id}-f${facts.length + 1}`,
      why,
      text: '',
      tags: [],
      asks: [],
      cite: [{ source: source.id, quote: quoteFrom(sentence, figures[0] ?? numberWord ?? names[0]) }],
    });
  }
  return { events, facts };
}

export type DraftResult = { ok: true; path: string; events: number; facts: number } | { ok: false; problem: string };

/** `brief draft ID`: writes `drafts/ID.yaml` in the knowledge folder. Refuses to overwrite a draft in progress. */
export function writeDraft(knowledgeDir: string, sharedCorpusDir: string, id: string): DraftResult {
  const found = sourceWithText(knowledgeDir, sharedCorpusDir, id);
  if ('problem' in found) return { ok: false, problem: found.problem };
  const path = join(knowledgeDir, DRAFTS_FOLDER, `${id}.yaml`);
  if (existsSync(path)) return { ok: false, problem: `${path} already exists: finish it with "brief accept ${id}", or delete it to draft again` };
  const { events, facts } = draftCandidates(found.source, found.text);
  const doc = new Document({ source: id, events, facts });
  const s = found.source;
  doc.commentBefore = [
    ` Draft from "${s.title}" (${s.publisher}, ${formatDate(s)}): candidate events and facts found in its text.`,
    ' The bot never loads drafts. For each item worth keeping, write in our own words (never 10 words in a row',
    " of the document outside a quote): an event's title (and text; a stake when you set milestone: true, with",
    " stakeCite: the quote that supports the stake alone, often a copy of the item's cite), a",
    " fact's text, and under asks the questions it answers. Check each date and precision against found/read;",
    ' keep or shorten the quote (at most 25 words, verbatim). Items left empty stay here.',
    ` Then: brief accept ${id}`,
  ].join('\n');
  mkdirSync(join(knowledgeDir, DRAFTS_FOLDER), { recursive: true });
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
  return { ok: true, path, events: events.length, facts: facts.length };
}
