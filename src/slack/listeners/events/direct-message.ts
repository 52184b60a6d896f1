import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import type { ThreadContext } from '../../../core/request.js';
import { renderSlackReply } from '../../../render/block-kit.js';
import { slackDirect } from '../../announce.js';
import { postMessages } from '../../deliver.js';
import { contextOf, type BotIdentity, type SlackMessage } from '../../message-metadata.js';
import type { SlackDeps } from '../../slack-deps.js';
import { eventClaim } from '../middleware/event-dedupe.js';
import { ignoreReason, typedText, type IncomingMessage } from './ignore-reason.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** Whether a message event comes from a direct message with the bot (Slack's `message.im`). */
export function isDirectMessage(event: { channel_type?: string; channel?: string }): boolean {
  return event.channel_type === 'im';
}

/** The context of the bot's latest reply in the conversation: a DM reads like one long thread. */
async function latestContext(client: webApi.WebClient, bot: BotIdentity, channel: string): Promise<ThreadContext | null> {
  const page = await client.conversations.history({ channel, limit: 20, include_all_metadata: true });
  for (const m of (page.messages ?? []) as SlackMessage[]) {
    const context = contextOf(m, bot);
    if (context) return context;
  }
  return null;
}

/**
 * A message in a direct message with the bot (`message.im`): every one is for the bot (no mention, no
 * question mark needed) and is answered there, like a thread question: in the context of the thread it was
 * typed in, else of the bot's latest reply in the conversation. Help and reminder changes are answered in
 * the DM too (only the person sees it). The event is claimed in the store, so a retry is answered once.
 */
export function directMessage(deps: SlackDeps) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    const message = event as IncomingMessage & { channel: string; channel_type?: string };
    const bot = { userId: context.botUserId, botId: context.botId };
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const reason = ignoreReason(message, bot, 'mention');
    if (reason || !message.user) {
      deps.logger.debug?.({ event: 'slack.dm', event_id: eventId, channel: message.channel, outcome: 'ignored', reason }, 'direct message ignored');
      return;
    }
    const { channel, user } = message;
    const text = typedText(message.text ?? '', context.botUserId);
    const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
    const claim = eventClaim(context);
    deps.queue.push(async () => {
      if (!(await claim.take())) return;
      const base = { event: 'slack.dm', event_id: eventId, channel, user, thread_ts: threadTs };
      let reply: Reply;
      try {
        const thread = threadTs ? await deps.threads.find(client, bot, channel, threadTs) : await latestContext(client, bot, channel).catch(() => null);
        reply = await deps.engine.answerText(text, {
          channel: { platform: 'slack', id: channel },
          user: { id: user },
          direct: slackDirect(user),
          ...(thread ? { thread } : {}),
        });
      } catch (error) {
        await claim.release();
        deps.logger.error({ ...base, outcome: 'engine_failed', error: error instanceof Error ? error.message : String(error) }, 'the engine failed');
        return;
      }
      const posted = await postMessages(client, deps.threads, { channel, threadTs }, renderSlackReply(reply), reply.context);
      if (posted.ok) {
        await claim.done();
        deps.logger.info({ ...base, outcome: 'answered', kind: reply.kind, context: reply.context?.kind }, 'answered a direct message');
      } else {
        await claim.release();
        deps.logger.error({ ...base, outcome: 'lost', kind: reply.kind, error: posted.failure.code }, 'could not answer the direct message');
      }
    });
  };
}
