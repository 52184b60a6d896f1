import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../core/reply.js';
import type { ChannelRef } from '../core/request.js';
import { escapeSlack } from '../render/slack-text.js';
import { publishHome } from './app-home.js';
import { postToChannel, respondWith } from './deliver.js';
import type { SlackDeps } from './slack-deps.js';

/** The direct conversation with a person, for `remind me`: Slack opens the app's DM when a post names the user id. */
export function slackDirect(userId: string): () => Promise<ChannelRef> {
  return async () => ({ platform: 'slack', id: userId });
}

/** "<@U0ANA> turned on milestone reminders here: ...": the whole channel hears of a change to its reminders. */
export function announcementText(userId: string, announce: string): string {
  const who = /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : 'Someone';
  return `${who} ${escapeSlack(announce)}.`;
}

/**
 * Posts a reply's announcement (a change to the channel's reminders) where the channel sees it, as a short
 * top-level message naming who made the change. Where the bot is not a member, a slash command's
 * response_url carries it instead. After a reminder command, refreshes the person's App Home (and, after a
 * change, everyone else's this copy has published). Logs what
 * happened; never throws.
 */
export async function announceChange(
  deps: Pick<SlackDeps, 'logger' | 'retry' | 'home' | 'homeViewers'>,
  client: webApi.WebClient,
  where: { channel: string; user: string; respond?: RespondFn | undefined },
  reply: Reply,
): Promise<void> {
  // The person's App Home lists their reminders: show the change there too.
  if (reply.kind === 'remind' && deps.home) {
    if (await publishHome(client, deps.home, deps.logger, where.user)) deps.homeViewers?.add(where.user);
    // Others who set reminders in this channel see the change in their App Home too.
    if (reply.announce) await deps.homeViewers?.refresh(client, deps.home, deps.logger, where.user);
  }
  if (!reply.announce) return;
  const text = announcementText(where.user, reply.announce);
  const message = { text, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }] };
  const posted = await postToChannel(client, undefined, { channel: where.channel }, message, undefined);
  let via = 'channel';
  let ok = posted.ok;
  if (!posted.ok && where.respond) {
    via = 'response_url';
    ok = (await respondWith(where.respond, { response_type: 'in_channel', ...message }, deps.retry)).ok;
  }
  const fields = { event: 'slack.announce', channel: where.channel, user: where.user, via, outcome: ok ? 'announced' : 'lost' };
  if (ok) deps.logger.info(fields, 'announced a change to the channel’s reminders');
  else deps.logger.warn({ ...fields, error: posted.ok ? undefined : posted.failure.code }, 'could not announce a change to the channel’s reminders');
}
