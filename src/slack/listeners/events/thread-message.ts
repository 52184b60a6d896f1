import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { addressing } from './addressed.js';
import { answerInThread } from './answer-in-thread.js';
import { eventClaim } from '../middleware/event-dedupe.js';
import { ignoreReason, typedText, type IncomingMessage } from './ignore-reason.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * A message in the thread of one of the bot's briefs or answers, when it is addressed to the bot (a question,
 * a command or a short topic query, not chatter nor talk to someone else): answered in that thread, in its
 * context, even after a restart (the context is read back from the thread's metadata). A question the
 * sources cannot answer gets its refusal privately, or nothing when it read as talk among people. Every
 * other message is ignored.
 */
export function threadMessage(deps: SlackDeps) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    const message = event as IncomingMessage & { channel: string };
    const bot = { userId: context.botUserId, botId: context.botId };
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const ignored = (reason: string): void =>
      deps.logger.debug?.(
        { event: 'slack.thread', event_id: eventId, channel: message.channel, outcome: 'ignored', reason },
        'message ignored',
      );
    const reason = ignoreReason(message, bot, 'message');
    if (reason || !message.user || !message.thread_ts) return ignored(reason ?? 'no user');
    const addressed = addressing(message.text ?? '');
    if (!addressed.toBot) return ignored(addressed.reason);
    const { channel, user, thread_ts: threadTs } = message;
    const typed = typedText(message.text ?? '', context.botUserId);
    // A question or topic is asked as one, so that "funding" is not taken for a mistyped command.
    const text = addressed.as === 'command' ? typed : `ask ${typed}`;
    deps.queue.push(async () => {
      const thread = await deps.threads.find(client, bot, channel, threadTs);
      if (!thread) return ignored('not one of the bot’s threads');
      await answerInThread(deps, client, {
        via: 'thread',
        eventId,
        channel,
        user,
        threadTs,
        text,
        thread,
        refusal: addressed.refusal,
        claim: eventClaim(context),
      });
    });
  };
}
