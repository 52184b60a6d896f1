import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNote } from '../src/core/knowledge/notes.js';
import type { Citation } from '../src/core/knowledge/schema.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SHARED_CORPUS, shippedKnowledge } from './doubles/fixture-kb.js';

const kb = shippedKnowledge();
const hasCorpus = existsSync(SHARED_CORPUS);

/** Every citation in the knowledge base, with whether it backs a disagreement. */
function allCitations(): { cite: Citation; inDisagreement: boolean }[] {
  const out: { cite: Citation; inDisagreement: boolean }[] = [];
  const visit = (value: unknown, inDisagreement: boolean): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, inDisagreement));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'cite') (child as Citation[]).forEach((c) => out.push({ cite: c, inDisagreement }));
        else visit(child, inDisagreement || key === 'disagreement');
      }
    }
  };
  visit([...kb.briefs.values(), kb.events, kb.facts], false);
  return out;
}

/** The 1-based number of the registry note a citation rests on, whether it names it by id or by number. */
function noteNumber(c: Citation): number | undefined {
  return findNote(kb.sources.get(c.source), c.note)?.n;
}

const factText = kb.facts
  .map((f) => `${f.text} ${f.disagreement?.text ?? ''} ${(f.tags ?? []).join(' ')}`)
  .join('\n')
  .toLowerCase()
  .replace(/(\d),(\d)/g, '$1$2');

describe('the shipped knowledge base', () => {
  it('holds well over 100 atomic facts, the two briefs, dated events and milestones', () => {
    expect(kb.facts.length).toBeGreaterThan(150);
    expect([...kb.briefs.keys()].sort()).toEqual(['proposals', 'status']);
    expect(kb.events.length).toBeGreaterThan(30);
    expect(kb.events.filter((e) => e.milestone).map((e) => e.kind)).toContain('expiry');
  });

  it('registers every document and record of the corpus, and cites each of them', () => {
    const cited = new Set(allCitations().map((c) => c.cite.source));
    for (const id of kb.sources.keys()) expect(cited, id).toContain(id);
  });

  it.each([
    ['when Kenyan police first arrived', 'peoplesdispatch-2025-04-07', 1],
    ['the first casualty', 'peoplesdispatch-2025-04-07', 2],
    ['the trust fund', 'nation-2025-05', undefined],
    ['the waiver amount', 'globalobservatory-2025-03', 3],
    ['the 2022 force\'s UN status', 'rapidforce-2022-10', 1],
    ['the mandate\'s exact end', 'unsc-res-2751', undefined],
  ])('says where the sources disagree on %s, citing the other side', (_topic, source, note) => {
    const sides = allCitations().filter((c) => c.inDisagreement && c.cite.source === source && (note === undefined || noteNumber(c.cite) === note));
    expect(sides.length).toBeGreaterThan(0);
  });

  it('cites every known-error note of every document somewhere', () => {
    const cited = new Set(allCitations().map((c) => `${c.cite.source}#${noteNumber(c.cite)}`));
    for (const source of kb.sources.values()) {
      source.notes.forEach((_, i) => expect(cited, `${source.id} note ${i + 1}`).toContain(`${source.id}#${i + 1}`));
    }
  });

  it('marks the end of the mission\'s authorization as a milestone, with the documents\' month beside the record\'s day', () => {
    const end = kb.events.find((e) => e.milestone && e.kind === 'expiry' && e.date === '2025-10-02');
    expect(end?.precision).toBe('day');
    expect(end?.disagreement?.cite.map((c) => c.source)).toContain('nation-2025-05');
  });

  it('gives every milestone a stake line with its own citations', () => {
    const milestones = kb.events.filter((e) => e.milestone);
    for (const e of milestones) {
      expect(e.stake, e.id).toBeTruthy();
      expect(e.stakeCite?.length, e.id).toBeGreaterThan(0);
    }
  });

  it('holds the Gang Suppression Force\'s initial authorization as a derived, month-precision milestone', () => {
    const gsf = kb.events.find((e) => e.id === 'ev-gsf-initial-authorization-ends');
    expect(gsf).toMatchObject({ milestone: true, kind: 'expiry', date: '2026-09', precision: 'month' });
    expect(gsf?.cite.map((c) => c.source)).toEqual(['unsc-res-2793']);
  });

  it('gives every brief claim two to four questions a reader would type, none repeating another statement\'s', () => {
    const seen = new Map<string, string>();
    for (const brief of kb.briefs.values()) {
      for (const claim of brief.sections.flatMap((s) => s.claims)) {
        expect(claim.asks?.length, claim.id).toBeGreaterThanOrEqual(2);
        expect(claim.asks?.length, claim.id).toBeLessThanOrEqual(4);
        for (const ask of claim.asks ?? []) {
          const key = ask.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
          expect(seen.get(key), `${claim.id}: "${ask}"`).toBeUndefined();
          expect(key, claim.id).not.toBe(claim.text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
          seen.set(key, claim.id ?? '');
        }
      }
    }
  });

  it('labels, in the briefs, every statement resting only on analysis or opinion with whose view it is', () => {
    const genre = (id: string) => kb.sources.get(id)?.genre;
    for (const brief of kb.briefs.values()) {
      for (const claim of brief.sections.flatMap((s) => s.claims)) {
        const own = claim.cite.filter((c) => c.note === undefined).map((c) => genre(c.source));
        if (own.length > 0 && own.every((g) => g === 'analysis' || g === 'opinion')) expect(claim.says, claim.id).toBeDefined();
      }
    }
  });

  it.skipIf(!hasCorpus)('states every figure of every document in at least one fact', () => {
    for (const doc of [...kb.sources.values()].filter((s) => s.file)) {
      const text = readFileSync(join(SHARED_CORPUS, doc.file!), 'utf8');
      // Dates in bylines ("April 07, 2025") are the source's own date, kept in the registry.
      const figures = [...text.matchAll(/\d[\d,.]*/g)].map((m) => m[0].replace(/[.,]$/, '').replace(/,/g, '')).filter((n) => n !== '07');
      for (const figure of new Set(figures)) expect(factText, `${doc.id}: ${figure}`).toContain(figure);
    }
  });

  it('names every person, organization and place of the documents in at least one fact', () => {
    const names = [
      'Guterres', 'Rubio', 'Ruto', 'Mudavadi', 'Whitman', 'Ombaka', 'Kabiru', 'Kanja', 'Moïse', 'Forti', 'Penland',
      'Kaetuai', 'Duvalier', 'Trump', 'Biden', 'Odelyn Joseph', 'Security Council', 'BINUH', 'MINUSTAH', 'Crisis Group',
      'African Union', 'Organization of American States', 'Senate Foreign Relations Committee', 'Haitian National Police',
      'NTV', 'Haitian Times', 'Dominican Republic', 'Panama', 'Somalia', 'South Sudan', 'Congo', 'Port-au-Prince',
      'Delmas', 'Mirebalais', 'Pont-Sonde', 'Nairobi', 'New York', 'France', 'China', 'Russia', 'Caribbean',
    ];
    for (const name of names) expect(factText, name).toContain(name.toLowerCase());
  });

  it.skipIf(!existsSync(resolve(SHARED_CORPUS, '../tools/corpus-overlap')))('copies no passage of a document', () => {
    const tool = resolve(SHARED_CORPUS, '../tools/corpus-overlap');
    expect(execFileSync(tool, { cwd: PROJECT_ROOT, encoding: 'utf8' })).toBe('');
  });
});
