import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_VERSION } from '../../src/render/adaptive-card.js';
import { escapeCardText } from '../../src/render/card-markdown.js';
import { cardOf, cardText, engineAt, startHarness, teamsMessage, type Harness } from './teams-harness.js';

const engine = engineAt();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ engine });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.connector.reset());

/** Sends one message to the bot over HTTP and returns the card it replied with (the one call it made). */
async function ask(text: string, options: Partial<Parameters<typeof teamsMessage>[1]> = {}) {
  const activity = teamsMessage(text, { serviceUrl: h.connector.url, ...options });
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  expect(h.connector.calls).toHaveLength(1);
  const call = h.connector.calls[0]!;
  expect(call).toMatchObject({ kind: 'reply', conversationId: (activity.conversation as { id: string }).id, replyToId: activity.id });
  return { call, card: cardOf(call) };
}

describe('the Teams bot answers each command with an Adaptive Card, over the real CloudAdapter', () => {
  it('answers status with the brief: title, as-of line, numbered citations and linked sources', async () => {
    const expected = await engine.answerText('status');
    const { card } = await ask('status');
    expect(card.version).toBe(CARD_VERSION);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: escapeCardText(expected.title), weight: 'Bolder' });
    const text = cardText(card);
    expect(text).toContain('Current to 30 September 2025 (newest source).');
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain('\nSources\n');
    expect(text).toMatch(/\]\(https?:\/\/[^)\s]+\)/);
    expect(card.fallbackText.startsWith(expected.title)).toBe(true);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Submit', title: 'Ask', data: { haitiBrief: { ask: true, context: { kind: 'status' } } } });
  });

  it('answers proposals and dates with their briefs and thread contexts', async () => {
    for (const [command, kind] of [['proposals', 'proposals'], ['timeline', 'dates']] as const) {
      h.connector.reset();
      const expected = await engine.answerText(command);
      const { card } = await ask(command);
      expect(card.body[0]).toMatchObject({ text: escapeCardText(expected.title) });
      expect(card.actions?.[0]?.data).toEqual({ haitiBrief: { ask: true, context: { kind } } });
      expect(cardText(card)).toMatch(/\[\d+\]/);
    }
  });

  it('answers sources with the registry and a link per source', async () => {
    const expected = await engine.answerText('sources');
    const { card } = await ask('sources');
    expect(card.body[0]).toMatchObject({ text: escapeCardText(expected.title) });
    const links = cardText(card).match(/\]\(https?:\/\//g) ?? [];
    expect(links.length).toBe(expected.sources.filter((s) => s.url).length);
  });

  it('answers a question with cited facts, and a bare question too', async () => {
    const expected = await engine.answerText('ask when does the mandate expire?');
    expect(expected.citations.length).toBeGreaterThan(0);
    // A conversation of its own: the expected answer is read with no thread context before it.
    const { card } = await ask('ask when does the mandate expire?', { conversationId: 'a:1personal-chat-fresh' });
    expect(card.body[0]).toMatchObject({ text: 'Q: when does the mandate expire?' });
    for (const c of expected.citations) expect(cardText(card)).toContain(`[${c.n}]`);
    h.connector.reset();
    const bare = await ask('when does the mandate expire?');
    expect(bare.card.body[0]).toMatchObject({ text: 'Q: when does the mandate expire?' });
  });

  it('answers remind and help, and offers the suggested commands as buttons', async () => {
    const remind = await ask('remind on 30,7,1');
    expect(remind.card.body[0]).toMatchObject({ text: (await engine.answerText('remind on')).title });
    h.connector.reset();
    const help = await ask('help');
    expect(help.card.body[0]).toMatchObject({ text: 'Haiti Brief: commands' });
    for (const command of ['status', 'proposals', 'dates', 'sources', 'ask', 'remind', 'help']) expect(cardText(help.card)).toContain(command);
    h.connector.reset();
    const typo = await ask('statsu');
    expect(typo.card.actions).toContainEqual({ type: 'Action.Submit', title: 'status', data: { haitiBrief: { command: 'status' } } });
  });

  it('runs the command a suggestion button sends back', async () => {
    const { card } = await ask('', { value: { haitiBrief: { command: 'dates' } } });
    expect(card.body[0]).toMatchObject({ text: escapeCardText((await engine.answerText('dates')).title) });
  });

  it('strips the @mention and a leading /haiti in a channel', async () => {
    const channel = { conversationType: 'channel' as const, mention: true };
    const { card } = await ask('status', channel);
    expect(card.body[0]).toMatchObject({ text: escapeCardText((await engine.answerText('status')).title) });
    h.connector.reset();
    const slash = await ask('/haiti dates', { ...channel, conversationId: '19:general@thread.tacv2;messageid=1500' });
    expect(slash.card.body[0]).toMatchObject({ text: escapeCardText((await engine.answerText('dates')).title) });
  });

  it('escapes what the user typed when it is echoed back', async () => {
    const { card } = await ask('ask what is **this** _really_ [about](https://evil.example) <at>everyone</at>?', { conversationType: 'groupChat' });
    const title = card.body[0] as { text: string };
    expect(title.text).toBe('Q: what is \\*\\*this\\*\\* \\_really\\_ \\[about\\](https://evil.example) everyone?');
    expect(card.body.some((b) => 'text' in b && b.text.includes('[about](https'))).toBe(false);
  });
});
