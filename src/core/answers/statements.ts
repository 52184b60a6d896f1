import { formatDate, newest, type PartialDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Citation, Disagreement, Says, TimelineEvent } from '../knowledge/schema.js';

/**
 * One statement an answer can rest on: a fact, a brief's claim or a dated event, with its own citations, or
 * (with the documents at hand) a passage of a source document.
 */
export interface Statement {
  id: string;
  kind: 'fact' | 'claim' | 'event' | 'passage';
  /** Shown before the text: an event's date, a claim's brief section and label. */
  label?: string | undefined;
  text: string;
  /** Whose view it is when it is not an established fact. */
  says?: Says | undefined;
  /** What is searched: the curated questions it answers, its own words, and what it is filed under. */
  fields: { asks: string; text: string; label: string };
  cite: readonly Citation[];
  about?: readonly string[] | undefined;
  disagreement?: Disagreement | undefined;
  event?: TimelineEvent;
  /** The brief a claim belongs to. */
  brief?: string;
  /** When a state of affairs it describes held: its newest source's date (none when it dates itself). */
  asOf?: PartialDate;
}

/** An event's label: its date, and whether it is a milestone. */
export function eventLabel(e: TimelineEvent): string {
  return formatDate(e) + (e.milestone ? ' (milestone)' : '');
}

/** Every statement of the knowledge base an answer can rest on. */
export function knowledgeStatements(knowledge: Knowledge): Statement[] {
  // A statement that names no year is dated by the newest source it cites: "as of March 2025, ...".
  const asOf = (text: string, cite: readonly Citation[]): { asOf?: PartialDate } => {
    if (/\b(19|20)\d\d\b/.test(text)) return {};
    const d = newest(cite.map((c) => knowledge.sources.get(c.source)).filter((s) => s !== undefined));
    return d ? { asOf: { date: d.date, precision: d.precision } } : {};
  };
  // Filed under "sources disagree" when they do ("do the sources disagree about ..."), and under the author's name where it gives the author's view ("the author warns": "what did Forti warn of").
  const filedAs = (s: { text: string; cite: readonly Citation[]; disagreement?: Disagreement | undefined }): string[] =>
    [...(s.disagreement ? ['sources disagree'] : []), ...(/\bthe (?:author|analyst|writer)\b/i.test(s.text) ? s.cite.flatMap((c) => knowledge.sources.get(c.source)?.author ?? []) : [])];
  const out: Statement[] = [];
  for (const f of knowledge.facts) {
    const fields = { asks: (f.asks ?? []).join(' \n '), text: f.text, label: [...(f.tags ?? []), ...filedAs(f)].join(' | ') };
    out.push({ id: f.id, kind: 'fact', text: f.text, says: f.says, fields, cite: f.cite, about: f.about, disagreement: f.disagreement, ...asOf(f.text, f.cite) });
  }
  for (const brief of knowledge.briefs.values()) {
    brief.sections.forEach((section, si) => {
      section.claims.forEach((c, ci) => {
        const label = c.label ? `${section.heading} - ${c.label}` : section.heading;
        const fields = { asks: (c.asks ?? []).join(' \n '), text: c.label ? `${c.label}. ${c.text}` : c.text, label: [section.heading, ...filedAs(c)].join(' | ') };
        out.push({ id: c.id ?? `${brief.id}-${si}-${ci}`, kind: 'claim', label, text: c.text, says: c.says, fields, cite: c.cite, about: c.about, disagreement: c.disagreement, brief: brief.id, ...asOf(c.text, c.cite) });
      });
    });
  }
  for (const e of knowledge.events) {
    const text = e.text ? `${e.title}. ${e.text}` : e.title;
    const fields = { asks: (e.asks ?? []).join(' \n '), text, label: [`${e.kind} ${formatDate(e)}`, ...filedAs({ ...e, text })].join(' | ') };
    out.push({ id: e.id, kind: 'event', label: eventLabel(e), text, says: e.says, fields, cite: e.cite, about: [e.id], disagreement: e.disagreement, event: e });
  }
  return out;
}
