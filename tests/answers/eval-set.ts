import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { decodeAnswerId } from '../../src/core/answers/thread-focus.js';
import type { BriefingEngine } from '../../src/core/engine.js';
import type { Reply } from '../../src/core/reply.js';
import type { ThreadContext } from '../../src/core/request.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const questionSchema = z
  .strictObject({
    q: z.string().min(1),
    rests_on: z.array(z.string()).min(1).optional(),
    unanswerable: z.string().optional(),
    context: z.enum(['status', 'proposals', 'dates']).optional(),
    after: z.string().optional(),
    now: z.iso.datetime().optional(),
  })
  .refine((q) => Boolean(q.rests_on) !== Boolean(q.unanswerable), 'give either rests_on or unanswerable');

const setSchema = z.strictObject({ now: z.iso.datetime(), questions: z.array(questionSchema).min(1) });

export type EvalQuestion = z.infer<typeof questionSchema>;
export interface EvalSet {
  now: string;
  questions: EvalQuestion[];
}

/** Reads an evaluation set (tests/answers/*.yaml). */
export function loadEvalSet(file = 'tests/answers/eval-set.yaml'): EvalSet {
  return setSchema.parse(parse(readFileSync(resolve(PROJECT_ROOT, file), 'utf8')));
}

export interface EvalOutcome {
  question: EvalQuestion;
  reply: Reply;
  /** The statements the answer rests on, decoded from its thread context. */
  restsOn: string[];
  correct: boolean;
  why: string;
}

/** Asks one question the way a user would in its thread (after the earlier question, when it has one). */
export async function ask(engineAt: (iso: string) => BriefingEngine, set: EvalSet, q: EvalQuestion): Promise<Reply> {
  const engine = engineAt(q.now ?? set.now);
  let thread: ThreadContext | undefined = q.context ? { kind: q.context } : undefined;
  if (q.after) thread = (await engine.answerText(q.after)).context;
  return engine.answerText(q.q, thread ? { thread } : {});
}

/** Judges one reply: an unanswerable question must be refused; an answerable one must rest first on a listed id. */
export function judge(q: EvalQuestion, reply: Reply): Omit<EvalOutcome, 'question' | 'reply'> {
  const restsOn = reply.answered && reply.context?.kind === 'answer' ? decodeAnswerId(reply.context.id) : [];
  if (q.unanswerable) {
    const refused = !reply.answered && reply.citations.length === 0;
    return { restsOn, correct: refused, why: refused ? 'refused' : `answered from ${restsOn.join(', ')}` };
  }
  if (!reply.answered) return { restsOn, correct: false, why: 'refused' };
  const first = restsOn[0] ?? '';
  const ok = (q.rests_on ?? []).includes(first);
  return { restsOn, correct: ok, why: ok ? `rests on ${first}` : `rests on ${restsOn.join(', ')}` };
}

export async function runEvalSet(engineAt: (iso: string) => BriefingEngine, set: EvalSet): Promise<EvalOutcome[]> {
  const out: EvalOutcome[] = [];
  for (const question of set.questions) {
    const reply = await ask(engineAt, set, question);
    out.push({ question, reply, ...judge(question, reply) });
  }
  return out;
}
