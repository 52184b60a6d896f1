import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { answerInThread, queueOrBusy } from './answer-in-thread.js';
import { eventClaim } from '../middleware/event-dedupe.js';
import { ignoreReason, typedText } from './ignore-reason.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** `@Haiti Brief <question or command>` anywhere: answered in a thread, in the thread's context when it has one. */
export function appMention(deps: SlackDeps) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    const bot = { userId: context.botUserId, botId: context.botId };
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const reason = ignoreReason(event, bot, 'mention');
    if (reason || !event.user) {
      deps.logger.info({ event: 'slack.mention', event_id: eventId, channel: event.channel, outcome: 'ignored', reason }, 'mention ignored');
      return;
    }
    const { channel, user, ts, thread_ts: threadTs, text } = event;
    queueOrBusy(deps, client, { via: 'mention', eventId, channel, user, threadTs: threadTs ?? ts }, async () => {
      const thread = threadTs ? await deps.threads.find(client, bot, channel, threadTs) : null;
      const question = { via: 'mention', eventId, channel, user, threadTs: threadTs ?? ts, text: typedText(text, context.botUserId), thread } as const;
      await answerInThread(deps, client, { ...question, claim: eventClaim(context) });
    });
  };
}
