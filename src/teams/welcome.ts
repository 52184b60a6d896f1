import type { TurnContext } from 'botbuilder';
import type { OnceClaims } from '../core/once.js';
import type { Logger } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import { channelConversationId } from './conversation.js';
import { replyActivity } from './reply-activity.js';

/**
 * A conversationUpdate that adds the bot (to a personal chat, a group chat or a team) gets the welcome card,
 * once per conversation across restarts and copies of the bot (the store's claim). Returns whether it sent.
 */
export async function welcomeOnce(context: TurnContext, welcome: () => Reply, once: OnceClaims, logger: Logger): Promise<boolean> {
  const activity = context.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return false;
  const conversation = channelConversationId(activity.conversation.id);
  if (!(await once.first(`welcome:${conversation}`))) {
    logger.info({ event: 'teams.welcome', conversation, outcome: 'already_welcomed' }, 'this conversation was welcomed before');
    return false;
  }
  try {
    await context.sendActivity(replyActivity(welcome()));
  } catch (error) {
    await once.release(`welcome:${conversation}`);
    logger.warn({ event: 'teams.welcome', conversation, outcome: 'failed', status: (error as { statusCode?: number }).statusCode ?? null }, 'the welcome card was not delivered');
    return false;
  }
  logger.info({ event: 'teams.welcome', conversation, outcome: 'sent', type: activity.conversation.conversationType ?? null }, 'welcomed a new conversation');
  return true;
}
