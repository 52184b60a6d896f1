import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { SendError, type Clock, type Logger, type MessageSender } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import type { ChannelRef } from '../core/request.js';
import { channelConversationId } from './conversation.js';
import { replyActivity } from './reply-activity.js';
import { toSendError } from './send-error.js';

// The parts of a stored ConversationReference a proactive post needs.
const referenceSchema = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string().min(1) }),
});

// The one call of botbuilder's ConnectorClient this sender makes.
interface Connector {
  conversations: { sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }> };
}

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  /** The bot's app id ('' with TEAMS_AUTH=off). */
  appId: string;
  logger: Logger;
  clock: Clock;
}

/**
 * Posts replies (reminders) into Teams conversations the bot was asked in before, from their stored
 * ConversationReference, as a NEW top-level message: in a channel a new post, not a reply in an old thread.
 * It continues the conversation through the adapter (which holds the credentials) and calls the connector's
 * sendToConversation. Failures come back as SendError: 429 and 5xx retryable, with the Retry-After wait.
 */
export class TeamsMessageSender implements MessageSender {
  constructor(private readonly options: TeamsSenderOptions) {}

  async send(channel: ChannelRef, reply: Reply): Promise<void> {
    if (channel.platform !== 'teams') throw new SendError(`channel ${channel.id} is on ${channel.platform}, not Teams`, false);
    const parsed = referenceSchema.safeParse(channel.reference);
    if (!parsed.success) {
      throw new SendError(`no usable Teams conversation reference is stored for ${channel.id}: run "remind on" there again`, false);
    }
    const conversationId = channelConversationId(parsed.data.conversation.id);
    const reference = {
      ...parsed.data,
      conversation: { ...parsed.data.conversation, id: conversationId },
    } as unknown as ConversationReference;
    delete reference.activityId;
    const activity = TurnContext.applyConversationReference({ ...replyActivity(reply) }, reference) as Activity;
    delete activity.replyToId;
    const { adapter, appId, logger, clock } = this.options;
    let sentId: string | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        const client = context.turnState.get<Connector>(adapter.ConnectorClientKey);
        sentId = (await client.conversations.sendToConversation(conversationId, activity)).id;
      });
    } catch (error) {
      const failure = toSendError(error, clock.now());
      logger.warn(
        { event: 'teams.post.failed', conversation: channel.id, kind: reply.kind, retryable: failure.retryable },
        `a post to Teams failed: ${failure.message}`,
      );
      throw failure;
    }
    logger.info({ event: 'teams.posted', conversation: channel.id, kind: reply.kind, activityId: sentId }, 'posted to Teams');
  }
}
