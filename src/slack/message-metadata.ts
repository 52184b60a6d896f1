import { parseThreadContext } from '../core/answers/thread-focus.js';
import type { ThreadContext } from '../core/request.js';

/** The metadata event type of the bot's briefs and answers: their payload is the reply's thread context. */
const REPLY_EVENT_TYPE = 'haiti_brief_reply';

/** The `metadata` argument of chat.postMessage that carries a reply's thread context. */
export function replyMetadata(context: ThreadContext): { event_type: string; event_payload: Record<string, string> } {
  return { event_type: REPLY_EVENT_TYPE, event_payload: { ...context } };
}

/** The bot's identity, as Bolt learns it from auth.test. */
export interface BotIdentity {
  userId?: string | undefined;
  botId?: string | undefined;
}

/** A message as conversations.replies/history return it (the fields we read). */
export interface SlackMessage {
  user?: string;
  bot_id?: string;
  ts?: string;
  metadata?: { event_type?: string; event_payload?: unknown };
}

/** The thread context a message of ours carries in its metadata; null for anyone else's message or none. */
export function contextOf(message: SlackMessage, bot: BotIdentity): ThreadContext | null {
  const ours = (bot.botId !== undefined && message.bot_id === bot.botId) || (bot.userId !== undefined && message.user === bot.userId);
  if (!ours || message.metadata?.event_type !== REPLY_EVENT_TYPE) return null;
  return parseThreadContext(message.metadata.event_payload) ?? null;
}
