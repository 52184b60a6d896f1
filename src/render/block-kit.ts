import type { types } from '@slack/bolt';
import { capitalize, noteLead, statementText } from '../core/attribution.js';
import { formatDate } from '../core/dates.js';
import type { Reply, ReplyClaim, ReplySource } from '../core/reply.js';
import { escapeSlack, packLines, truncate } from './slack-text.js';
import { withSlackActions } from './slack-actions.js';
import { claimCount, splitReply, withoutLastClaim } from './split-reply.js';
import { isCompact, markers, renderText } from './text.js';

type KnownBlock = types.KnownBlock;

/**
 * What Slack takes in one message (https://docs.slack.dev/reference/block-kit/blocks): 50 blocks, 3,000
 * characters per section, 150 per header, 10 elements per context block; and, undocumented, about 12,000
 * characters of text across all of a message's blocks (past it Slack answers `msg_blocks_too_long`). The
 * top-level `text` is cut by Slack at 40,000 characters.
 */
export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  messageText: 12_000,
  fallbackText: 40_000,
} as const;

/** What a short reply's first message may hold: it is read on a phone in a busy channel. */
export const SHORT_MESSAGE = { text: 2000, blocks: 15 } as const;

export interface BlockKitMessage {
  /** The plain reading of the message, for notifications and screen readers (escaped, like every text here). */
  text: string;
  blocks: KnownBlock[];
}

export interface BlockKitOptions {
  /** Who asked and what they typed after /haiti, for the line under the header. */
  byline?: { userId: string; command: string };
}

const L = BLOCK_KIT_LIMITS;

/** The characters of text a message's blocks hold, as Slack counts them against its total. */
export function blockTextLength(blocks: readonly KnownBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'header') n += b.text.text.length;
    if (b.type === 'section') n += (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((m, f) => m + f.text.length, 0);
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) n += e.text.length;
  }
  return n;
}

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

/** A command as a Slack user types it. */
function command(c: string): string {
  return `\`/haiti ${escapeSlack(c)}\``;
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

/** One line naming each source once: "[1] Publisher (linked), March 2025 · [2] ...". */
function compactSources(reply: Reply): string {
  const items = reply.sources.map((s) => {
    const n = reply.citations.filter((c) => c.sourceId === s.id).map((c) => c.n);
    return `${markers(n)} ${link(s.url, escapeSlack(s.publisher))}, ${formatDate(s.date)}`;
  });
  return `Sources: ${items.join(' · ')}`;
}

function sourceBlocks(reply: Reply): KnownBlock[] {
  if (reply.citations.length === 0) return [];
  if (isCompact(reply)) return [context([compactSources(reply)])];
  const lines = ['*Sources*', ...reply.sources.flatMap((s) => sourceLines(reply, s))];
  return [{ type: 'divider' }, ...packLines(lines, L.sectionText).map(section)];
}

function headBlocks(reply: Reply, options: BlockKitOptions): KnownBlock[] {
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(escapeSlack(reply.title), L.headerText) || 'Haiti Brief' } },
  ];
  const by = options.byline;
  if (by && /^[UW][A-Z0-9]{2,}$/.test(by.userId)) {
    head.push(context([`Asked by <@${by.userId}> with ${command(truncate(by.command.replace(/\s+/g, ' ').trim(), 120))}`]));
  }
  if (reply.headline) {
    const h = reply.headline;
    head.push(section(truncate(`${escapeSlack(h.text)}${h.citations.length > 0 ? ` ${markers(h.citations)}` : ''}`, L.sectionText)));
  }
  const status: string[] = [];
  if (reply.asOf) status.push(`:calendar: As of ${formatDate(reply.asOf)} (newest source).`);
  const warning = reply.warnings[0];
  if (warning) status.push(`:warning: ${escapeSlack(warning)}`);
  if (status.length > 0) head.push(context(status));
  return head;
}

function bodyBlocks(reply: Reply): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (reply.intro?.length) out.push(...packLines(reply.intro.map(escapeSlack), L.sectionText).map(section));
  for (const s of reply.sections) {
    if (s.claims.length === 0) continue;
    const lines = [`*${escapeSlack(s.heading)}*`, ...s.claims.flatMap(claimLines)];
    out.push(...packLines(lines, L.sectionText).map(section));
  }
  return out;
}

function tailBlocks(reply: Reply): KnownBlock[] {
  const lines: string[] = [];
  for (const m of reply.more ?? []) lines.push(`${escapeSlack(m.text)}: ${command(m.command)}`);
  if (reply.suggestions.length > 0) lines.push(`Try: ${reply.suggestions.map(command).join(', ')}`);
  return lines.length > 0 ? [context(lines)] : [];
}

/** One message for a reply that fits it (splitting is done before): header, byline, headline, as-of, body, sources, what more. */
function renderOne(reply: Reply, options: BlockKitOptions): BlockKitMessage {
  const blocks = [...headBlocks(reply, options), ...bodyBlocks(reply), ...sourceBlocks(reply), ...tailBlocks(reply)];
  const text = truncate(escapeSlack(renderText(reply, { commandPrefix: '/haiti ', detail: false })), L.fallbackText).trim() || 'Haiti Brief';
  return { text, blocks };
}

/** Whether a message is within every limit Slack enforces. */
export function withinSlackLimits(message: BlockKitMessage): boolean {
  return (
    message.blocks.length <= L.blocks &&
    // A margin under Slack's undocumented total, which it gives only as "about 12,000".
    blockTextLength(message.blocks) <= L.messageText - 1000 &&
    message.text.length <= L.fallbackText &&
    message.blocks.every((b) => b.type !== 'section' || (b.text?.text.length ?? 0) <= L.sectionText)
  );
}

/**
 * Renders a reply as the Block Kit messages Slack takes: one when it fits (every short reply does), else
 * several, each within Slack's limits (50 blocks, 3,000 characters a section, 150 a header, 12,000 of text in
 * all), which the adapters post as a thread under the first. Each message carries a plain fallback that
 * reads it in full. All text is escaped, so user text never pings or links; the byline mentions the asker.
 * Never fails: a single claim too long for a message is cut.
 */
export function renderBlockKitMessages(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage[] {
  if (reply.short) return [renderShort(reply, options)];
  // A part found to fit whole is posted as the message just measured (the usual case: one message).
  const fitting = new WeakMap<Reply, BlockKitMessage>();
  const parts = splitReply({ ...reply }, (part) => {
    const message = renderOne(part, options);
    if (!withinSlackLimits(message)) return false;
    fitting.set(part, message);
    return true;
  });
  return withSlackActions(reply, parts.map((part, i) => (i === 0 ? fitting.get(part) : undefined) ?? clamp(renderOne(part, i === 0 ? options : {}))));
}

/**
 * A short brief as one message of at most 2,000 characters and 15 blocks: should its key points not fit (a
 * curator lengthened them), the last ones are left out; the full form has them all.
 */
function renderShort(reply: Reply, options: BlockKitOptions): BlockKitMessage {
  let shown = reply;
  // The buttons count against the short form's budget too.
  const render = (r: Reply): BlockKitMessage => withSlackActions(reply, [renderOne(r, options)])[0] as BlockKitMessage;
  let message = render(shown);
  const fits = (m: BlockKitMessage): boolean => blockTextLength(m.blocks) <= SHORT_MESSAGE.text && m.blocks.length <= SHORT_MESSAGE.blocks;
  while (!fits(message) && claimCount(shown) > 1) {
    shown = withoutLastClaim(shown);
    message = render(shown);
  }
  return clamp(message);
}

/** The first message of a reply: what a channel sees (the rest, if any, goes in its thread). */
export function renderBlockKit(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage {
  return renderBlockKitMessages(reply, options)[0] as BlockKitMessage;
}

/** A last guard for a message holding one claim too long for Slack: keep the blocks that fit. */
function clamp(message: BlockKitMessage): BlockKitMessage {
  if (withinSlackLimits(message)) return message;
  const blocks: KnownBlock[] = [];
  for (const b of message.blocks) {
    if (blocks.length >= L.blocks - 1 || blockTextLength([...blocks, b]) > L.messageText - 200) break;
    blocks.push(b);
  }
  blocks.push(context([':scissors: The rest did not fit in a Slack message; ask about it in this thread.']));
  return { text: message.text, blocks };
}

/** Every message of a reply for Slack: its own, then those of the full form it carries (posted in its thread). */
export function renderSlackReply(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage[] {
  return [...renderBlockKitMessages(reply, options), ...(reply.detail ? renderBlockKitMessages(reply.detail) : [])];
}
