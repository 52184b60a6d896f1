import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply, ReplySection } from '../../src/core/reply.js';
import { BLOCK_KIT_LIMITS, SHORT_MESSAGE, blockTextLength, renderBlockKit, renderBlockKitMessages, renderSlackReply, type BlockKitMessage } from '../../src/render/block-kit.js';
import { slackRefusal } from '../doubles/fake-slack-api.js';
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
  expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.messageText);
  expect(slackRefusal(message.text, message.blocks)).toBeNull();
  for (const t of texts(message)) {
    expect(t.text.length, `${t.kind} of ${t.text.length} characters`).toBeLessThanOrEqual(t.max);
    expect(t.text.length, `empty ${t.kind}`).toBeGreaterThan(0);
    // No entity is ever cut in two, and no raw markup survives.
    expect(t.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(t.text.replace(/^Asked by <@U[A-Z0-9]+> /, '')).not.toMatch(/<[!@#]/);
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
  it('renders a header, the byline mentioning the asker, the as-of line and one warning, cited sections and linked sources', () => {
    const message = renderBlockKit(reply({ warnings: ['The newest source is old.', 'A second warning.'] }), { byline: { userId: 'U0ANALYST', command: 'status' } });
    // A short brief ends with its buttons (src/render/slack-actions.ts).
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'context', 'context', 'section', 'divider', 'section', 'context', 'actions']);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Asked by <@U0ANALYST> with `/haiti status`');
    expect(all).toContain(':calendar: As of 30 September 2025 (newest source).');
    expect(all).toContain(':warning: The newest source is old.');
    expect(all).not.toContain('A second warning');
    expect(all).toContain('• *Mandate:* A claim. [1]');
    expect(all).toContain('<https://example.org/a?b=1&amp;c=2|The Publisher: The Title>, March 2025');
    expect(all).toContain('[1] “a quote”');
    expect(all).toContain('`/haiti dates`');
    expect(message.text).toContain('A brief\nAs of 30 September 2025');
    expectWithinLimits(message);
  });

  it('names each source once in a compact line when the citations are whole sources, and says what more there is', () => {
    const message = renderBlockKit(
      reply({
        headline: { text: 'Where things stand.', citations: [1] },
        citations: [{ n: 1, sourceId: 'doc' }],
        more: [{ text: 'Every section, with quotes', command: 'status full' }],
      }),
    );
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Where things stand. [1]');
    expect(all).toContain('Sources: [1] <https://example.org/a?b=1&amp;c=2|The Publisher>, March 2025');
    expect(all).toContain('Every section, with quotes: `/haiti status full`');
    expect(message.text).toContain('Every section, with quotes: /haiti status full');
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
      { byline: { userId: 'U0X', command: `ask ${hostile}` } },
    );
    expectWithinLimits(message);
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe('Q: &lt;!channel&gt; &lt;@U123&gt; &lt;!here|here&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(JSON.stringify(message.blocks)).not.toContain('javascript:');
    expect(JSON.stringify(message.blocks)).toContain('Asked by <@U0X> with `/haiti ask &lt;!channel&gt;');
  });

  it('mentions only a real user id in the byline', () => {
    const message = renderBlockKit(reply(), { byline: { userId: '<!channel>', command: 'status' } });
    expect(JSON.stringify(message.blocks)).not.toContain('Asked by');
  });

  it('splits a section longer than 3,000 characters over several blocks and loses no word', () => {
    const long = words(700); // about 5,400 characters
    const message = renderBlockKit(reply({ sections: [{ heading: 'Long', claims: [{ text: long, citations: [1] }] }] }));
    expectWithinLimits(message);
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => (b.type === 'section' ? b.text?.text ?? '' : ''));
    expect(sections.length).toBeGreaterThanOrEqual(2);
    const rendered = sections.join(' ');
    for (const w of ['word0', 'word349', 'word699']) expect(rendered).toMatch(new RegExp(`\\b${w}\\b`));
  });

  it('trims a header to 150 characters with an ellipsis, never cutting an entity', () => {
    const message = renderBlockKit(reply({ title: '&'.repeat(400) }));
    expectWithinLimits(message);
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
  });

  it('splits a reply too long for one message into several, each within every limit, losing nothing', () => {
    const sections: ReplySection[] = Array.from({ length: 120 }, (_, i) => ({
      heading: `Section ${i}`,
      claims: Array.from({ length: 4 }, (_, j) => ({ text: `${words(60)} s${i}c${j}`, citations: [1] })),
    }));
    const messages = renderBlockKitMessages(reply({ sections, warnings: ['Old sources.'] }), { byline: { userId: 'U0A', command: 'status full' } });
    expect(messages.length).toBeGreaterThan(5);
    messages.forEach(expectWithinLimits);
    const all = messages.map((m) => JSON.stringify(m.blocks)).join('\n');
    for (let i = 0; i < 120; i++) for (let j = 0; j < 4; j++) expect(all).toContain(` s${i}c${j}`);
    expect(JSON.stringify(messages[0]?.blocks)).toContain(`A brief (1 of ${messages.length})`);
    expect(JSON.stringify(messages[0]?.blocks)).toContain('Asked by <@U0A>');
    expect(JSON.stringify(messages[1]?.blocks)).not.toContain('Asked by');
    expect(all.match(/Old sources/g)).toHaveLength(1);
    // Every message lists the sources it cites, and its fallback reads it in full.
    for (const m of messages) {
      expect(JSON.stringify(m.blocks)).toContain('The Publisher: The Title');
      expect(m.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.fallbackText);
    }
    expect(messages[messages.length - 1]?.text).toContain('s119c3');
  });

  it('keeps a short form to one message of 2,000 characters, leaving out its last key points if curators lengthened them', () => {
    const claims = Array.from({ length: 6 }, (_, i) => ({ label: `Point ${i}`, text: words(70, `p${i}w`), citations: [1] }));
    const short = reply({ short: true, headline: { text: 'Where things stand.', citations: [1] }, sections: [{ heading: 'Key points', claims }], citations: [{ n: 1, sourceId: 'doc' }] });
    const messages = renderBlockKitMessages(short, { byline: { userId: 'U0A', command: 'status' } });
    expect(messages).toHaveLength(1);
    expect(blockTextLength(messages[0]!.blocks)).toBeLessThanOrEqual(SHORT_MESSAGE.text);
    const all = JSON.stringify(messages[0]!.blocks);
    expect(all).toContain('Point 0');
    expect(all).not.toContain('Point 5');
  });

  it('never fails: an empty reply still renders within the limits', () => {
    const message = renderBlockKit(reply({ title: '', asOf: null, sections: [], citations: [], sources: [], suggestions: [] }));
    expectWithinLimits(message);
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'actions']);
  });

  it('renders every command of the shipped knowledge base within the limits', async () => {
    const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date('2025-06-01T12:00:00Z')));
    for (const text of ['status', 'proposals', 'dates', 'status full', 'proposals full', 'dates full', 'sources', 'source nation-2025-05', 'ask who pays for the mission?', 'help', 'remind on', 'nonsense']) {
      const messages = renderSlackReply(await engine.answerText(text, { channel: { platform: 'slack', id: 'C1' } }), { byline: { userId: 'U0A', command: text } });
      messages.forEach(expectWithinLimits);
    }
  });

  it('keeps the first message of each short brief to 2,000 characters and 15 blocks, whenever it is read', async () => {
    const sizes: string[] = [];
    for (const when of ['2024-06-01', '2025-06-01', '2025-09-01', '2025-10-05', '2026-11-30', '2030-01-01']) {
      const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date(`${when}T12:00:00Z`)));
      for (const text of ['status', 'proposals', 'dates']) {
        const [first] = renderSlackReply(await engine.answerText(text, { channel: { platform: 'slack', id: 'C1' } }), { byline: { userId: 'U0ANALYST', command: text } });
        const chars = blockTextLength(first?.blocks ?? []);
        sizes.push(`${when} ${text}: ${chars} characters, ${first?.blocks.length} blocks`);
        expect(chars, `${text} at ${when}`).toBeLessThanOrEqual(SHORT_MESSAGE.text);
        expect(first?.blocks.length, `${text} at ${when}`).toBeLessThanOrEqual(SHORT_MESSAGE.blocks);
      }
    }
    console.log(sizes.join('\n'));
  });
});
