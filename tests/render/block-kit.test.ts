import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply, ReplySection } from '../../src/core/reply.js';
import { BLOCK_KIT_LIMITS, renderBlockKit, type BlockKitMessage } from '../../src/render/block-kit.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';

/** Every text of a message, with the limit that applies to it. */
function texts(message: BlockKitMessage): { kind: string; text: string; max: number }[] {
  const out: { kind: string; text: string; max: number }[] = [{ kind: 'fallback', text: message.text, max: BLOCK_KIT_LIMITS.fallbackText }];
  for (const block of message.blocks) {
    if (block.type === 'header') out.push({ kind: 'header', text: block.text.text, max: BLOCK_KIT_LIMITS.headerText });
    if (block.type === 'section') out.push({ kind: 'section', text: block.text?.text ?? '', max: BLOCK_KIT_LIMITS.sectionText });
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.contextElements);
      for (const e of block.elements) if ('text' in e) out.push({ kind: 'context', text: e.text, max: BLOCK_KIT_LIMITS.contextText });
    }
  }
  return out;
}

function expectWithinLimits(message: BlockKitMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocks);
  for (const t of texts(message)) {
    expect(t.text.length, `${t.kind} of ${t.text.length} characters`).toBeLessThanOrEqual(t.max);
    expect(t.text.length, `empty ${t.kind}`).toBeGreaterThan(0);
    // No entity is ever cut in two, and no raw markup survives.
    expect(t.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(t.text).not.toMatch(/<[!@#]/);
  }
}

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: 'status',
    answered: true,
    title: 'A brief',
    asOf: { date: '2025-09-30', precision: 'day' },
    sections: [{ heading: 'Part one', claims: [{ label: 'Mandate', text: 'A claim.', citations: [1] }] }],
    citations: [{ n: 1, sourceId: 'doc', quote: 'a quote' }],
    sources: [{ id: 'doc', publisher: 'The Publisher', title: 'The Title', date: { date: '2025-03', precision: 'month' }, url: 'https://example.org/a?b=1&c=2' }],
    warnings: [],
    suggestions: ['dates'],
    mentions: [],
    context: { kind: 'status' },
    ...overrides,
  };
}

const words = (n: number, word = 'word'): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('the Block Kit renderer', () => {
  it('renders a header, the as-of line, cited sections, a linked sources block and a plain fallback', () => {
    const message = renderBlockKit(reply({ warnings: ['The newest source is old.'] }), { byline: 'Asked by @analyst with /haiti status' });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'context', 'context', 'section', 'divider', 'section', 'context']);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Asked by @analyst with /haiti status');
    expect(all).toContain(':calendar: Current to 30 September 2025 (newest source).');
    expect(all).toContain(':warning: The newest source is old.');
    expect(all).toContain('• *Mandate:* A claim. [1]');
    expect(all).toContain('<https://example.org/a?b=1&amp;c=2|The Publisher: The Title>, March 2025');
    expect(all).toContain('[1] “a quote”');
    expect(all).toContain('`/haiti dates`');
    expect(message.text).toContain('A brief\nCurrent to 30 September 2025');
    expectWithinLimits(message);
  });

  it('escapes &, < and > in every text, so echoed user text never pings or links', () => {
    const hostile = '<!channel> <@U123> <!here|here> <https://evil.example|click> & co';
    const message = renderBlockKit(
      reply({
        title: `Q: ${hostile}`,
        intro: [hostile],
        sections: [{ heading: hostile, claims: [{ label: hostile, text: hostile, citations: [1], disagreement: { text: hostile, citations: [1] } }] }],
        warnings: [hostile],
        sources: [{ id: 'doc', publisher: hostile, title: hostile, author: hostile, date: { date: '2025', precision: 'year' }, url: 'javascript:alert(1)' }],
        citations: [{ n: 1, sourceId: 'doc', quote: hostile, note: hostile }],
      }),
      { byline: `Asked by @x with /haiti ask ${hostile}` },
    );
    expectWithinLimits(message);
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe('Q: &lt;!channel&gt; &lt;@U123&gt; &lt;!here|here&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(JSON.stringify(message.blocks)).not.toContain('javascript:');
  });

  it('splits a section longer than 3,000 characters over several blocks and loses no word', () => {
    const long = words(1500); // about 12,000 characters
    const message = renderBlockKit(reply({ sections: [{ heading: 'Long', claims: [{ text: long, citations: [1] }] }] }));
    expectWithinLimits(message);
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => (b.type === 'section' ? b.text?.text ?? '' : ''));
    expect(sections.length).toBeGreaterThanOrEqual(5);
    const rendered = sections.join(' ');
    for (const w of ['word0', 'word749', 'word1499']) expect(rendered).toMatch(new RegExp(`\\b${w}\\b`));
  });

  it('trims a header to 150 characters with an ellipsis, never cutting an entity', () => {
    const message = renderBlockKit(reply({ title: '&'.repeat(400) }));
    expectWithinLimits(message);
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
  });

  it('keeps to 50 blocks past the limit, with a "more" pointer naming what was left out', () => {
    const sections: ReplySection[] = Array.from({ length: 120 }, (_, i) => ({
      heading: `Section ${i}`,
      claims: Array.from({ length: 4 }, () => ({ text: words(60), citations: [1] })),
    }));
    const many = reply({ sections, warnings: Array.from({ length: 30 }, (_, i) => `Warning ${i}`) });
    const message = renderBlockKit(many, { byline: 'Asked by @a' });
    expectWithinLimits(message);
    expect(message.blocks.length).toBe(50);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Section 0');
    expect(all).toMatch(/More than one Slack message holds\. Not shown: \d+ more part\(s\): Section \d+; Section \d+/);
    expect(all).toContain('Section 119');
    expect(all).toContain('*Sources*');
    expect(all).toContain('Warning 29');
  });

  it('never fails: an empty reply still renders within the limits', () => {
    const message = renderBlockKit(reply({ title: '', asOf: null, sections: [], citations: [], sources: [], suggestions: [] }));
    expectWithinLimits(message);
    expect(message.blocks).toHaveLength(1);
  });

  it('renders every command of the shipped knowledge base within the limits', async () => {
    const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date('2025-06-01T12:00:00Z')));
    for (const text of ['status', 'proposals', 'dates', 'sources', 'source nation-2025-05', 'ask who pays for the mission?', 'help', 'remind on', 'nonsense']) {
      const message = renderBlockKit(await engine.answerText(text));
      expectWithinLimits(message);
    }
  });
});
