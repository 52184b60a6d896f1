import { findNote } from './knowledge/notes.js';
import type { Citation, Source } from './knowledge/schema.js';
import type { ReplyCitation, ReplySource } from './reply.js';

/**
 * Numbers the citations of one reply: the same source with the same quote and note gets the same number,
 * in order of first use. Also collects the cited sources.
 */
export class CitationBook {
  private readonly byKey = new Map<string, ReplyCitation>();
  private readonly cited = new Map<string, Source>();

  constructor(private readonly sources: ReadonlyMap<string, Source>) {}

  /** Registers citations and returns their numbers. */
  cite(citations: readonly Citation[]): number[] {
    return citations.map((c) => this.citeOne(c));
  }

  private citeOne(c: Citation): number {
    const key = `${c.source}\u0000${c.quote ?? ''}\u0000${c.note ?? ''}`;
    const known = this.byKey.get(key);
    if (known) return known.n;
    const source = this.sources.get(c.source);
    const entry: ReplyCitation = { n: this.byKey.size + 1, sourceId: c.source };
    if (c.quote) entry.quote = c.quote;
    const found = findNote(source, c.note);
    if (found) {
      entry.note = found.note.text;
      entry.noteKind = found.note.kind;
    }
    if (source?.url) entry.url = source.url;
    this.byKey.set(key, entry);
    if (source) this.cited.set(source.id, source);
    return entry.n;
  }

  citations(): ReplyCitation[] {
    return [...this.byKey.values()];
  }

  citedSources(): Source[] {
    return [...this.cited.values()];
  }

  replySources(): ReplySource[] {
    return this.citedSources().map(toReplySource);
  }
}

export function toReplySource(s: Source): ReplySource {
  const out: ReplySource = { id: s.id, publisher: s.publisher, title: s.title, date: { date: s.date, precision: s.precision } };
  if (s.author) out.author = s.author;
  if (s.url) out.url = s.url;
  return out;
}
