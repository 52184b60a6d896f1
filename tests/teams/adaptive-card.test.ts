import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { CARD_BUDGET_BYTES, CARD_VERSION, renderAdaptiveCard, renderAdaptiveCards, type AdaptiveCard } from '../../src/render/adaptive-card.js';
import { cardLink, escapeCardText } from '../../src/render/card-markdown.js';
import { engineAt } from './teams-harness.js';

const bytes = (card: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
const texts = (card: AdaptiveCard): string[] => card.body.map((b) => ('text' in b ? b.text : ''));

/** A reply far over Teams' size limit: many long claims, each citing its own source. */
function hugeReply(claims = 300): Reply {
  return {
    kind: 'dates',
    answered: true,
    title: 'Every date',
    asOf: { date: '2025-09-30', precision: 'day' },
    sections: [
      {
        heading: 'Events',
        claims: Array.from({ length: claims }, (_, i) => ({ label: `Event ${i + 1}`, text: `Something happened. ${'Details '.repeat(40)}`, citations: [i + 1] })),
      },
    ],
    citations: Array.from({ length: claims }, (_, i) => ({ n: i + 1, sourceId: `src-${i + 1}`, quote: `quote ${i + 1}`, url: `https://example.org/${i + 1}` })),
    sources: Array.from({ length: claims }, (_, i) => ({
      id: `src-${i + 1}`,
      publisher: 'Publisher',
      title: `Document ${i + 1}`,
      date: { date: '2025-01', precision: 'month' as const },
      url: `https://example.org/${i + 1}`,
    })),
    warnings: ['The newest source here is old.'],
    suggestions: ['status'],
    mentions: [],
    context: { kind: 'dates' },
  };
}

/** Walks the card and collects every element and action type with the properties it uses. */
function shapes(card: AdaptiveCard): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of [...card.body, ...(card.actions ?? [])]) {
    const set = out.get(item.type) ?? new Set<string>();
    Object.keys(item).forEach((k) => set.add(k));
    out.set(item.type, set);
  }
  return out;
}

describe('the Adaptive Card renderer', () => {
  const engine = engineAt();

  it('sets version 1.2 and uses only what schema 1.2 (and Teams mobile) renders', async () => {
    const allowed: Record<string, string[]> = {
      TextBlock: ['type', 'text', 'wrap', 'size', 'weight', 'color', 'isSubtle', 'spacing', 'separator'],
      'Input.Text': ['type', 'id', 'placeholder', 'maxLength'],
      'Action.Submit': ['type', 'title', 'data'],
    };
    for (const command of ['status', 'proposals', 'dates', 'sources', 'source nation-2025-05', 'ask who leads the mission?', 'remind on', 'help', 'bogus']) {
      const card = renderAdaptiveCard(await engine.answerText(command));
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: CARD_VERSION, $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
      for (const [type, keys] of shapes(card)) {
        expect(Object.keys(allowed), command).toContain(type);
        for (const key of keys) expect(allowed[type], `${command}: ${type}.${key}`).toContain(key);
      }
    }
  });

  it('fits every shipped brief within the budget whole, with a short text fallback', async () => {
    for (const command of ['status', 'proposals', 'dates', 'sources']) {
      const reply = await engine.answerText(command);
      const card = renderAdaptiveCard(reply);
      expect(bytes(card), command).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(texts(card).join('\n'), command).not.toContain('not shown');
      expect(card.fallbackText.startsWith(reply.title)).toBe(true);
      expect(card.fallbackText.length).toBeLessThanOrEqual(800);
    }
  });

  it('trims a reply over Teams\' size limit to what fits, says how much more there is, and keeps citations whole', () => {
    const reply = hugeReply();
    const card = renderAdaptiveCard(reply);
    expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(bytes(renderAdaptiveCard(reply, { maxBytes: 1e9 }))).toBeGreaterThan(CARD_BUDGET_BYTES * 3);
    const all = texts(card);
    const shown = all.filter((t) => t.startsWith('**Event ')).length;
    expect(shown).toBeGreaterThan(5);
    expect(all).toContain(`${300 - shown} more items are not shown: a Teams message holds about 28 KB. Ask about what you need ("ask \\<question\\>") for a shorter answer.`);
    // Each claim shown has its citation in the sources list; sources of the claims left out are not listed.
    for (let n = 1; n <= shown; n++) expect(all).toContain(`[${n}] “quote ${n}”`);
    expect(all).not.toContain(`[${shown + 1}] “quote ${shown + 1}”`);
    expect(card.actions?.map((a) => a.title)).toEqual(['Ask', 'Where things stand']);
  });

  it('honours a smaller budget and still shows the title, as-of line and warnings', () => {
    const card = renderAdaptiveCard(hugeReply(), { maxBytes: 5_000 });
    expect(bytes(card)).toBeLessThanOrEqual(5_000);
    expect(texts(card).slice(0, 3)).toEqual(['Every date', 'As of 30 September 2025 (newest source).', '⚠ The newest source here is old.']);
  });

  it('is pure: the same reply gives the same card and is left unchanged', async () => {
    const reply = await engine.answerText('status');
    const before = JSON.stringify(reply);
    expect(renderAdaptiveCard(reply)).toEqual(renderAdaptiveCard(reply));
    expect(JSON.stringify(reply)).toBe(before);
  });

  it('escapes text for the card\'s markdown, so typed markup shows as typed', () => {
    expect(escapeCardText('**bold** _it_ [x](https://e.example) `code` ~s~')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\[x\\](https://e.example) \\`code\\` \\~s\\~');
    expect(escapeCardText('- one\n2. two\n> quote\n# head')).toBe('\\- one\n2\\. two\n\\> quote\n\\# head');
    expect(escapeCardText('{{DATE(2025-10-02T00:00:00Z, SHORT)}} a\\b')).toBe('\\{\\{DATE(2025-10-02T00:00:00Z, SHORT)\\}\\} a\\\\b');
    expect(escapeCardText('Kenya, 2.5 million & <at>all</at>')).toBe('Kenya, 2.5 million & \\<at\\>all\\</at\\>');
  });

  it('escapes angle brackets, so HTML from a user is shown as typed, never a link, an image or a mention', () => {
    expect(escapeCardText('<a href="https://evil.example">click</a>')).toBe('\\<a href="https://evil.example"\\>click\\</a\\>');
    expect(escapeCardText('<img src="https://evil.example/x.png" onerror="x()">')).toBe('\\<img src="https://evil.example/x.png" onerror="x()"\\>');
    expect(escapeCardText('<at>Megan Bowen</at>')).toBe('\\<at\\>Megan Bowen\\</at\\>');
    expect(escapeCardText('[click](https://evil.example)')).toBe('\\[click\\](https://evil.example)');
    for (const text of ['<a href="x">y</a>', '<img src=x>', '<at>x</at>']) expect(escapeCardText(text)).not.toMatch(/(^|[^\\])</);
  });

  it('shows the help\'s placeholders as typed, and never tells Teams users to type /haiti', async () => {
    const teams = { channel: { platform: 'teams' as const, id: '19:x' } };
    const help = renderAdaptiveCard(await engine.answerText('help', teams));
    expect(texts(help).join('\n')).toContain('source \\<id\\>');
    expect(texts(help).join('\n')).toContain('ask \\<question\\>');
    for (const command of ['help', 'staus', 'help source', 'status']) {
      expect(JSON.stringify(renderAdaptiveCard(await engine.answerText(command, teams))), command).not.toContain('/haiti');
    }
  });

  it('keeps each short brief to one small card, and gives the full form as more cards, each within the budget', async () => {
    const sizes: string[] = [];
    for (const command of ['status', 'proposals', 'dates']) {
      const short = renderAdaptiveCards(await engine.answerText(command));
      expect(short, command).toHaveLength(1);
      expect(bytes(short[0]!), command).toBeLessThanOrEqual(6_000);
      const full = renderAdaptiveCards(await engine.answerText(`${command} full`));
      expect(full.length, command).toBeGreaterThan(1);
      for (const card of full) expect(bytes(card), command).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(texts(full[1]!).join('\n')).not.toContain('not shown');
      sizes.push(`${command}: ${bytes(short[0]!)} bytes; full: ${full.map(bytes).join(' + ')} bytes`);
    }
    console.log(sizes.join('\n'));
    const split = renderAdaptiveCards(hugeReply());
    expect(split.length).toBeGreaterThan(3);
    for (const card of split) expect(bytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const shown = split.flatMap(texts).filter((t) => t.startsWith('**Event ')).length;
    expect(shown).toBe(300);
  });

  it('links only http(s) URLs and keeps the link\'s markdown intact', () => {
    expect(cardLink('A [report]', 'https://example.org/a_(b)')).toBe('[A \\[report\\]](https://example.org/a_%28b%29)');
    expect(cardLink('Evil', 'javascript:alert(1)')).toBe('Evil');
    expect(cardLink('None', undefined)).toBe('None');
  });

  it('escapes the question in an answer\'s title', async () => {
    const card = renderAdaptiveCard(await engine.answerText('ask is **the mission** _over_?'));
    expect(texts(card)[0]).toBe('Q: is \\*\\*the mission\\*\\* \\_over\\_?');
  });
});
