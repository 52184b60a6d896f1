import type { types } from '@slack/bolt';
import { capitalize, noteLead, statementText } from '../core/attribution.js';
import { formatDate } from '../core/dates.js';
import type { Reply, ReplyClaim, ReplySource } from '../core/reply.js';
import { escapeSlack, packLines, truncate } from './slack-text.js';
import { markers, renderText } from './text.js';

type KnownBlock = types.KnownBlock;

/** Block Kit's limits for one message (https://docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** Slack truncates longer `text`; notifications show far less. */
  fallbackText: 4000,
} as const;

export interface BlockKitMessage {
  /** The plain fallback for notifications and screen readers (escaped, like every text here). */
  text: string;
  blocks: KnownBlock[];
}

export interface BlockKitOptions {
  /** A line under the header saying who asked and how (plain text; it is escaped here). */
  byline?: string;
}

/** A body block and the section it belongs to, so a cut can say what was left out. */
interface BodyBlock {
  block: KnownBlock;
  heading: string;
}

const L = BLOCK_KIT_LIMITS;

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(lines: readonly string[]): KnownBlock {
  const elements = lines.slice(0, L.contextElements - 1);
  const rest = lines.slice(L.contextElements - 1);
  if (rest.length > 0) elements.push(rest.join('  '));
  return {
    type: 'context',
    elements: elements.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, L.contextText) })),
  };
}

function claimLines(claim: ReplyClaim): string[] {
  const label = claim.label ? `*${escapeSlack(claim.label)}:* ` : '';
  const cited = claim.citations.length > 0 ? ` ${markers(claim.citations)}` : '';
  const lines = [`• ${label}${escapeSlack(statementText(claim))}${cited}`];
  if (claim.disagreement) {
    lines.push(`      _Sources differ:_ ${escapeSlack(statementText(claim.disagreement))} ${markers(claim.disagreement.citations)}`);
  }
  return lines;
}

/** A link Slack will render: only http(s) URLs, with `|` (the label separator) percent-encoded. */
function link(url: string | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return label;
  return `<${escapeSlack(url).replace(/\|/g, '%7C')}|${label}>`;
}

function sourceLines(reply: Reply, source: ReplySource): string[] {
  const cites = reply.citations.filter((c) => c.sourceId === source.id);
  const whole = cites.filter((c) => !c.quote && !c.note);
  const by = source.author ? `, ${escapeSlack(source.author)}` : '';
  const name = link(source.url, `${escapeSlack(source.publisher)}: ${escapeSlack(source.title)}`);
  const lines = [`${whole.length > 0 ? `${markers(whole.map((c) => c.n))} ` : ''}${name}${by}, ${formatDate(source.date)}`];
  for (const c of cites) {
    if (c.quote) lines.push(`      [${c.n}] “${escapeSlack(c.quote)}”`);
    if (c.note) lines.push(`      [${c.n}] ${capitalize(noteLead(c.noteKind))}: ${escapeSlack(c.note)}`);
  }
  return lines;
}

function bodyBlocks(reply: Reply): BodyBlock[] {
  const out: BodyBlock[] = [];
  if (reply.intro?.length) {
    for (const text of packLines(reply.intro.map(escapeSlack), L.sectionText)) out.push({ block: section(text), heading: 'the introduction' });
  }
  for (const s of reply.sections) {
    const lines = [`*${escapeSlack(s.heading)}*`, ...s.claims.flatMap(claimLines)];
    for (const text of packLines(lines, L.sectionText)) out.push({ block: section(text), heading: s.heading });
  }
  return out;
}

function sourceBlocks(reply: Reply): KnownBlock[] {
  if (reply.citations.length === 0) return [];
  const lines = ['*Sources*', ...reply.sources.flatMap((s) => sourceLines(reply, s))];
  return [{ type: 'divider' }, ...packLines(lines, L.sectionText).map(section)];
}

function headBlocks(reply: Reply, options: BlockKitOptions): KnownBlock[] {
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(escapeSlack(reply.title), L.headerText) || 'Haiti Brief' } },
  ];
  if (options.byline) head.push(context([escapeSlack(options.byline)]));
  const status: string[] = [];
  if (reply.asOf) status.push(`:calendar: Current to ${formatDate(reply.asOf)} (newest source).`);
  for (const w of reply.warnings) status.push(`:warning: ${escapeSlack(w)}`);
  if (status.length > 0) head.push(context(status));
  return head;
}

function tailBlocks(reply: Reply): KnownBlock[] {
  if (reply.suggestions.length === 0) return [];
  return [context([`Try: ${reply.suggestions.map((s) => `\`/haiti ${escapeSlack(s)}\``).join(', ')}`])];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The "more" pointer that replaces what did not fit: which sections, and where to ask about them. */
function morePointer(dropped: readonly BodyBlock[], droppedSources: number): KnownBlock {
  const headings = unique(dropped.map((d) => d.heading));
  const parts: string[] = [];
  if (headings.length > 0) parts.push(`${headings.length} more part(s): ${headings.map(escapeSlack).join('; ')}`);
  if (droppedSources > 0) parts.push(`${droppedSources} more block(s) of sources`);
  return context([`:scissors: More than one Slack message holds. Not shown: ${parts.join(', and ')}. Ask about them in this thread.`]);
}

/**
 * Renders a reply as a Block Kit message: a header, who asked (when given), the as-of line and warnings in a
 * context block, sections whose claims carry numbered citation markers, a sources block linking each document
 * (publisher, title, date) and a plain-text fallback. All text is escaped, so user text never pings or links.
 * It stays within Block Kit's limits by splitting long text over several blocks and, past 50 blocks, by
 * leaving out the last parts with a pointer saying what was left out; it never fails.
 */
export function renderBlockKit(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage {
  const head = headBlocks(reply, options);
  const body = bodyBlocks(reply);
  const sources = sourceBlocks(reply);
  const tail = tailBlocks(reply);
  const text = truncate(escapeSlack(renderText(reply)), L.fallbackText).trim() || 'Haiti Brief';

  if (head.length + body.length + sources.length + tail.length <= L.blocks) {
    return { text, blocks: [...head, ...body.map((b) => b.block), ...sources, ...tail] };
  }
  // Too many: keep the head, the tail and one block for the pointer; sources get what the body leaves, and at
  // least half of the room when both are long.
  const room = L.blocks - head.length - tail.length - 1;
  const keptSources = sources.slice(0, Math.max(room - body.length, Math.floor(room / 2)));
  const keptBody = body.slice(0, room - keptSources.length);
  const pointer = morePointer(body.slice(keptBody.length), sources.length - keptSources.length);
  return { text, blocks: [...head, ...keptBody.map((b) => b.block), pointer, ...keptSources, ...tail] };
}
