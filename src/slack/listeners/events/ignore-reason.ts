import { unescapeSlack } from '../../../render/slack-text.js';
import type { BotIdentity } from '../../message-metadata.js';

/** The fields of a message or app_mention event that decide whether the bot answers it. */
export interface IncomingMessage {
  subtype?: string | undefined;
  bot_id?: string | undefined;
  user?: string | undefined;
  text?: string | undefined;
  ts?: string | undefined;
  thread_ts?: string | undefined;
}

/**
 * Why the bot does not answer a message, or null when it does. Its own and other bots' messages, and
 * subtypes (edits, deletions, joins...) are never answered; a reply also sent to the channel
 * (`thread_broadcast`) is a person's follow-up like any other. A plain message is answered only in a thread
 * (and not when it mentions the bot: the app_mention event answers that one).
 */
export function ignoreReason(event: IncomingMessage, bot: BotIdentity, kind: 'mention' | 'message'): string | null {
  if (event.subtype && event.subtype !== 'thread_broadcast') return `subtype ${event.subtype}`;
  if (event.bot_id) return event.bot_id === bot.botId ? 'own message' : 'a bot message';
  if (!event.user) return 'no user';
  if (event.user === bot.userId) return 'own message';
  if (kind === 'message') {
    if (!event.thread_ts || event.thread_ts === event.ts) return 'not in a thread';
    if (bot.userId && event.text?.includes(`<@${bot.userId}>`)) return 'mentions the bot (answered as a mention)';
  }
  return null;
}

/** People, groups and whole-channel pings in Slack's text: never command words, never echoed. */
const OTHER_MENTIONS = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]*>/g;

/**
 * What a person typed, for the engine: without the bot's handle ("<@U0BOT> status" is "status"), without
 * other mentions and @channel/@here (they are people, not words of a command), and with Slack's escaping
 * undone.
 */
export function typedText(text: string, botUserId: string | undefined): string {
  const handle = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return withoutMentions(text.replace(handle, ' '));
}

/** Slack's text without any mention or @channel/@here, its escaping undone: the words a person typed. */
export function withoutMentions(text: string): string {
  return unescapeSlack(text.replace(OTHER_MENTIONS, ' ').replace(/\s+/g, ' ').trim());
}
