/**
 * A knowledge base 100 times the shipped one, for the answer benchmark: every fact, brief claim (as a fact)
 * and event copied 100 times from the shipped statements, with words varied so each copy reads differently:
 * names written under another of their names (MSS, Multinational Security Support, the Kenyan-led mission),
 * figures shifted, and a few invented words of its own (a larger vocabulary). The common terms stay as common
 * as in the shipped base (the MSS is named in about 45% of the entries), which is what makes it hard.
 */
import type { Knowledge } from '../src/core/knowledge/parse-knowledge.js';
import type { Fact, SynonymGroup, TimelineEvent } from '../src/core/knowledge/schema.js';

/** A deterministic word maker (a 32-bit LCG, its high bits), so each generated copy brings words of its own. */
function wordMaker(seed: number): () => string {
  let s = seed >>> 0;
  const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'sa', 'vo', 'ne', 'di', 'po', 'ga', 'zu', 'ri', 'ba', 'xo', 'fe'];
  return () => {
    let w = '';
    for (let i = 0; i < 4; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      w += syllables[(s >>> 16) % syllables.length];
    }
    return w;
  };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites a text with each name written as another of its group's names, chosen by the copy number. */
function nameRotator(synonyms: readonly SynonymGroup[]): (text: string, copy: number) => string {
  const groups = synonyms
    .filter((g) => /^\p{Lu}/u.test(g.terms[0] ?? g.matchCase?.[0] ?? ''))
    .map((g) => [...g.terms, ...(g.matchCase ?? [])]);
  const groupOf = new Map<string, string[]>();
  for (const g of groups) for (const t of g) if (!groupOf.has(t)) groupOf.set(t, g);
  const all = [...groupOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  if (all.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\w-])(${all.join('|')})(?![\\w-])`, 'g');
  return (text, copy) =>
    text.replace(pattern, (name) => {
      const g = groupOf.get(name)!;
      return g[(g.indexOf(name) + copy) % g.length]!;
    });
}

/** The shipped knowledge with its facts, brief claims (as facts) and events copied 100 times, ids and words varied. */
export function hundredfold(base: Knowledge): Knowledge {
  const word = wordMaker(7);
  const rotate = nameRotator(base.synonyms);
  const claims: Fact[] = [...base.briefs.values()].flatMap((b) =>
    b.sections.flatMap((s) => s.claims.map((c, i) => ({ id: c.id ?? `${b.id}-${i}`, text: c.text, cite: c.cite, tags: [s.heading] }))),
  );
  const facts: Fact[] = [];
  const events: TimelineEvent[] = [];
  for (let copy = 0; copy < 100; copy++) {
    const vary = (text: string): string => `${rotate(text, copy).replace(/\d+/g, (n) => String(Number(n) + copy))} ${word()} ${word()} ${word()}`;
    for (const f of [...base.facts, ...claims]) facts.push({ ...f, id: `${f.id}-g${copy}`, text: vary(f.text) });
    for (const e of base.events) events.push({ ...e, id: `${e.id}-g${copy}`, title: vary(e.title) });
  }
  return { ...base, facts, events };
}
