import { findNote } from './notes.js';
import { countWords, MAX_QUOTE_WORDS, SAYS, type Citation, type KnowledgeFile, type Says, type Source } from './schema.js';

/**
 * The checks that read each statement of the knowledge base against its citations: own words (no run of
 * COPY_RUN_WORDS words shared with a cited document), attribution (a statement resting only on analysis or
 * opinion says whose view it is), and notes (a cited registry note is about the statement citing it).
 */

/** A statement sharing this many consecutive words with a document it cites is copied, not written. */
export const COPY_RUN_WORDS = 10;

type Path = ReadonlyArray<string | number>;

/** What the checks need of a parsed file. */
export interface CheckedFile {
  name: string;
  data: KnowledgeFile;
  lineOf(path: Path): number;
}

/** One statement of the knowledge base: a text a reader is told, with what backs it. */
export interface Statement {
  file: CheckedFile;
  /** The path of its text, for the line of the problems found in it. */
  path: Path;
  /** What it is, as a curator reads it in a message ("claim", "stake", ...). */
  what: string;
  text: string;
  says: Says | undefined;
  /** The field that would carry `says` ("says", "stakeSays", "disagreement.says"). */
  saysField: string;
  cite: readonly Citation[];
  /** The path of its `cite` list, for problems in one citation. */
  citePath: Path;
  /** The ids a registry note cited here must list in its `about`: the statement's own and its events'. */
  ids: readonly string[];
  /** False when another statement checks the same `cite` (an event's text and title share one). */
  checkCite: boolean;
}

/** Every statement of a file: brief claims, facts, event titles, texts and stakes, and their disagreements. */
export function collectStatements(file: CheckedFile): Statement[] {
  const out: Statement[] = [];
  const add = (s: Omit<Statement, 'file'>): void => {
    out.push({ file, ...s });
  };
  type WithDisagreement = { disagreement?: { text: string; says?: Says | undefined; cite: Citation[] } | undefined };
  const disagreement = (owner: WithDisagreement, path: Path, ids: string[]): void => {
    const d = owner.disagreement;
    if (!d) return;
    add({ path: [...path, 'disagreement', 'text'], what: 'disagreement', text: d.text, says: d.says, saysField: 'disagreement.says', cite: d.cite, citePath: [...path, 'disagreement', 'cite'], ids, checkCite: true });
  };
  const idsOf = (id: string | undefined, about: readonly string[] | undefined): string[] => [...(id ? [id] : []), ...(about ?? [])];

  file.data.brief?.sections.forEach((section, si) =>
    section.claims.forEach((c, ci) => {
      const path = ['brief', 'sections', si, 'claims', ci];
      const ids = idsOf(c.id, c.about);
      add({ path: [...path, 'text'], what: 'claim', text: c.text, says: c.says, saysField: 'says', cite: c.cite, citePath: [...path, 'cite'], ids, checkCite: true });
      disagreement(c, path, ids);
    }),
  );
  file.data.facts?.forEach((f, i) => {
    const path = ['facts', i];
    const ids = idsOf(f.id, f.about);
    add({ path: [...path, 'text'], what: 'fact', text: f.text, says: f.says, saysField: 'says', cite: f.cite, citePath: [...path, 'cite'], ids, checkCite: true });
    disagreement(f, path, ids);
  });
  file.data.events?.forEach((e, i) => {
    const path = ['events', i];
    const ids = [e.id];
    const main = { says: e.says, saysField: 'says', cite: e.cite, citePath: [...path, 'cite'], ids };
    add({ path: [...path, 'title'], what: 'event title', text: e.title, ...main, checkCite: true });
    if (e.text) add({ path: [...path, 'text'], what: 'event text', text: e.text, ...main, checkCite: false });
    if (e.stake) {
      const own = e.stakeCite !== undefined;
      add({
        path: [...path, 'stake'],
        what: 'stake',
        text: e.stake,
        says: e.stakeSays,
        saysField: 'stakeSays',
        cite: e.stakeCite ?? e.cite,
        citePath: [...path, own ? 'stakeCite' : 'cite'],
        ids,
        checkCite: own,
      });
    }
    disagreement(e, path, ids);
  });
  return out;
}

/** Words as the copy check compares them: lower case, quotes and apostrophes dropped, dashes and punctuation as spaces. */
export function copyWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Splits a statement into the parts the copy check reads: an inline quotation of at most 25 words is a quote, not our words. */
function ownWordParts(text: string): string[] {
  const parts: string[] = [];
  const quoted = /["\u201c\u201f]([^"\u201c\u201d\u201f]*)["\u201d]/g;
  let last = 0;
  for (const m of text.matchAll(quoted)) {
    const inner = m[1] ?? '';
    if (countWords(inner) > MAX_QUOTE_WORDS) continue; // too long to be a quote: read as our words
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** The runs of COPY_RUN_WORDS or more consecutive words a text shares with a document, longest first. */
export function sharedRuns(text: string, grams: ReadonlySet<string>): string[] {
  const runs: string[] = [];
  for (const part of ownWordParts(text)) {
    const words = copyWords(part);
    let start = -1;
    let end = -1; // the last gram index of the current run
    const close = (): void => {
      if (start >= 0) runs.push(words.slice(start, end + COPY_RUN_WORDS).join(' '));
      start = -1;
    };
    for (let i = 0; i + COPY_RUN_WORDS <= words.length; i++) {
      if (grams.has(words.slice(i, i + COPY_RUN_WORDS).join(' '))) {
        if (start < 0) start = i;
        end = i;
      } else close();
    }
    close();
  }
  return runs.sort((a, b) => b.length - a.length);
}

/** Every run of COPY_RUN_WORDS consecutive words of a document. */
export function documentGrams(text: string): Set<string> {
  const words = copyWords(text);
  const grams = new Set<string>();
  for (let i = 0; i + COPY_RUN_WORDS <= words.length; i++) grams.add(words.slice(i, i + COPY_RUN_WORDS).join(' '));
  return grams;
}

/** Genres whose statements are someone's view: a statement resting only on them must say whose. */
const VIEW_GENRES = new Set(['analysis', 'opinion']);

export interface StatementChecks {
  sources: ReadonlyMap<string, Source>;
  /** Document texts by file name, when the corpus is at hand (the copy check needs them). */
  texts?: ReadonlyMap<string, string> | undefined;
  report(file: CheckedFile, path: Path, message: string): void;
}

export function checkStatements(statements: readonly Statement[], checks: StatementChecks): void {
  const gramsByFile = new Map<string, Set<string>>();
  const gramsOf = (source: Source): Set<string> | undefined => {
    if (!source.file || !checks.texts) return undefined;
    let grams = gramsByFile.get(source.file);
    if (!grams) {
      const text = checks.texts.get(source.file);
      if (text === undefined) return undefined;
      grams = documentGrams(text);
      gramsByFile.set(source.file, grams);
    }
    return grams;
  };

  for (const s of statements) {
    const cited = [...new Set(s.cite.map((c) => c.source))].map((id) => checks.sources.get(id)).filter((x): x is Source => !!x);

    // Own words: no run of COPY_RUN_WORDS words shared with a document it cites.
    for (const source of cited) {
      const grams = gramsOf(source);
      if (!grams) continue;
      const [longest, ...more] = sharedRuns(s.text, grams);
      if (!longest) continue;
      const others = more.length > 0 ? ` (and ${more.length} more run${more.length > 1 ? 's' : ''})` : '';
      checks.report(
        s.file,
        s.path,
        `${s.what} copies ${copyWords(longest).length} consecutive words of ${source.file}: "${longest}"${others}; say it in our own words or cite it as a quote`,
      );
    }

    if (!s.checkCite) continue;

    // Attribution: resting only on analysis or opinion, it says whose view it is. A citation of a registry
    // note rests on our registry, not on the document's view, so it does not count either way.
    const viewIds = [...new Set(s.cite.filter((c) => c.note === undefined).map((c) => c.source))];
    const viewSources = viewIds.map((id) => checks.sources.get(id)).filter((x): x is Source => !!x);
    if (!s.says && viewSources.length > 0 && viewSources.length === viewIds.length && viewSources.every((x) => x.genre && VIEW_GENRES.has(x.genre))) {
      const genres = viewSources.map((x) => `${x.id} is ${x.genre}`).join(', ');
      checks.report(
        s.file,
        s.path,
        `${s.what} cites only analysis or opinion (${genres}) but has no "${s.saysField}": say whose view it is in the text ("the IPI analysis argues ...", "according to Peoples Dispatch ...") and add ${s.saysField}: ${SAYS.join(' | ')}, or cite a record that states it`,
      );
    }

    // Notes: a cited note exists (checked with the citations) and is about this statement.
    s.cite.forEach((c, i) => {
      if (c.note === undefined) return;
      const found = findNote(checks.sources.get(c.source), c.note);
      if (!found) return;
      const name = `note ${typeof c.note === 'number' ? c.note : `"${c.note}"`} of "${c.source}"`;
      const about = 'about' in found.note ? found.note.about : undefined;
      const notePath = [...s.citePath, i, 'note'];
      if (!about || about.length === 0) {
        checks.report(s.file, notePath, `${name} does not say what it is about: write it in sources.yaml as { id, kind, text, about: [ids] } and list ${s.ids[0] ? `"${s.ids[0]}"` : 'this statement'} in its about`);
        return;
      }
      if (s.ids.length === 0) {
        checks.report(s.file, notePath, `${s.what} cites ${name} but has no id: give it an id and list it in the note's about`);
        return;
      }
      if (!s.ids.some((id) => about.includes(id))) {
        checks.report(s.file, notePath, `${name} is about ${about.map((a) => `"${a}"`).join(', ')}, not this ${s.what} (${s.ids.map((a) => `"${a}"`).join(', ')}): cite the note about it, or add its id to the note's about`);
      }
    });
  }
}
