import { afterEach, describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { readCorpus } from '../../src/core/knowledge/read-knowledge.js';
import { fixedClock } from '../../src/core/ports.js';
import { BLOCK_KIT_LIMITS } from '../../src/render/block-kit.js';
import type { RecordedCall } from '../doubles/fake-slack-api.js';
import { editedFixture, FIXTURE_CORPUS } from '../doubles/fixture-kb.js';
import { BOT_TOKEN, NOW, RecordingEngine, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
});

const blocksText = (call: RecordedCall): string => JSON.stringify(call.body.blocks ?? []);
const isPost = (c: RecordedCall): boolean => c.method === 'chat.postMessage';
const isResponse = (c: RecordedCall): boolean => c.method === 'response_url';

describe('/haiti over HTTP, through the real Bolt app', () => {
  it('acknowledges before it answers, then posts the brief in the channel', async () => {
    h = await startHarness();
    let release = (): void => undefined;
    h.engine.gate = new Promise<void>((resolve) => (release = resolve));
    const ack = await h.command({ text: 'status' });
    expect(ack).toMatchObject({ status: 200, text: '' });
    expect(ack.ms).toBeLessThan(3000);
    // The engine is still held: the ack did not wait for the answer.
    expect(h.engine.requests).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    release();
    const post = await h.fake.waitFor(isPost);
    expect(post.body.channel).toBe('C0BRIEFS');
  });

  it('still answers what it acknowledged when it is stopped', async () => {
    h = await startHarness();
    let release = (): void => undefined;
    h.engine.gate = new Promise<void>((resolve) => (release = resolve));
    await h.command({ text: 'dates' });
    const stopped = h.stop().then(() => 'stopped');
    const pending = new Promise((resolve) => setTimeout(() => resolve('pending'), 50));
    expect(await Promise.race([stopped, pending])).toBe('pending');
    release();
    expect(await stopped).toBe('stopped');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts a status brief in the channel: cited sections, linked sources, who asked, and its context in metadata', async () => {
    h = await startHarness();
    await h.command({ text: 'status', user: 'U0JANE', userName: 'jane' });
    const post = await h.fake.waitFor(isPost);
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: "Haiti's security mission: where it stands" } });
    const blocks = blocksText(post);
    // The clock is 1 June 2025: the brief rests on what was published by then.
    expect(blocks).toContain('Asked by <@U0JANE> with `/haiti status`');
    expect(blocks).not.toContain('@jane');
    expect(blocks).toContain(':calendar: As of 7 April 2025 (newest source).');
    // On 1 June 2025 the headline (which rests on later sources) is left out; the key points known then remain.
    expect(blocks).not.toContain('In early 2025 the Kenyan-led MSS');
    expect(blocks).toMatch(/• \*Gang control:\* [^"]+ \[1\]/);
    expect(blocks).toContain('Sources: [1] <https://peoplesdispatch.org/');
    expect(blocks).toContain('Every section, with quotes: `/haiti status full`');
    expect(post.body.text).toMatch(/^Haiti's security mission: where it stands\nAs of 7 April 2025/);
    expect(post.body.metadata).toEqual({ event_type: 'haiti_brief_reply', event_payload: { kind: 'status' } });
    expect(post.body.unfurl_links).toBe('false');
    expect(h.engine.requests[0]?.request).toMatchObject({ channel: { platform: 'slack', id: 'C0BRIEFS' }, user: { id: 'U0JANE' } });
    expect(h.engine.requests[0]?.request.user).toEqual({ id: 'U0JANE' }); // the user id, never the legacy user_name
    await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered');
  });

  it('answers a question asking for a brief as a whole ("what is the current status?") with that brief', async () => {
    h = await startHarness();
    await h.command({ text: 'what is the current status?' });
    const post = await h.fake.waitFor(isPost);
    expect(post.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: "Haiti's security mission: where it stands" } });
  });

  it('posts briefs and answers in the channel with citations, and help, errors and reminder changes to the asker only', async () => {
    h = await startHarness();
    const channelReplies = {
      proposals: 'Proposals',
      dates: 'Key dates',
      sources: 'Sources behind every answer',
      'source nation-2025-05': 'Why Kenya could extend Haiti mission',
      'ask when does the mandate expire?': 'Q: when does the mandate expire?',
    };
    for (const [text, header] of Object.entries(channelReplies)) {
      const before = h.fake.callsTo('chat.postMessage').length;
      await h.command({ text });
      const post = await h.fake.waitFor((c) => isPost(c) && h.fake.callsTo('chat.postMessage').indexOf(c) >= before);
      expect(post.body.blocks[0].text.text, text).toContain(header);
      if (text !== 'sources') expect(blocksText(post), text).toMatch(/\[1\]/);
      if (text === 'ask when does the mandate expire?') expect(blocksText(post), text).toContain('*Sources*');
      if (text === 'proposals' || text === 'dates') expect(blocksText(post), text).toContain('Sources: [1] <https://');
    }
    const privateReplies = { help: 'Haiti Brief: commands', 'remind on 30,7,1': 'Milestone reminders', 'remind on abc': 'Haiti Brief: remind', stauts: 'Haiti Brief', 'source nope': 'No such source' };
    const posts = h.fake.callsTo('chat.postMessage').length;
    for (const [text, header] of Object.entries(privateReplies)) {
      const url = h.fake.responseUrl(`private-${text}`);
      await h.command({ text, responseUrl: url });
      const response = await h.fake.waitFor((c) => isResponse(c) && c.body.text !== undefined && c.body.blocks?.[0]?.text?.text.startsWith(header));
      expect(response.body.response_type, text).toBe('ephemeral');
      expect(response.authorization).toBeUndefined();
    }
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('escapes what the asker typed, so `/haiti ask <!channel> ...` never pings anyone', async () => {
    h = await startHarness();
    // As Slack sends it: mentions as tokens, the person's own &, < and > as entities.
    await h.command({ text: 'ask <!channel> <@U0BOSS> who pays &amp; how?', userName: 'jane' });
    const post = await h.fake.waitFor(isPost);
    // Mentions are people, not words: they are neither read as part of the question nor echoed.
    expect(h.engine.requests[0]?.text).toBe('ask who pays & how?');
    expect(post.body.blocks[0].text.text).toBe('Q: who pays &amp; how?');
    expect(blocksText(post)).toContain('Asked by <@U0ANALYST> with `/haiti ask who pays &amp; how?`');
    for (const call of h.fake.calls) {
      expect(JSON.stringify(call.body)).not.toMatch(/<!channel>|<@U0BOSS>/);
    }
  });

  it('waits out a 429 from the Web API (Retry-After) and then posts', async () => {
    h = await startHarness();
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 0 });
    await h.command({ text: 'status' });
    await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('retries a 5xx with backoff and then posts', async () => {
    h = await startHarness();
    h.fake.script('chat.postMessage', { status: 503 }, { status: 500 });
    await h.command({ text: 'dates' });
    await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 500, 200]);
  });

  it('after the last retry, logs the channel and what was lost (never the token) and tells the asker', async () => {
    h = await startHarness();
    h.fake.script('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 });
    await h.command({ text: 'status', channel: 'C0LOST', user: 'U0JANE' });
    const lost = await h.logs.waitFor((l) => l.outcome === 'lost');
    expect(lost).toMatchObject({ level: 50, event: 'slack.command', channel: 'C0LOST', lost: 'the status reply to U0JANE', error: 'http_500' });
    const told = await h.fake.waitFor((c) => isResponse(c) && /nothing was posted/.test(String(c.body.text)));
    expect(told.body.response_type).toBe('ephemeral');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(3);
    for (const line of h.logs.raw) expect(line).not.toContain(BOT_TOKEN);
  });

  it('answers through the response_url where the bot is not a member, and tells the asker how to invite it', async () => {
    h = await startHarness();
    h.fake.leave('C0OUTSIDE');
    const url = h.fake.responseUrl('outside');
    await h.command({ text: 'status', channel: 'C0OUTSIDE', responseUrl: url });
    const shown = await h.fake.waitFor((c) => isResponse(c) && c.body.response_type === 'in_channel');
    expect(shown.body.blocks[0].text.text).toBe("Haiti's security mission: where it stands");
    expect(JSON.stringify(shown.body.blocks)).toContain('Asked by <@U0ANALYST>');
    const hint = await h.fake.waitFor((c) => isResponse(c) && c.body.response_type === 'ephemeral');
    expect(hint.body.text).toContain('`/invite @Haiti Brief`');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['C0OUTSIDE']);
    await h.logs.waitFor((l) => l.reason === 'not_in_channel' && l.visibility === 'response_url');
  });

  it('posts a full brief too long for one message as several, the rest in the first one’s thread, each within Slack’s limits', async () => {
    const filler = (s: number, c: number): string =>
      `Section ${s} claim ${c} restates, in our own words and at deliberate length, what the sample record says about the harbour ` +
      'town mission, so that the rendered brief far exceeds what one Slack message can hold. '.repeat(6);
    const sections = Array.from({ length: 70 }, (_, s) => ({
      heading: `Part ${s}`,
      claims: Array.from({ length: 6 }, (_, c) => ({ text: filler(s, c), cite: [{ source: 'sample-record' }] })),
    }));
    const status = `brief:\n  id: status\n  title: ${'A very long title that goes on '.repeat(8)}\n  sections: ${JSON.stringify(sections)}\n`;
    const parsed = parseKnowledge(editedFixture({ 'status.yaml': () => status }), readCorpus(FIXTURE_CORPUS) ?? undefined);
    if (!parsed.knowledge) throw new Error(JSON.stringify(parsed.problems));
    h = await startHarness({ engine: new RecordingEngine(parsed.knowledge, fixedClock(NOW)) });
    await h.command({ text: 'status full' });
    const logged = await h.logs.waitFor((l) => l.event === 'slack.command' && l.outcome === 'answered', 20_000);
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts.length).toBe(logged.messages);
    expect(posts.length).toBeGreaterThan(4);
    expect(posts.every((p) => p.response.ok === true)).toBe(true);
    const [first, ...rest] = posts;
    expect(first?.body.thread_ts).toBeUndefined();
    for (const p of rest) expect(p.body.thread_ts).toBe(first?.response.ts);
    for (const p of posts) {
      const blocks = p.body.blocks as { type: string; text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocks);
      expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.headerText);
      for (const b of blocks.filter((x) => x.type === 'section')) expect(b.text?.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
      expect(String(p.body.text).length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.fallbackText);
      expect(p.body.metadata).toEqual({ event_type: 'haiti_brief_reply', event_payload: { kind: 'status' } });
    }
    const all = posts.map(blocksText).join('\n');
    for (let s = 0; s < 70; s++) for (let c = 0; c < 6; c++) expect(all).toContain(`Section ${s} claim ${c} restates`);
  }, 30_000);
});
