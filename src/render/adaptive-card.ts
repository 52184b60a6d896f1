import { formatDate } from '../core/dates.js';
import { noteLead, statementText } from '../core/attribution.js';
import type { Reply, ReplyCitation, ReplyClaim, ReplySource } from '../core/reply.js';
import type { ThreadContext } from '../core/request.js';
import { cardLink, clip, escapeCardText } from './card-markdown.js';
import { markers, renderText } from './text.js';

/** The card schema version: 1.2 is what Teams renders everywhere, mobile included. */
export const CARD_VERSION = '1.2';

/**
 * How many bytes of card JSON a message may carry. Teams refuses messages over about 28 KB, counting the
 * whole activity; this leaves 2 KB for the envelope (conversation, sender, service URL: well under 1 KB).
 */
export const CARD_BUDGET_BYTES = 26_000;

const MAX_TITLE = 200;
const MAX_BLOCK = 2_000;
const MAX_WARNINGS = 5;
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
  if (reply.asOf) out.push(block(`Current to ${formatDate(reply.asOf)} (newest source).`, { size: 'Small', isSubtle: true, spacing: 'None' }));
  for (const w of reply.warnings.slice(0, MAX_WARNINGS)) out.push(block(`⚠ ${escapeCardText(clip(w, 500))}`, { color: 'Attention', spacing: 'Small' }));
  return out;
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
  const citations = reply.citations.filter((c) => cited.has(c.n));
  const sources = reply.sources.filter((s) => citations.some((c) => c.sourceId === s.id));
  if (sources.length > 0) {
    out.push(block('Sources', { weight: 'Bolder', separator: true, spacing: 'Medium' }));
    for (const s of sources) out.push(...sourceBlocks(s, citations.filter((c) => c.sourceId === s.id)));
  }
  return out;
}

function actions(reply: Reply): { inputs: InputText[]; actions: SubmitAction[] } {
  const out: SubmitAction[] = [];
  const inputs: InputText[] = [];
  if (reply.context) {
    inputs.push({ type: 'Input.Text', id: FOLLOW_UP_INPUT, placeholder: 'Ask a follow-up about this', maxLength: 500 });
    out.push({ type: 'Action.Submit', title: 'Ask', data: { haitiBrief: { ask: true, context: reply.context } } });
  }
  for (const s of reply.suggestions.slice(0, MAX_SUGGESTIONS)) {
    out.push({ type: 'Action.Submit', title: clip(s, 40), data: { haitiBrief: { command: s } } });
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
  const head = headBlocks(reply);
  const { inputs, actions: buttons } = actions(reply);
  const fallbackText = clip(renderText(reply), MAX_FALLBACK);
  const build = (k: number): AdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText,
    body: [...head, ...bodyBlocks(reply, all.slice(0, k), all.length), ...inputs],
    ...(buttons.length > 0 ? { actions: buttons } : {}),
    msteams: { width: 'Full' },
  });
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
