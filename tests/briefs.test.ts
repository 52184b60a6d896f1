import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    const sides = allCitations().filter((c) => c.inDisagreement && c.cite.source === source && (note === undefined || c.cite.note === note));
    expect(sides.length).toBeGreaterThan(0);
  });

  it('cites every known-error note of every document somewhere', () => {
    const cited = new Set(allCitations().map((c) => `${c.cite.source}#${c.cite.note}`));
    for (const source of kb.sources.values()) {
      source.notes.forEach((_, i) => expect(cited, `${source.id} note ${i + 1}`).toContain(`${source.id}#${i + 1}`));
    }
  });

  it('marks the end of the mission\'s authorization as a milestone, with the documents\' month beside the record\'s day', () => {
    const end = kb.events.find((e) => e.milestone && e.kind === 'expiry' && e.date === '2025-10-02');
    expect(end?.precision).toBe('day');
    expect(end?.disagreement?.cite.map((c) => c.source)).toContain('nation-2025-05');
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
