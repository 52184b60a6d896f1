import { CitationBook } from './citation-book.js';
import { newest, type PartialDate } from './dates.js';
import { freshnessWarnings } from './freshness.js';
import type { Knowledge } from './knowledge/parse-knowledge.js';
import type { Citation, Disagreement, Says, Source } from './knowledge/schema.js';
import type { Reply, ReplyClaim, ReplyKind, ReplySection } from './reply.js';
import type { ThreadContext } from './request.js';

/** A claim as the knowledge base holds it, before its citations are numbered. */
export interface DraftClaim {
  label?: string | undefined;
  text: string;
  says?: Says | undefined;
  cite: readonly Citation[];
  about?: readonly string[] | undefined;
  disagreement?: Disagreement | undefined;
}

/** The newest date of the whole knowledge base's sources: how current it is. */
export function knowledgeAsOf(knowledge: Knowledge): PartialDate | null {
  return dateOf(newest([...knowledge.sources.values()].map((s) => ({ date: s.date, precision: s.precision, s }))));
}

function dateOf(d: PartialDate | null): PartialDate | null {
  return d ? { date: d.date, precision: d.precision } : null;
}

/**
 * Builds one Reply: numbers citations as claims are added, remembers which events it speaks of, and at the
 * end works out how current it is and which staleness warnings apply.
 */
export class ReplyDraft {
  private readonly book: CitationBook;
  private readonly sections: ReplySection[] = [];
  private readonly mentions = new Set<string>();
  readonly intro: string[] = [];
  readonly warnings: string[] = [];
  readonly suggestions: string[] = [];

  constructor(
    private readonly knowledge: Knowledge,
    readonly kind: ReplyKind,
    readonly title: string,
  ) {
    this.book = new CitationBook(knowledge.sources);
  }

  /** Adds a section of claims; returns the section so callers may add more. */
  section(heading: string, claims: readonly DraftClaim[] = []): ReplySection {
    const section: ReplySection = { heading, claims: claims.map((c) => this.claim(c)) };
    this.sections.push(section);
    return section;
  }

  claim(c: DraftClaim): ReplyClaim {
    const out: ReplyClaim = { text: c.text, citations: [...new Set(this.book.cite(c.cite))] };
    if (c.label) out.label = c.label;
    if (c.says) out.says = c.says;
    if (c.disagreement) {
      out.disagreement = { text: c.disagreement.text, citations: this.book.cite(c.disagreement.cite) };
      if (c.disagreement.says) out.disagreement.says = c.disagreement.says;
    }
    c.about?.forEach((id) => this.mentions.add(id));
    return out;
  }

  mention(eventId: string): void {
    this.mentions.add(eventId);
  }

  /** Cites a source as a whole (for the registry listings). */
  citeSource(source: Source): number[] {
    return this.book.cite([{ source: source.id }]);
  }

  /**
   * Finishes the reply. `asOf` defaults to the newest cited source; replies that cite nothing say how
   * current the whole knowledge base is.
   */
  finish(now: Date, options: { answered?: boolean; asOf?: PartialDate | null; context?: ThreadContext } = {}): Reply {
    const cited = this.book.citedSources();
    const asOf =
      options.asOf !== undefined
        ? options.asOf
        : cited.length > 0
          ? dateOf(newest(cited.map((s) => ({ date: s.date, precision: s.precision }))))
          : knowledgeAsOf(this.knowledge);
    const mentioned = this.knowledge.events.filter((e) => this.mentions.has(e.id));
    return {
      kind: this.kind,
      answered: options.answered ?? true,
      title: this.title,
      ...(this.intro.length > 0 ? { intro: [...this.intro] } : {}),
      asOf,
      sections: this.sections,
      citations: this.book.citations(),
      sources: this.book.replySources(),
      warnings: [...this.warnings, ...freshnessWarnings(asOf, mentioned, now)],
      suggestions: [...this.suggestions],
      mentions: [...this.mentions],
      ...(options.context ? { context: options.context } : {}),
    };
  }
}
