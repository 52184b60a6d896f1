import type { Activity, ConversationReference } from 'botbuilder';
import type { ChannelRef } from '../core/request.js';

/**
 * A Teams channel conversation id names the thread too: `19:…@thread.tacv2;messageid=1700000000000`.
 * Without the `;messageid=` part it names the channel, where a post starts a new thread.
 */
export function channelConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

/**
 * The key of the thread an activity belongs to: the conversation id as Teams sends it, which in a channel
 * ends with the thread root's id, and in a personal or group chat is the chat itself.
 */
export function threadKey(activity: Pick<Activity, 'conversation'>): string {
  return activity.conversation.id;
}

/**
 * What the bot needs to post into this activity's channel or chat later, as a new top-level message: the
 * service URL, the channel-level conversation (no thread, no message to reply to) and the bot's account.
 * Plain JSON, so a store can keep it.
 */
function conversationReferenceOf(activity: Activity): ConversationReference {
  const c = activity.conversation;
  const conversation: ConversationReference['conversation'] = {
    id: channelConversationId(c.id),
    isGroup: Boolean(c.isGroup),
    conversationType: c.conversationType ?? '',
    name: c.name ?? '',
  };
  if (c.tenantId) conversation.tenantId = c.tenantId;
  const reference: ConversationReference = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation,
    bot: { id: activity.recipient.id, name: activity.recipient.name ?? '' },
  };
  if (activity.locale) reference.locale = activity.locale;
  return reference;
}

/** The request's channel for the core: the Teams conversation (channel-level) and how to post there later. */
export function channelRefOf(activity: Activity): ChannelRef {
  const reference = conversationReferenceOf(activity);
  return { platform: 'teams', id: reference.conversation.id, reference };
}
