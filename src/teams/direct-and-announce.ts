import { TurnContext, type Activity, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { Reply } from '../core/reply.js';
import type { ChannelRef } from '../core/request.js';
import { escapeCardText } from '../render/card-markdown.js';
import { channelRefOf } from './conversation.js';

/** The Bot Connector's audience for outgoing calls (botbuilder's ToChannelFromBotOAuthScope). */
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

/**
 * Opens the direct conversation between the bot and the person who wrote (for `remind me`): in a personal
 * chat, that chat; elsewhere a 1:1 conversation created through the connector (Teams returns the existing
 * one when there is one), whose reference the reminders keep.
 */
export function teamsDirect(context: TurnContext, appId: string): () => Promise<ChannelRef> {
  return async () => {
    const activity = context.activity;
    if (activity.conversation.conversationType === 'personal') return channelRefOf(activity);
    const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const parameters = {
      isGroup: false,
      bot: activity.recipient,
      members: [{ id: activity.from.id, name: activity.from.name ?? '' }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as ConversationParameters;
    let ref: ChannelRef | undefined;
    await (context.adapter as CloudAdapter).createConversationAsync(appId, activity.channelId, activity.serviceUrl, CHANNEL_AUDIENCE, parameters, async (created) => {
      const made = created.activity;
      ref = channelRefOf({ ...made, recipient: activity.recipient, conversation: { ...made.conversation, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) } } as Activity);
    });
    if (!ref) throw new Error('Teams did not open a direct conversation');
    return ref;
  };
}

/**
 * A change to the conversation's reminders, announced to everyone in it, naming who made it with a real
 * Teams mention: "@Ana Analyst turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 ...".
 */
export function announcementActivity(reply: Reply, from: Activity['from'], conversationType?: string): Partial<Activity> | null {
  // In a personal chat the only other member already read the confirmation.
  if (!reply.announce || conversationType === 'personal') return null;
  const name = escapeCardText(from.name?.trim() || 'Someone');
  const tag = `<at>${name}</at>`;
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `${tag} ${escapeCardText(reply.announce)}.`,
    entities: from.name ? [{ type: 'mention', text: tag, mentioned: { id: from.id, name: from.name } }] : [],
  };
}
