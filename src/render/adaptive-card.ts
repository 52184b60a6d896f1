import { formatDate } from '../core/dates.js';
import { noteLead, statementText } from '../core/attribution.js';
import type { Reply, ReplyCitation, ReplyClaim, ReplySource } from '../core/reply.js';
import type { ThreadContext } from '../core/request.js';
import { cardLink, clip, escapeCardText, plainForTeams } from './card-markdown.js';
import { splitReply } from './split-reply.js';
import { buttonCommands, buttonTitle } from './teams-actions.js';
import { isCompact, markers, renderText } from './text.js';

/** The card schema version: 1.2 is what Teams renders everywhere, mobile included. */
export const CARD_VERSION = '1.2';

/**
 * How many bytes of card JSON a message may carry. Teams refuses messages over about 28 KB, counting the
 * whole activity; this leaves 2 KB for the envelope (conversation, sender, service URL: well under 1 KB).
 */
export const CARD_BUDGET_BYTES = 26_000;

const MAX_TITLE = 200;
const MAX_BLOCK = 2_000;
const MAX_FALLBACK = 800;
const MAX_SUGGESTIONS = 3;

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning';
  isSubtle?: true;
  spacing?: 'None' | 'Small' | 'Medium';
  separator?: true;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  placeholder: string;
  maxLength: number;
}

/** What the card's buttons send back to the bot: a command to run, or a follow-up asked in a context. */
export type CardSubmitData = { haitiBrief: { command: string } } | { haitiBrief: { ask: true; context: ThreadContext } };

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardSubmitData;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText: string;
  body: Array<TextBlock | InputText>;
  actions?: SubmitAction[];
  msteams: { width: 'Full' };
}

/** The id of the card's follow-up question box: its value comes back under this name. */
export const FOLLOW_UP_INPUT = 'question';

export interface CardOptions {
  /** The largest the card's JSON may be, in UTF-8 bytes (default CARD_BUDGET_BYTES). */
  maxBytes?: number;
}

const block = (text: string, extra: Partial<TextBlock> = {}): TextBlock => ({ type: 'TextBlock', text, wrap: true, ...extra });

function claimBlocks(claim: ReplyClaim): TextBlock[] {
  const label = claim.label ? `**${escapeCardText(clip(claim.label, 100))}:** ` : '';
  const cited = claim.citations.length > 0 ? ` ${markers(claim.citations)}` : '';
  const out = [block(`${label}${escapeCardText(clip(statementText(claim), MAX_BLOCK))}${cited}`)];
  if (claim.disagreement) {
    const d = claim.disagreement;
    out.push(block(`_Sources differ:_ ${escapeCardText(clip(statementText(d), MAX_BLOCK))} ${markers(d.citations)}`, { isSubtle: true, spacing: 'None' }));
  }
  return out;
}

function citationText(c: ReplyCitation): string {
  if (c.quote) return `[${c.n}] “${escapeCardText(clip(c.quote, 400))}”`;
  if (c.note) return `[${c.n}] ${noteLead(c.noteKind)}: ${escapeCardText(clip(c.note, 400))}`;
  return `[${c.n}] the source as a whole`;
}

function sourceBlocks(source: ReplySource, citations: readonly ReplyCitation[]): TextBlock[] {
  const by = source.author ? `, ${source.author}` : '';
  const line = `${cardLink(clip(source.title, 300), source.url)}: ${escapeCardText(`${source.publisher}${by}, ${formatDate(source.date)}`)}`;
  const out = [block(line, { spacing: 'Small' })];
  // One block for all of a source's citations keeps the card small; blank lines keep them apart.
  if (citations.length > 0) out.push(block(citations.map(citationText).join('\n\n'), { size: 'Small', isSubtle: true, spacing: 'None' }));
  return out;
}

// One item of the reply's body that trimming may leave out: an intro line or a claim (with its section).
type Item = { kind: 'intro'; text: string } | { kind: 'claim'; section: number; claim: ReplyClaim };

function items(reply: Reply): Item[] {
  const out: Item[] = (reply.intro ?? []).map((text) => ({ kind: 'intro', text }));
  reply.sections.forEach((s, section) => s.claims.forEach((claim) => out.push({ kind: 'claim', section, claim })));
  return out;
}

function morePointer(reply: Reply, left: number): TextBlock {
  const what = left === 1 ? 'item is' : 'items are';
  const next =
    reply.kind === 'sources'
      ? 'Type "source <id>" for one source in full.'
      : 'Ask about what you need ("ask <question>") for a shorter answer.';
  return block(`${left} more ${what} not shown: a Teams message holds about 28 KB. ${escapeCardText(next)}`, {
    isSubtle: true,
    separator: true,
  });
}

function headBlocks(reply: Reply): TextBlock[] {
  const out = [block(escapeCardText(clip(reply.title, MAX_TITLE)), { size: 'Large', weight: 'Bolder' })];
  if (reply.headline) {
    const h = reply.headline;
    out.push(block(`${escapeCardText(clip(h.text, MAX_BLOCK))}${h.citations.length > 0 ? ` ${markers(h.citations)}` : ''}`, { spacing: 'Small' }));
  }
  if (reply.asOf) out.push(block(`As of ${formatDate(reply.asOf)} (newest source).`, { size: 'Small', isSubtle: true, spacing: 'Small' }));
  const warning = reply.warnings[0];
  if (warning) out.push(block(`⚠ ${escapeCardText(clip(warning, 500))}`, { color: 'Attention', spacing: 'Small' }));
  return out;
}

/** One line naming each source once, linked: "Sources: [1] Global Observatory, March 2025 · ...". */
function compactSources(reply: Reply, cited: ReadonlySet<number>): TextBlock[] {
  const items = reply.sources.flatMap((s) => {
    const n = reply.citations.filter((c) => c.sourceId === s.id && cited.has(c.n)).map((c) => c.n);
    return n.length > 0 ? [`${markers(n)} ${cardLink(clip(s.publisher, 100), s.url)}, ${formatDate(s.date)}`] : [];
  });
  return items.length > 0 ? [block(`Sources: ${items.join(' · ')}`, { size: 'Small', isSubtle: true, separator: true, spacing: 'Medium' })] : [];
}

/** What more there is, and what to type for it (no "/haiti": in Teams that opens Teams' own command menu). */
function moreBlocks(reply: Reply): TextBlock[] {
  const more = reply.more ?? [];
  if (more.length === 0) return [];
  return [block(more.map((m) => `${escapeCardText(m.text)}: type **${escapeCardText(m.command)}**`).join('\n\n'), { size: 'Small', spacing: 'Small' })];
}

function bodyBlocks(reply: Reply, kept: readonly Item[], total: number): TextBlock[] {
  const out: TextBlock[] = [];
  let section = -1;
  const cited = new Set<number>();
  for (const item of kept) {
    if (item.kind === 'intro') {
      out.push(block(escapeCardText(clip(item.text, MAX_BLOCK)), { spacing: 'Small' }));
      continue;
    }
    if (item.section !== section) {
      section = item.section;
      out.push(block(escapeCardText(clip(reply.sections[section]?.heading ?? '', MAX_TITLE)), { weight: 'Bolder', separator: true, spacing: 'Medium' }));
    }
    out.push(...claimBlocks(item.claim));
    for (const n of [...item.claim.citations, ...(item.claim.disagreement?.citations ?? [])]) cited.add(n);
  }
  if (kept.length < total) out.push(morePointer(reply, total - kept.length));
  reply.headline?.citations.forEach((n) => cited.add(n));
  if (isCompact(reply)) return [...out, ...compactSources(reply, cited), ...moreBlocks(reply)];
  const citations = reply.citations.filter((c) => cited.has(c.n));
  const sources = reply.sources.filter((s) => citations.some((c) => c.sourceId === s.id));
  if (sources.length > 0) {
    out.push(block('Sources', { weight: 'Bolder', separator: true, spacing: 'Medium' }));
    for (const s of sources) out.push(...sourceBlocks(s, citations.filter((c) => c.sourceId === s.id)));
  }
  return [...out, ...moreBlocks(reply)];
}

function actions(reply: Reply): { inputs: InputText[]; actions: SubmitAction[] } {
  const out: SubmitAction[] = [];
  const inputs: InputText[] = [];
  if (reply.context) {
    inputs.push({ type: 'Input.Text', id: FOLLOW_UP_INPUT, placeholder: 'Ask a follow-up about this', maxLength: 500 });
    out.push({ type: 'Action.Submit', title: 'Ask', data: { haitiBrief: { ask: true, context: reply.context } } });
  }
  for (const m of reply.more ?? []) {
    out.push({ type: 'Action.Submit', title: clip(buttonTitle(m.command), 40), data: { haitiBrief: { command: m.command } } });
  }
  for (const s of buttonCommands(reply).slice(0, MAX_SUGGESTIONS)) {
    out.push({ type: 'Action.Submit', title: clip(buttonTitle(s), 40), data: { haitiBrief: { command: s } } });
  }
  return { inputs, actions: out };
}

function byteLength(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Renders a reply as an Adaptive Card (schema 1.2, which Teams renders on desktop, web and mobile): the title,
 * how current it is and its warnings, the sections' claims with numbered citations, the cited sources with
 * links, a follow-up box that carries the reply's thread context, and the suggested commands as buttons.
 * A card over the size budget keeps the leading items that fit and says how many more there are. All text
 * is escaped for the card's markdown. Pure: the same reply gives the same card.
 */
export function renderAdaptiveCard(reply: Reply, options: CardOptions = {}): AdaptiveCard {
  const maxBytes = options.maxBytes ?? CARD_BUDGET_BYTES;
  const all = items(reply);
  const build = cardBuilder(reply, all);
  const full = build(all.length);
  if (byteLength(full) <= maxBytes) return full;
  // The card grows with every item kept: find the most that fit.
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (byteLength(build(mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}

/**
 * A reply as the cards Teams takes: one when it fits (every short reply does), else several in order, each
 * within the budget (titles "(2 of 3)"), then the cards of the full form it carries. The bot sends the
 * first as its reply and the rest after it in the same reply chain.
 */
export function renderAdaptiveCards(reply: Reply, options: CardOptions = {}): AdaptiveCard[] {
  const maxBytes = options.maxBytes ?? CARD_BUDGET_BYTES;
  // A part found to fit whole is sent as the card just measured (the one renderAdaptiveCard would build again).
  const whole = new WeakMap<Reply, AdaptiveCard>();
  const fits = (part: Reply): boolean => {
    const card = cardBuilder(part, items(part))(Infinity);
    if (byteLength(card) > maxBytes) return false;
    whole.set(part, card);
    return true;
  };
  const cards = (r: Reply): AdaptiveCard[] => splitReply(r, fits).map((part) => whole.get(part) ?? renderAdaptiveCard(part, options));
  return [...cards(reply), ...(reply.detail ? cards(reply.detail) : [])];
}

function cardBuilder(reply: Reply, all: readonly Item[]): (k: number) => AdaptiveCard {
  const head = headBlocks(reply);
  const { inputs, actions: buttons } = actions(reply);
  const fallbackText = clip(plainForTeams(renderText(reply, { detail: false })), MAX_FALLBACK);
  return (k: number): AdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText,
    body: [...head, ...bodyBlocks(reply, all.slice(0, k), all.length), ...inputs],
    ...(buttons.length > 0 ? { actions: buttons } : {}),
    msteams: { width: 'Full' },
  });
}
