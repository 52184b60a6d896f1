import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cliAnswer } from '../../src/cli.js';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';

/**
 * The blind development set (../shared/eval/dev-questions.json, written from the documents by someone who never
 * saw briefs/). It MEASURES the answer engine; nothing in the engine, the asks or the synonyms was written from
 * its questions. The engine's threshold and weights were chosen on tests/answers/eval-set.yaml and
 * tests/answers/fresh-set.yaml (written before any failure here was looked at), then checked here.
 * Scored as its "about" says: an answerable item or a follow-up is correct when the bot answers, the answer's
 * statements (not the echoed question, not the quotes of its sources) hold a string of every "expect" group,
 * case-insensitively, and it cites one of the "sources"; an unanswerable item is correct when the bot refuses.
 */
const DEV_SET = resolve(PROJECT_ROOT, '../shared/eval/dev-questions.json');
const NOW = '2025-10-15T09:00:00Z';
/**
 * What issue 10 asks of the engine. The follow-ups' is met and asserted; the other two are not met as of this
 * commit (the scores it prints are in the branch's closing note), so the test reports them against their
 * thresholds; make it assert each (see `meets` below) as soon as it is met.
 */
const THRESHOLDS = { answerable: 0.9, unanswerable: 0.95, followups: 0.85 };
/**
 * The reader sets' scores when last measured, rounded down: the first 93/130, 32/44, 27/32; the second 71/100,
 * 34/40, 22/30 (the asks rewritten in other words gained 4 and 3 answers and lost one refusal on each). Reading
 * "deployed" and "deployment" as one stem lost one follow-up on the first (30/32) and one refusal on the second
 * (33/40), where "deploy" became a common word; it gained one answer on the development set and one on eval-set.
 * Capping a name's weight at twice the question's weightiest other word refused two more on the first (35/44) and
 * three more on the second (36/40), which lost one follow-up (24/30). Ending the noun phrase after "which" at an
 * irregular past ("which countries sent police") refused one more on the second (37/40). Reading "who leads X", "who
 * runs X" and "who is in charge of X" as asking for X's leader, said beside X, refused one more there (38/40).
 * Reading "per the <source>" as "according to the <source>" answered one more on each (101/130, 76/100).
 * Asking less of a question of more than five words (0.05 less coverage for each more, down to 0.60) answered 7
 * more on the first (108/130) and lost one refusal there (34/44), and 9 more on the second (85/100). Reading
 * "rather than" as no comparison and a month with its year ("in October 2023") as a date answered two more on the
 * first (110/130).
 */
const READER_SETS = [
  { file: 'tests/answers/reader-set.json', name: 'Reader set', floors: { answerable: 0.84, unanswerable: 0.77, followups: 0.93 } },
  { file: 'tests/answers/reader-set-2.json', name: 'Second reader set', floors: { answerable: 0.85, unanswerable: 0.95, followups: 0.8 } },
];

const answerable = z.object({ q: z.string(), expect: z.array(z.array(z.string())), sources: z.array(z.string()), kind: z.string().optional() });
const devSet = z.object({
  answerable: z.array(answerable),
  unanswerable: z.array(z.object({ q: z.string() })),
  followups: z.array(answerable.extend({ context: z.enum(['status', 'proposals', 'dates']) })),
});

/** What an answer states: its statements' labels, texts and stated disagreements. */
function statements(reply: Reply): string {
  return reply.sections
    .flatMap((s) => s.claims.flatMap((c) => [c.label ?? '', c.text, c.disagreement?.text ?? '']))
    .join('\n')
    .toLowerCase();
}

function correct(reply: Reply, item: z.infer<typeof answerable>): boolean {
  if (!reply.answered) return false;
  const said = statements(reply);
  const cites = new Set(reply.citations.map((c) => c.sourceId));
  return item.expect.every((group) => group.some((s) => said.includes(s.toLowerCase()))) && item.sources.some((id) => cites.has(id));
}

const share = (right: number, all: number): string => `${right}/${all} (${((100 * right) / Math.max(all, 1)).toFixed(1)}%)`;

type QuestionSet = z.infer<typeof devSet>;
interface Scores {
  answerable: number;
  unanswerable: number;
  followups: number;
  report: string;
}

/** Scores a set as its "about" says, through the function `brief ask` answers with (no CORPUS_DIR: no passages). */
async function score(name: string, set: QuestionSet): Promise<Scores> {
  const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date(NOW)));
  const ask = (q: string, context?: string): Promise<Reply> => cliAnswer(engine, q.split(/\s+/), context);
  const kinds = new Map<string, { right: number; all: number }>();
  let answered = 0;
  for (const item of set.answerable) {
    const ok = correct(await ask(item.q), item);
    const k = kinds.get(item.kind ?? 'other') ?? { right: 0, all: 0 };
    kinds.set(item.kind ?? 'other', { right: k.right + Number(ok), all: k.all + 1 });
    answered += Number(ok);
  }
  let refused = 0;
  for (const item of set.unanswerable) refused += Number(!(await ask(item.q)).answered);
  let followed = 0;
  for (const item of set.followups) followed += Number(correct(await ask(item.q, item.context), item));
  const scores = { answerable: answered / set.answerable.length, unanswerable: refused / set.unanswerable.length, followups: followed / set.followups.length };
  const meets = (Object.keys(THRESHOLDS) as (keyof typeof THRESHOLDS)[]).filter((k) => scores[k] >= THRESHOLDS[k]);
  const report = [
    `${name}: answerable ${share(answered, set.answerable.length)}, unanswerable refused ${share(refused, set.unanswerable.length)}, ` +
      `follow-ups ${share(followed, set.followups.length)}; at or above issue 10's threshold: ${meets.join(', ') || 'none'}`,
    ...[...kinds].sort().map(([kind, k]) => `  ${kind}: ${share(k.right, k.all)}`),
  ].join('\n');
  return { ...scores, report };
}

describe.skipIf(!existsSync(DEV_SET))('the blind development set, through the function `brief ask` answers with', () => {
  it('scores each section, and each kind of answerable question, against its threshold', async () => {
    const set = devSet.parse(JSON.parse(readFileSync(DEV_SET, 'utf8')));
    const scores = await score('Development set', set);
    console.log(scores.report);
    expect(set.answerable.length + set.unanswerable.length + set.followups.length).toBeGreaterThan(0);
    // Met, so asserted: the follow-ups (26/30 when first met).
    expect(scores.followups).toBeGreaterThanOrEqual(THRESHOLDS.followups);
  });
});

/**
 * The reader sets (tests/answers/reader-set*.json): written from the documents alone by sessions that never saw
 * briefs/ or the development set. The first was then used to measure the engine's changes (so not blind); the
 * second only as a check, in aggregate (see each one's "about"). They ship with the project, so they run
 * everywhere; their floors are the scores last measured, so a change that loses ground on them fails.
 */
describe.each(READER_SETS)('the $name ($file), through the function `brief ask` answers with', ({ file, name, floors }) => {
  it('scores each section, and keeps at least the scores it had when last measured', async () => {
    const set = devSet.parse(JSON.parse(readFileSync(resolve(PROJECT_ROOT, file), 'utf8')));
    const scores = await score(name, set);
    console.log(scores.report);
    expect(scores.answerable).toBeGreaterThanOrEqual(floors.answerable);
    expect(scores.unanswerable).toBeGreaterThanOrEqual(floors.unanswerable);
    expect(scores.followups).toBeGreaterThanOrEqual(floors.followups);
  });
});
