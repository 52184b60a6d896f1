import { AnswerEngine } from '/work/wt-10/src/core/answers/answer-engine.js';
import { questionShape, withoutMeasureWords } from '/work/wt-10/src/core/answers/question.js';
import { fixedClock } from '/work/wt-10/src/core/ports.js';
import { shippedKnowledge } from '/work/wt-10/tests/doubles/fixture-kb.js';
const k = shippedKnowledge();
const e = new AnswerEngine(k, fixedClock(new Date('2025-10-15T09:00:00Z')));
const p = (e as any).pipeline;
for (const q of process.argv.slice(2)) {
  const units = p.units(withoutMeasureWords(q), (w:string)=>(e as any).lexicon.senses(w)>0).map((u: any) => e.index.expand(u));
  console.log('\n##', q, JSON.stringify(questionShape(q)));
  console.log('  units:', units.map((u: any) => `${u.raw}[${u.terms.map((t: any) => t.term + (t.weight < 1 ? '~' + t.weight : '') + ':' + e.index.count(t.term)).join(',')}]`).join(' '));
  for (const c of e.index.find({ units }).slice(0, 6)) console.log(`  ${c.score.toFixed(2)} cov=${c.coverage.toFixed(2)} ${c.statement.id}: ${c.statement.text.slice(0, 110)}`);
  const r = e.answer(q, new Date('2025-10-15T09:00:00Z'));
  console.log('  =>', r.answered ? r.sections.flatMap((s) => s.claims.map((c) => c.text.slice(0, 100))).join(' || ') : 'REFUSED');
}
