import { formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Citation, Disagreement, Says, TimelineEvent } from '../knowledge/schema.js';

/**
 * One statement an answer can rest on: a fact, a brief's claim or a dated event, with its own citations, or
 * (with the documents at hand) a passage of a source document, which weighs less than all of them.
 */
export interface Entry {
  id: string;
  kind: 'fact' | 'claim' | 'event' | 'passage';
  /** Shown before the text: an event's date, a claim's brief section and label. */
  label?: string | undefined;
  text: string;
  /** Whose view it is when it is not an established fact. */
  says?: Says | undefined;
  /** What the statement itself says, as searched: a claim's own label and text, an event's date and title. */
  statement?: string | undefined;
  /** Searchable context that is not the statement itself (an event's description and what is at stake). */
  background?: string | undefined;
  /** Extra searchable words: a fact's tags, a claim's section heading, an event's kind. */
  tags: string;
  /** What the statement is about, as curated: a fact's tags, a claim's section heading and own label. */
  topics?: readonly string[];
  cite: readonly Citation[];
  about?: readonly string[] | undefined;
  disagreement?: Disagreement | undefined;
  event?: TimelineEvent;
  /** The brief a claim belongs to. */
  brief?: string;
}

/** An event's label: its date, and whether it is a milestone. */
export function eventLabel(e: TimelineEvent): string {
  return formatDate(e) + (e.milestone ? ' (milestone)' : '');
}

/** Every statement of the knowledge base an answer can rest on. */
export function knowledgeEntries(knowledge: Knowledge): Entry[] {
  const out: Entry[] = [];
  for (const f of knowledge.facts) {
    out.push({ id: f.id, kind: 'fact', text: f.text, says: f.says, tags: (f.tags ?? []).join(' | '), topics: f.tags ?? [], cite: f.cite, about: f.about, disagreement: f.disagreement });
  }
  for (const brief of knowledge.briefs.values()) {
    brief.sections.forEach((section, si) => {
      section.claims.forEach((c, ci) => {
        out.push({
          id: c.id ?? `${brief.id}-${si}-${ci}`,
          kind: 'claim',
          label: c.label ? `${section.heading} - ${c.label}` : section.heading,
          text: c.text,
          says: c.says,
          statement: c.label ? `${c.label}. ${c.text}` : c.text,
          tags: section.heading,
          topics: c.label ? [section.heading, c.label] : [section.heading],
          cite: c.cite,
          about: c.about,
          disagreement: c.disagreement,
          brief: brief.id,
        });
      });
    });
  }
  for (const e of knowledge.events) {
    out.push({
      id: e.id,
      kind: 'event',
      label: eventLabel(e),
      text: e.text ? `${e.title}. ${e.text}` : e.title,
      says: e.says,
      statement: `${formatDate(e)}. ${e.title}`,
      background: [e.text ?? '', e.stake ?? ''].join(' '),
      tags: e.kind,
      cite: e.cite,
      about: [e.id],
      disagreement: e.disagreement,
      event: e,
    });
  }
  return out;
}
