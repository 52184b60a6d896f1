import type { types } from '@slack/bolt';
import { formatDate } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import type { BlockKitMessage } from './block-kit.js';
import { escapeSlack, packLines, truncate } from './slack-text.js';

type KnownBlock = types.KnownBlock;

/** The buttons' action ids: every one starts with this, so one listener takes them all. */
export const ACTION_PREFIX = 'haiti_';
export const ACTIONS = {
  full: 'haiti_full_brief',
  sources: 'haiti_sources_quotes',
  remind: 'haiti_remind_channel',
  open: 'haiti_open_brief',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

const BRIEFS = new Set(['status', 'proposals', 'dates']);

/** The buttons under a reply's first message: on a short brief, its full form, its sources and reminders; on a reminder, the brief. */
export function actionsBlock(reply: Reply): KnownBlock | null {
  const button = (text: string, action_id: ActionId, value: string, style?: 'primary') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text, emoji: false },
    action_id,
    value,
    ...(style ? { style } : {}),
  });
  if (reply.kind === 'reminder') return { type: 'actions', block_id: 'haiti_actions', elements: [button('Open brief', ACTIONS.open, 'status', 'primary')] };
  if (!BRIEFS.has(reply.kind) || reply.full) return null;
  return {
    type: 'actions',
    block_id: 'haiti_actions',
    elements: [
      button('Full brief', ACTIONS.full, reply.kind, 'primary'),
      button('Sources and quotes', ACTIONS.sources, reply.kind),
      button('Remind this channel', ACTIONS.remind, 'remind on'),
    ],
  };
}

/** Adds the buttons to the first message of a rendered reply, when they fit within Slack's 50 blocks. */
export function withSlackActions(reply: Reply, messages: BlockKitMessage[]): BlockKitMessage[] {
  const block = actionsBlock(reply);
  const [first, ...rest] = messages;
  if (!block || !first || first.blocks.length >= 50) return messages;
  return [{ ...first, blocks: [...first.blocks, block] }, ...rest];
}

/** "Sources and quotes": every source a reply cites, linked, with the verbatim quotes it rests on; for the person who asked. */
export function sourcesAndQuotes(reply: Reply): BlockKitMessage {
  const lines = [`*Sources and quotes: ${escapeSlack(reply.title)}*`];
  for (const s of reply.sources) {
    const cites = reply.citations.filter((c) => c.sourceId === s.id);
    const name = `${escapeSlack(s.publisher)}: ${escapeSlack(s.title)}`;
    const linked = s.url && /^https?:\/\//i.test(s.url) ? `<${escapeSlack(s.url).replace(/\|/g, '%7C')}|${name}>` : name;
    lines.push(`${cites.map((c) => `[${c.n}]`).join('')} ${linked}, ${formatDate(s.date)}`);
    for (const c of cites) {
      if (c.quote) lines.push(`      [${c.n}] “${escapeSlack(c.quote)}”`);
      if (c.note) lines.push(`      [${c.n}] Known error, noted in our registry: ${escapeSlack(c.note)}`);
    }
  }
  if (reply.sources.length === 0) lines.push('This reply cites no source.');
  const blocks: KnownBlock[] = packLines(lines, 3000)
    .slice(0, 45)
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  return { text: truncate(lines.join('\n'), 3000), blocks };
}
