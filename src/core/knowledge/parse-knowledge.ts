import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { compareDates } from '../dates.js';
import { normalizeForQuote } from './normalize.js';
import { findNote } from './notes.js';
import { checkStatements, collectStatements } from './check-statements.js';
import {
  knowledgeFileSchema,
  type Brief,
  type Citation,
  type Fact,
  type KnowledgeFile,
  type Source,
  type SynonymGroup,
  type TimelineEvent,
} from './schema.js';

/** One YAML file of the knowledge base: its name as shown to curators, and its text. */
export interface KnowledgeText {
  name: string;
  text: string;
}

/** One problem found in the knowledge base, located for a curator. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

/** The validated knowledge the engine answers from. */
export interface Knowledge {
  sources: ReadonlyMap<string, Source>;
  briefs: ReadonlyMap<string, Brief>;
  /** Every dated event, in date order. */
  events: readonly TimelineEvent[];
  facts: readonly Fact[];
  /** Groups of names for one thing, for reading questions (briefs/synonyms.yaml). */
  synonyms: readonly SynonymGroup[];
}

/** The source documents, for quote verification: their texts by file name, and the ids their registry lists. */
export interface Corpus {
  texts: ReadonlyMap<string, string>;
  ids: readonly string[];
  /** Only some documents are at hand (the curator's own, without the shared corpus): a missing file is not a problem. */
  partial?: boolean;
}

export interface ParseResult {
  knowledge: Knowledge | null;
  problems: Problem[];
}

/** Formats a problem the way every tool prints it: `file:line: what is wrong`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

type Path = ReadonlyArray<string | number | symbol>;

interface ParsedFile {
  name: string;
  data: KnowledgeFile;
  lineOf(path: Path): number;
}

/** The briefs the engine needs: a knowledge base without them cannot answer its commands. */
export const REQUIRED_BRIEFS = ['status', 'proposals'] as const;

/**
 * Parses and validates the knowledge base. Every problem is collected (never just the first), each with
 * its file and line. When `corpus` is given, every quote is also looked for in its document.
 */
export function parseKnowledge(files: readonly KnowledgeText[], corpus?: Corpus): ParseResult {
  const problems: Problem[] = [];
  const valid: ParsedFile[] = [];
  const partial: PartialIds = { sources: new Set(), events: new Set(), briefs: new Set(), statements: new Set(), unreadable: false };
  for (const file of files) {
    const result = parseFile(file, problems);
    if (result.file) valid.push(result.file);
    else collectIds(result.raw, partial);
  }
  // Files that passed their schema are still cross-checked when others did not, so one run reports everything.
  crossCheck(valid, problems, partial, corpus);
  if (problems.length > 0) return { knowledge: null, problems: sortProblems(problems) };
  return { knowledge: assemble(valid), problems: [] };
}

/** Ids declared in files that failed validation, so references to them are not reported as unknown too. */
interface PartialIds {
  sources: Set<string>;
  events: Set<string>;
  briefs: Set<string>;
  /** Fact and claim ids, which registry notes may name in their `about`. */
  statements: Set<string>;
  /** A file could not be read as YAML at all: its ids are unknown, so existence checks are skipped. */
  unreadable: boolean;
}

function collectIds(raw: unknown, into: PartialIds): void {
  if (raw === undefined) {
    into.unreadable = true;
    return;
  }
  const data = (raw ?? {}) as { sources?: unknown; events?: unknown; facts?: unknown; brief?: { id?: unknown; sections?: unknown } };
  const ids = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((x: { id?: unknown } | null) => x?.id).filter((x): x is string => typeof x === 'string') : [];
  ids(data.sources).forEach((id) => into.sources.add(id));
  ids(data.events).forEach((id) => into.events.add(id));
  if (typeof data.brief?.id === 'string') into.briefs.add(data.brief.id);
  ids(data.facts).forEach((id) => into.statements.add(id));
  if (Array.isArray(data.brief?.sections)) {
    for (const section of data.brief.sections as { claims?: unknown }[]) ids(section?.claims).forEach((id) => into.statements.add(id));
  }
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function parseFile(file: KnowledgeText, problems: Problem[]): { file: ParsedFile | null; raw?: unknown } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file: file.name, line: lineAt(error.pos[0]), message: `YAML: ${firstLine(error.message)}` });
    }
    return { file: null };
  }
  const lineOf = (path: Path): number => lineForPath(doc, path, lineAt);
  const raw: unknown = doc.toJS() ?? {};
  const result = knowledgeFileSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: file.name, line: lineOf(issue.path), message: describeIssue(doc, issue) });
    }
    return { file: null, raw };
  }
  return { file: { name: file.name, data: result.data, lineOf } };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The line of the node at `path`, or of its nearest existing ancestor. */
function lineForPath(doc: Document, path: Path, lineAt: (offset: number) => number): number {
  const keys = path.filter((k): k is string | number => typeof k !== 'symbol');
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return 1;
}

function describeIssue(doc: Document, issue: z.core.$ZodIssue): string {
  const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const where = pathText(keys);
  if (issue.code === 'unrecognized_keys') {
    const list = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${where ? `${where}: ` : ''}unknown field ${list}: check its spelling against briefs/README.md`;
  }
  if (issue.code === 'invalid_type' && keys.length > 0 && doc.getIn(keys) === undefined) {
    return `${where}: missing (required)`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${where}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

function pathText(keys: ReadonlyArray<string | number>): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

interface Located<T> {
  value: T;
  file: ParsedFile;
  path: Path;
}

function collectCitations(file: ParsedFile): Located<Citation>[] {
  const out: Located<Citation>[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i]));
      return;
    }
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'cite' && Array.isArray(child)) {
          child.forEach((c: Citation, i) => out.push({ value: c, file, path: [...path, key, i] }));
        } else {
          visit(child, [...path, key]);
        }
      }
    }
  };
  visit(file.data, []);
  return out;
}

function crossCheck(files: ParsedFile[], problems: Problem[], partial: PartialIds, corpus?: Corpus): void {
  const report = (file: ParsedFile, path: Path, message: string): void => {
    problems.push({ file: file.name, line: file.lineOf(path), message });
  };

  // Ids are unique across the whole knowledge base.
  const seen = new Map<string, string>();
  const claim = (id: string | undefined, file: ParsedFile, path: Path): void => {
    if (!id) return;
    const where = `${file.name}:${file.lineOf(path)}`;
    const first = seen.get(id);
    if (first) report(file, path, `duplicate id "${id}": already used at ${first}`);
    else seen.set(id, where);
  };
  const sources = new Map<string, Source>();
  const eventIds = new Set<string>();
  for (const file of files) {
    file.data.sources?.forEach((s, i) => {
      claim(s.id, file, ['sources', i, 'id']);
      sources.set(s.id, s);
    });
    file.data.events?.forEach((e, i) => {
      claim(e.id, file, ['events', i, 'id']);
      eventIds.add(e.id);
    });
    file.data.facts?.forEach((f, i) => claim(f.id, file, ['facts', i, 'id']));
    const brief = file.data.brief;
    if (brief) {
      claim(brief.id, file, ['brief', 'id']);
      brief.sections.forEach((s, si) =>
        s.claims.forEach((c, ci) => claim(c.id, file, ['brief', 'sections', si, 'claims', ci, 'id'])),
      );
      const own = new Set(brief.sections.flatMap((s) => s.claims.map((c) => c.id)));
      brief.key_points?.forEach((id, i) => {
        if (!own.has(id)) report(file, ['brief', 'key_points', i], `key point "${id}" is not a claim id of this brief`);
      });
    }
  }

  checkSynonyms(files, report);
  checkAsks(files, report);

  const checkExistence = !partial.unreadable;
  for (const required of REQUIRED_BRIEFS) {
    if (checkExistence && !partial.briefs.has(required) && !files.some((f) => f.data.brief?.id === required)) {
      problems.push({ file: files[0]?.name ?? 'briefs/', line: 1, message: `no brief with id "${required}": the /haiti ${required} command needs one` });
    }
  }

  // Every citation names a registered source, a real note, and a quote found in the document.
  const normalizedDocs = new Map<string, string>();
  for (const file of files) {
    for (const { value: c, path } of collectCitations(file)) {
      const source = sources.get(c.source);
      if (!source) {
        if (!checkExistence || partial.sources.has(c.source)) continue;
        report(file, [...path, 'source'], `cites unknown source "${c.source}": add it to briefs/sources.yaml or fix the id`);
        continue;
      }
      if (c.note !== undefined && !findNote(source, c.note)) {
        report(file, [...path, 'note'], typeof c.note === 'number'
          ? `cites note ${c.note} of "${c.source}", which has ${source.notes.length} note(s)`
          : `cites note "${c.note}" of "${c.source}", which has no note with that id`);
      }
      if (c.quote === undefined) continue;
      if (source.kind !== 'document' || !source.file) {
        report(file, [...path, 'quote'], `"${c.source}" is a reference record with no text here: cite it without a quote`);
        continue;
      }
      if (!corpus) continue;
      const text = corpus.texts.get(source.file);
      if (text === undefined) continue; // reported once per source below
      let normalized = normalizedDocs.get(source.file);
      if (normalized === undefined) {
        normalized = normalizeForQuote(text);
        normalizedDocs.set(source.file, normalized);
      }
      if (!normalized.includes(normalizeForQuote(c.quote))) {
        report(file, [...path, 'quote'], `quote not found in ${source.file}: "${c.quote}"`);
      }
    }
  }

  for (const file of files) {
    const checkAbout = (about: string[] | undefined, path: Path): void => {
      about?.forEach((id, i) => {
        if (checkExistence && !eventIds.has(id) && !partial.events.has(id)) report(file, [...path, 'about', i], `"about" names unknown event "${id}": use an id from timeline.yaml`);
      });
    };
    file.data.facts?.forEach((f, i) => checkAbout(f.about, ['facts', i]));
    file.data.brief?.sections.forEach((s, si) =>
      s.claims.forEach((c, ci) => checkAbout(c.about, ['brief', 'sections', si, 'claims', ci])),
    );
  }

  // Each statement against its citations: own words, attribution, and the notes it rests on.
  checkStatements(files.flatMap(collectStatements), { sources, texts: corpus?.texts, report });

  // A registry note's `about` names statements that exist, and a note id is unique within its source.
  for (const file of files) {
    file.data.sources?.forEach((source, si) => {
      const noteIds = new Set<string>();
      source.notes.forEach((note, ni) => {
        if (!('about' in note)) return;
        if (note.id !== undefined) {
          if (noteIds.has(note.id)) report(file, ['sources', si, 'notes', ni, 'id'], `note id "${note.id}" is used twice in "${source.id}"`);
          noteIds.add(note.id);
        }
        note.about?.forEach((id, ai) => {
          if (checkExistence && !seen.has(id) && !partial.events.has(id) && !partial.statements.has(id)) {
            report(file, ['sources', si, 'notes', ni, 'about', ai], `note ${note.id ? `"${note.id}"` : ni + 1} of "${source.id}" is about unknown id "${id}": use the id of a claim, fact or event`);
          }
        });
      });
    });
  }

  // A milestone's stake is what a reminder says is at stake: it cites what supports that line alone.
  for (const file of files) {
    file.data.events?.forEach((e, i) => {
      if (e.milestone && e.stake && !e.stakeCite) {
        report(file, ['events', i, 'stake'], `milestone "${e.id}" has a stake but no "stakeCite": cite what supports the stake line alone (a reminder cites it)`);
      }
    });
  }

  if (corpus) {
    for (const file of files) {
      file.data.sources?.forEach((s, i) => {
        if (s.file && !corpus.partial && !corpus.texts.has(s.file)) report(file, ['sources', i, 'file'], `document file "${s.file}" is not in the corpus`);
      });
    }
    const registry = files.find((f) => f.data.sources) ?? files[0];
    for (const id of corpus.ids) {
      if (checkExistence && !sources.has(id) && !partial.sources.has(id) && registry) {
        report(registry, registry.data.sources ? ['sources'] : [], `the corpus lists source "${id}" but the registry does not: add it to briefs/sources.yaml`);
      }
    }
  }
}

/** A term belongs to one synonym group only, or a question could not tell which thing it names. */
function checkSynonyms(files: ParsedFile[], report: (file: ParsedFile, path: Path, message: string) => void): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    file.data.synonyms?.forEach((group, gi) => {
      const lists = [
        ['terms', group.terms, (t: string) => normalizeForQuote(t)],
        ['matchCase', group.matchCase ?? [], (t: string) => `as written: ${t}`],
      ] as const;
      for (const [key, terms, fold] of lists) {
        terms.forEach((term, ti) => {
          const path = ['synonyms', gi, key, ti];
          const first = seen.get(fold(term));
          if (first) report(file, path, `synonym "${term}" is already in the group at ${first}: a term belongs to one group`);
          else seen.set(fold(term), `${file.name}:${file.lineOf(['synonyms', gi])}`);
        });
      }
    });
  }
}

/**
 * A statement's `asks` are two to four questions of one sentence each. No two statements share one (the
 * answer engine could not tell which of them a reader means), unless they cite a source in common: a brief's
 * claim and the fact it sums up answer the same question from the same evidence.
 */
function checkAsks(files: ParsedFile[], report: (file: ParsedFile, path: Path, message: string) => void): void {
  const seen = new Map<string, { at: string; quotes: Set<string> }>();
  for (const file of files) {
    const check = (statement: { asks?: string[] | undefined; cite: Citation[] }, path: Path): void => {
      const { asks } = statement;
      if (asks === undefined) return;
      if (asks.length < 2 || asks.length > 4) report(file, [...path, 'asks'], `"asks" lists two to four questions a reader would type, not ${asks.length}`);
      const quotes = new Set(statement.cite.map((c) => c.source));
      asks.forEach((ask, i) => {
        const at = [...path, 'asks', i];
        if (/[.?!]\s+\S/.test(ask.trim())) report(file, at, `an ask is one question of one sentence: "${ask}"`);
        const key = ask.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        const first = seen.get(key);
        if (!first) seen.set(key, { at: `${file.name}:${file.lineOf(path)}`, quotes });
        else if (![...quotes].some((q) => first.quotes.has(q))) {
          report(file, at, `the ask "${ask}" is already one of the statement at ${first.at}, which cites other sources: each statement answers its own questions`);
        }
      });
    };
    file.data.facts?.forEach((f, i) => check(f, ['facts', i]));
    file.data.events?.forEach((e, i) => check(e, ['events', i]));
    file.data.brief?.sections.forEach((s, si) => s.claims.forEach((c, ci) => check(c, ['brief', 'sections', si, 'claims', ci])));
  }
}

function assemble(files: ParsedFile[]): Knowledge {
  const sources = new Map<string, Source>();
  const briefs = new Map<string, Brief>();
  const events: TimelineEvent[] = [];
  const facts: Fact[] = [];
  const synonyms: SynonymGroup[] = [];
  for (const { data } of files) {
    data.sources?.forEach((s) => sources.set(s.id, s));
    if (data.brief) briefs.set(data.brief.id, data.brief);
    events.push(...(data.events ?? []));
    facts.push(...(data.facts ?? []));
    synonyms.push(...(data.synonyms ?? []));
  }
  events.sort(compareDates);
  return { sources, briefs, events, facts, synonyms };
}
