import { formatDate, earliestInstant } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Source } from '../knowledge/schema.js';
import type { DraftClaim } from '../reply-draft.js';
import { citedSources } from './knowledge-on.js';

/** One statement of the knowledge (a brief's claim, a fact, a dated event), as a reply can show it. */
export interface Statement extends DraftClaim {
  /** Where it lives: "status", "proposals", "facts" or "timeline". */
  home: string;
}

/** Every statement of the knowledge: the briefs' claims, the facts, the timeline's events. */
export function statementsOf(knowledge: Knowledge): Statement[] {
  const out: Statement[] = [];
  for (const brief of knowledge.briefs.values()) {
    for (const section of brief.sections) {
      for (const c of section.claims) out.push({ home: brief.id, label: c.label ?? section.heading, text: c.text, cite: c.cite, about: c.about, disagreement: c.disagreement });
    }
  }
  for (const f of knowledge.facts) out.push({ home: 'facts', text: f.text, cite: f.cite, about: f.about, disagreement: f.disagreement });
  for (const e of knowledge.events) {
    out.push({ home: 'timeline', label: formatDate(e) + (e.milestone ? ' (milestone)' : ''), text: e.text ? `${e.title}. ${e.text}` : e.title, cite: e.cite, about: [e.id], disagreement: e.disagreement });
  }
  return out;
}

/** Sources some statement cites, published on or after the instant, oldest first. */
export function sourcesFrom(knowledge: Knowledge, from: Date): Source[] {
  return citedSources(knowledge)
    .filter((s) => earliestInstant(s).getTime() >= from.getTime())
    .sort((a, b) => earliestInstant(a).getTime() - earliestInstant(b).getTime() || a.id.localeCompare(b.id));
}

/** The statements citing at least one of the sources. */
export function statementsResting(knowledge: Knowledge, sources: readonly Source[]): Statement[] {
  const ids = new Set(sources.map((s) => s.id));
  if (ids.size === 0) return [];
  return statementsOf(knowledge).filter((s) => s.cite.some((c) => ids.has(c.source)) || (s.disagreement?.cite.some((c) => ids.has(c.source)) ?? false));
}
