import { createHash } from 'node:crypto';
import { earliestInstant, endInstant, newest, type PartialDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Brief, Citation, Disagreement, Source, TimelineEvent } from '../knowledge/schema.js';

/** True when the source was published after `now` (its earliest possible day comes after it). */
export function publishedAfter(source: PartialDate, now: Date): boolean {
  return earliestInstant(source).getTime() > now.getTime();
}

function keepCites(cite: readonly Citation[], later: ReadonlySet<string>): Citation[] {
  return cite.filter((c) => !later.has(c.source));
}

function keepDisagreement(d: Disagreement | undefined, later: ReadonlySet<string>): Disagreement | undefined {
  if (!d) return undefined;
  const cite = keepCites(d.cite, later);
  return cite.length > 0 ? { ...d, cite } : undefined;
}

/** A statement with only the citations published by then; null when none is left (it rests only on later sources). */
function restated<T extends { cite: Citation[]; disagreement?: Disagreement | undefined }>(item: T, later: ReadonlySet<string>): T | null {
  const cite = keepCites(item.cite, later);
  if (cite.length === 0) return null;
  const out: T = { ...item, cite };
  const disagreement = keepDisagreement(item.disagreement, later);
  if (disagreement) out.disagreement = disagreement;
  else delete out.disagreement;
  return out;
}

/**
 * A brief with the claims known then. Its headline, written for the whole knowledge, is kept only when none of
 * its sources is later; key points whose claims are gone are replaced by sections' first claims.
 */
function briefOn(brief: Brief, later: ReadonlySet<string>): Brief {
  const sections = brief.sections
    .map((s) => ({ ...s, claims: s.claims.map((c) => restated(c, later)).filter((c): c is NonNullable<typeof c> => c !== null) }))
    .filter((s) => s.claims.length > 0);
  const { headline, key_points: keyPoints, ...rest } = brief;
  const known = new Set(sections.flatMap((s) => s.claims.map((c) => c.id)));
  const out: Brief = { ...rest, sections };
  if (headline && !headline.cite.some((c) => later.has(c.source))) out.headline = headline;
  if (keyPoints) {
    // Key points lost to the cut-off give way to each section's first claim known then, as many as there were.
    const kept = keyPoints.filter((id) => known.has(id));
    for (const section of sections) {
      const first = section.claims[0]?.id;
      if (kept.length >= keyPoints.length) break;
      if (first && !kept.includes(first)) kept.push(first);
    }
    if (kept.length > 0) out.key_points = kept;
  }
  return out;
}

const views = new WeakMap<Knowledge, Map<string, Knowledge>>();

/**
 * The knowledge as it stood at `now` ("as the bot would have answered then"): sources published after `now`
 * are left out, and so is every statement resting only on them; a statement keeps the citations published by
 * then. The same knowledge is returned when no source is later than `now` (the usual case), and a view is
 * built once per knowledge and cut-off.
 */
export function knowledgeOn(knowledge: Knowledge, now: Date): Knowledge {
  const later = new Set([...knowledge.sources.values()].filter((s) => publishedAfter(s, now)).map((s) => s.id));
  if (later.size === 0) return knowledge;
  const key = [...later].sort().join(' ');
  let cache = views.get(knowledge);
  if (!cache) {
    cache = new Map();
    views.set(knowledge, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const briefs = new Map([...knowledge.briefs].map(([id, b]) => [id, briefOn(b, later)] as const));
  const view: Knowledge = {
    ...knowledge,
    sources: new Map([...knowledge.sources].filter(([id]) => !later.has(id))),
    briefs,
    events: knowledge.events.map((e) => restated(e, later)).filter((e): e is TimelineEvent => e !== null),
    facts: knowledge.facts.map((f) => restated(f, later)).filter((f): f is NonNullable<typeof f> => f !== null),
  };
  if (cache.size > 8) cache.clear();
  cache.set(key, view);
  return view;
}

/**
 * Whether the timeline lists an event as still ahead at `now`: its first possible instant is after `now`, and
 * none of its own sources may have been published after it began (a source dated "October 2025" may report
 * as done an event of 20 October): the dates never call upcoming what their own statements may describe as done.
 */
export function isUpcoming(knowledge: Knowledge, event: TimelineEvent, now: Date): boolean {
  const starts = earliestInstant(event).getTime();
  if (starts <= now.getTime()) return false;
  return !event.cite.some((c) => {
    const source = knowledge.sources.get(c.source);
    return source !== undefined && endInstant(source).getTime() > starts;
  });
}

const cited = new WeakMap<Knowledge, Source[]>();

/**
 * The sources some statement (a claim, fact or event, or a disagreement) cites: a source registered but not
 * cited yet (just added, its draft not accepted) adds nothing a channel could be told.
 */
export function citedSources(knowledge: Knowledge): Source[] {
  let out = cited.get(knowledge);
  if (!out) {
    const ids = new Set<string>();
    const add = (item: { cite: readonly Citation[]; disagreement?: Disagreement | undefined }): void => {
      item.cite.forEach((c) => ids.add(c.source));
      item.disagreement?.cite.forEach((c) => ids.add(c.source));
    };
    for (const brief of knowledge.briefs.values()) brief.sections.forEach((s) => s.claims.forEach(add));
    knowledge.facts.forEach(add);
    knowledge.events.forEach(add);
    out = [...knowledge.sources.values()].filter((s) => ids.has(s.id));
    cited.set(knowledge, out);
  }
  return out;
}

/** The newest date of the sources statements cite, by the last day it can refer to; null when none is cited. */
export function newestSourceDate(knowledge: Knowledge): PartialDate | null {
  const n = newest(citedSources(knowledge));
  return n ? { date: n.date, precision: n.precision } : null;
}

/** True when `a` is a later date than `b` (a starts on or after the day after `b` ends). */
export function laterThan(a: PartialDate, b: PartialDate): boolean {
  return earliestInstant(a).getTime() >= endInstant(b).getTime();
}

/**
 * A short fingerprint of the knowledge's cited sources (their ids and dates): two replicas reading the same
 * files agree on it, and it changes when a source comes into use, goes out of it or is re-dated.
 */
export function knowledgeVersion(knowledge: Knowledge): string {
  const lines = citedSources(knowledge).map((s) => `${s.id}@${s.date}/${s.precision}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
