import { distance } from 'fastest-levenshtein';
import { formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Source } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';

function describe(s: Source): string {
  const by = s.author ? `, by ${s.author}` : '';
  return `${s.publisher}: "${s.title}"${by}, ${formatDate(s)}. Id: ${s.id}`;
}

/** The source registry: every document and reference record, with links. */
export function sourcesReply(knowledge: Knowledge, now: Date): Reply {
  const draft = new ReplyDraft(knowledge, 'sources', 'Sources behind every answer');
  const all = [...knowledge.sources.values()];
  for (const [heading, kind] of [
    ['Documents', 'document'],
    ['Public records', 'reference'],
  ] as const) {
    const section = draft.section(heading);
    for (const s of all.filter((x) => x.kind === kind)) {
      section.claims.push({ text: describe(s), citations: draft.citeSource(s) });
    }
  }
  draft.suggestions.push(`source ${all[0]?.id ?? ''}`.trim());
  return draft.finish(now);
}

/** One source in full: what it is, its date, link, and the known errors in it. */
export function sourceReply(knowledge: Knowledge, id: string, now: Date): Reply {
  const source = knowledge.sources.get(id);
  if (!source) return unknownSourceReply(knowledge, id, now);
  const draft = new ReplyDraft(knowledge, 'source', source.title);
  const self = draft.citeSource(source);
  const about = draft.section('About');
  about.claims.push({ label: 'Publisher', text: source.publisher, citations: self });
  if (source.author) about.claims.push({ label: 'Author', text: source.author, citations: self });
  const dateText = source.dateNote ? `${formatDate(source)}. ${source.dateNote}` : formatDate(source);
  about.claims.push({ label: 'Date', text: dateText, citations: self });
  about.claims.push({ label: 'Link', text: source.url ?? 'No public link is known for this document.', citations: self });
  if (source.notes.length > 0) {
    const notes = draft.section('Known errors and corrections');
    // A date or context note is not an error: its label says which it is.
    source.notes.forEach((note, i) =>
      notes.claims.push({ label: `Note ${i + 1}${note.kind === 'error' ? '' : ` (${note.kind})`}`, text: note.text, citations: self }),
    );
  }
  if (source.facts && source.facts.length > 0) {
    const facts = draft.section('On the record');
    for (const fact of source.facts) facts.claims.push({ text: fact, citations: self });
  }
  draft.suggestions.push('sources');
  return draft.finish(now);
}

function unknownSourceReply(knowledge: Knowledge, id: string, now: Date): Reply {
  const ids = [...knowledge.sources.keys()];
  const nearest = [...ids].sort((a, b) => distance(id, a) - distance(id, b))[0];
  const draft = new ReplyDraft(knowledge, 'error', 'No such source');
  draft.intro.push(`There is no source with the id "${id}".${nearest ? ` Did you mean "${nearest}"?` : ''}`);
  draft.intro.push(`Type "sources" to list them all. Known ids: ${ids.join(', ')}.`);
  if (nearest) draft.suggestions.push(`source ${nearest}`);
  draft.suggestions.push('sources');
  return draft.finish(now, { answered: false });
}
