import { parseThreadContext } from '../core/answers/thread-focus.js';
import type { ThreadContext } from '../core/request.js';

/** The metadata event type of the bot's briefs and answers: their payload is the reply's thread context. */
const REPLY_EVENT_TYPE = 'haiti_brief_reply';

/** The payload key of a delivery's key (a reminder's ledger key), beside the thread context. */
const DELIVERY_KEY = 'haiti_delivery';

/** The `metadata` argument of chat.postMessage that carries a reply's thread context (and a delivery's key). */
export function replyMetadata(context: ThreadContext | undefined, delivery?: string): { event_type: string; event_payload: Record<string, string> } {
  return { event_type: REPLY_EVENT_TYPE, event_payload: { ...context, ...(delivery ? { [DELIVERY_KEY]: delivery } : {}) } };
}

/** The delivery key a message of ours carries in its metadata, or null. */
export function deliveryOf(message: SlackMessage): string | null {
  if (message.metadata?.event_type !== REPLY_EVENT_TYPE) return null;
  const payload = message.metadata.event_payload as Record<string, unknown> | undefined;
  const key = payload?.[DELIVERY_KEY];
  return typeof key === 'string' ? key : null;
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
  const payload = message.metadata.event_payload;
  if (typeof payload !== 'object' || payload === null) return null;
  const { [DELIVERY_KEY]: _delivery, ...context } = payload as Record<string, unknown>;
  return parseThreadContext(context) ?? null;
}
