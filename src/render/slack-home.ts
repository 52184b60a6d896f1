import type { types } from '@slack/bolt';
import type { HomeOverview } from '../core/home.js';
import { escapeSlack, packLines, truncate } from './slack-text.js';

type KnownBlock = types.KnownBlock;

/** Slack's limits for a view: 100 blocks; a section's text 3,000 characters, a header's 150. */
export const VIEW_LIMITS = { blocks: 100, sectionText: 3000, headerText: 150 } as const;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, VIEW_LIMITS.sectionText) } });
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: truncate(text, VIEW_LIMITS.headerText) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, VIEW_LIMITS.sectionText) }] });

/** Where a subscription posts, as Slack shows it: a channel link, or "your direct messages". */
function where(r: HomeOverview['reminders'][number]): string {
  if (r.personal) return 'Your direct messages';
  return /^[CGD][A-Z0-9]+$/.test(r.channel.id) ? `<#${r.channel.id}>` : escapeSlack(r.channel.id);
}

/**
 * A person's App Home tab: where things stand, the next milestones (or that the sources hold none ahead),
 * how current the knowledge is, the channels where they turned reminders on with the settings, and the
 * commands. Within Slack's view limits (100 blocks): long lists are packed into few sections.
 */
export function renderSlackHome(o: HomeOverview): { type: 'home'; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header("Haiti's security mission: where it stands")];
  blocks.push(section(o.headline ? escapeSlack(o.headline) : 'The sources hold no summary yet: type `/haiti status`.'));
  blocks.push(context(o.asOf ? `:calendar: Current to ${o.asOf} (newest source). \`/haiti status\` for the brief, \`/haiti sources\` for the documents.` : 'No source is registered yet.'));
  blocks.push({ type: 'divider' }, header('Next milestones'));
  blocks.push(
    section(
      o.milestones.length > 0
        ? o.milestones.map((m) => `• *${escapeSlack(m.date)}*: ${escapeSlack(m.title)}`).join('\n')
        : 'The sources hold no milestone ahead of today. `/haiti dates` shows the past ones.',
    ),
  );
  blocks.push({ type: 'divider' }, header('Your reminders'));
  if (o.reminders.length === 0) {
    blocks.push(section('You have turned on no reminders. Type `/haiti remind on` in a channel, or `/haiti remind me on` for a direct message.'));
  } else {
    const lines = o.reminders.map((r) => `• ${where(r)}: ${escapeSlack(r.settings)}${r.next ? `. Next: ${escapeSlack(r.next)}` : '. No reminder ahead.'}`);
    for (const text of packLines(lines, VIEW_LIMITS.sectionText).slice(0, 60)) blocks.push(section(text));
    blocks.push(context('Change them with `/haiti remind on 14,2 at 08:00 in America/Port-au-Prince` in that channel; `/haiti remind off` stops them.'));
  }
  blocks.push({ type: 'divider' }, header('Commands'));
  blocks.push(section(o.commands.map((c) => `\`/haiti ${escapeSlack(c)}\``).join('\n')));
  blocks.push(context('Message me here (the Messages tab) with any question about the mission; every answer cites its sources.'));
  return { type: 'home', blocks: blocks.slice(0, VIEW_LIMITS.blocks) };
}
