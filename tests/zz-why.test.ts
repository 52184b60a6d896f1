import { it } from 'vitest';
import { AnswerEngine } from '../src/core/answers/answer-engine.js';
import { askingSentence, questionShape, withoutFraming } from '../src/core/answers/question.js';
import { fixedClock } from '../src/core/ports.js';
import { WordNet } from '../src/core/answers/wordnet.js';
import { shippedKnowledge } from './doubles/fixture-kb.js';
it('why', async () => {
  const kb = shippedKnowledge();
  const e = new AnswerEngine(kb, fixedClock(new Date('2025-10-15T09:00:00Z')));
  const p = (e as any).pipeline; const lex = WordNet.shared();
  const out: string[] = [];
  for (const q of (process.env.QS ?? '').split('|').filter(Boolean)) {
    const { asking } = askingSentence(q);
    const shape = questionShape(asking, (w) => lex.nounKind(w));
    const known = (w: string) => lex.senses(w) > 0;
    const units = p.units(withoutFraming(asking), known);
    out.push(`Q: ${q}\n  shape: wants=${shape.wants} role=${shape.role ?? ''} counted=${shape.counted ?? ''} compares=${shape.compares ?? ''}`);
    out.push('  units: ' + units.map((u: any) => `${u.raw}[${u.terms.map((t: any) => t.term + (t.weight < 1 ? '~' + t.weight : '')).join(',')}] inf=${e.index.informative(u).toFixed(2)}`).join('  '));
    const found = e.index.find({ units, hints: [], wants: shape.wants });
    for (const c of found.slice(0, Number(process.env.TOP ?? 4))) out.push(`   places=${(e as any).decision.placesIn(c.statement.id, `${c.statement.label ?? ""} ${c.statement.fields.text}`).map((p: any) => p.term + (p.named ? "*" : ""))} ${c.coverage.toFixed(2)} ${c.score.toFixed(1)} ${c.statement.id}: ${c.statement.fields.text.slice(0, 110)}\n        held=${[...c.terms].join(',')}`);
    const r = e.answer(q, new Date('2025-10-15T09:00:00Z'), process.env.CTX ? ({ kind: process.env.CTX } as any) : undefined);
    out.push(`  => ${r.answered ? 'ANSWERED: ' + r.sections.flatMap((s) => s.claims.map((c) => c.text.slice(0, 80))).join(' || ') : 'REFUSED'}`);
  }
  console.log(out.join('\n'));
}, 120000);
