import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, slackRefusal } from '../doubles/fake-slack-api.js';
import { loadEvalSet } from '../answers/eval-set.js';
import { knowledge, startHarness, type Harness } from './harness.js';

let h: Harness;
let fake: FakeSlackApi;

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  h = await startHarness({ fake });
});

afterAll(async () => {
  await h.stop();
  await fake.close();
});

describe('every reply kind within Slack’s limits, through the real app and a fake that refuses what Slack refuses', () => {
  it('refuses what Slack refuses: more than 12,000 characters of text across blocks, a long section, 51 blocks', () => {
    const section = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(n) } });
    expect(slackRefusal('t', Array.from({ length: 5 }, () => section(2_900)))).toBe('msg_blocks_too_long');
    expect(slackRefusal('t', [section(3_001)])).toBe('invalid_blocks');
    expect(slackRefusal('t', Array.from({ length: 51 }, () => section(1)))).toBe('invalid_blocks');
    expect(slackRefusal('x'.repeat(40_001), [])).toBe('msg_too_long');
    expect(slackRefusal('t', Array.from({ length: 4 }, () => section(2_900)))).toBeNull();
  });

  it('posts each brief (short and full), every source, help and a hundred answers without one refusal', async () => {
    const questions = loadEvalSet().questions.map((q) => q.q).slice(0, 100);
    expect(questions).toHaveLength(100);
    const commands = [
      'status', 'status full', 'proposals', 'proposals full', 'dates', 'dates full', 'sources', 'help', 'help source',
      ...[...knowledge().sources.keys()].map((id) => `source ${id}`),
      ...questions.map((q) => `ask ${q}`),
    ];
    for (const [i, text] of commands.entries()) {
      await h.command({ text });
      await h.logs.waitFor((l) => l.event === 'slack.command' && h.logs.lines.filter((x) => x.event === 'slack.command').indexOf(l) === i, 20_000);
    }
    const outcomes = h.logs.lines.filter((l) => l.event === 'slack.command').map((l) => l.outcome);
    expect(outcomes.every((o) => o === 'answered'), JSON.stringify(outcomes.filter((o) => o !== 'answered'))).toBe(true);
    const sent = fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'response_url');
    expect(sent.length).toBeGreaterThanOrEqual(commands.length);
    for (const call of sent) expect(call.response.ok, JSON.stringify(call.response)).toBe(true);
    const threads = fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts);
    expect(threads.length).toBeGreaterThanOrEqual(6); // the full forms, in their briefs' threads
  }, 120_000);
});
