import type { Citation, Source } from './knowledge/schema.js';
import type { ReplyCitation, ReplySource } from './reply.js';

/**
 * How citations are numbered: one number per source with its quote and note (the full form, which shows
 * the quotes), or one number per source (short forms, whose sources line names each source once).
 */
export type CiteBy = 'quote' | 'source';

/**
 * Numbers the citations of one reply: the same source with the same quote and note (or, by source, the same
 * source) gets the same number, in order of first use. Also collects the cited sources.
 */
export class CitationBook {
  private readonly byKey = new Map<string, ReplyCitation>();
  private readonly cited = new Map<string, Source>();

  constructor(
    private readonly sources: ReadonlyMap<string, Source>,
    private readonly by: CiteBy = 'quote',
  ) {}

  /** Registers citations and returns their numbers. */
  cite(citations: readonly Citation[]): number[] {
    return [...new Set(citations.map((c) => this.citeOne(c)))].sort((a, b) => a - b);
  }

  private citeOne(full: Citation): number {
    const c: Citation = this.by === 'source' ? { source: full.source } : full;
    const key = `${c.source}\u0000${c.quote ?? ''}\u0000${c.note ?? ''}`;
    const known = this.byKey.get(key);
    if (known) return known.n;
    const source = this.sources.get(c.source);
    const entry: ReplyCitation = { n: this.byKey.size + 1, sourceId: c.source };
    if (c.quote) entry.quote = c.quote;
    const note = c.note !== undefined ? source?.notes[c.note - 1] : undefined;
    if (note) entry.note = note;
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
