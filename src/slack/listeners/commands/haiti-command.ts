import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import { renderBlockKit, renderSlackReply } from '../../../render/block-kit.js';
import { announceChange, slackDirect } from '../../announce.js';
import { isForAskerOnly, postMessages, respondWith } from '../../deliver.js';
import type { SlackDeps } from '../../slack-deps.js';
import { isNotInChannel } from '../../slack-errors.js';
import { withoutMentions } from '../events/ignore-reason.js';
import { assertWellFormedCommand } from './well-formed.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Command = Pick<Args, 'command' | 'respond' | 'client'>;
type Log = (fields: Record<string, unknown>, message: string, level?: 'info' | 'warn' | 'error') => void;

export const INVITE_HINT =
  "I'm not a member of this channel, so I answered through the slash command instead, and replies in that answer's " +
  'thread will not reach me. To get thread follow-ups, invite me: `/invite @Haiti Brief`';

export const BUSY =
  "Sorry: I'm answering too many questions right now, so I didn't take this one. Try again in a minute.";

/**
 * In a direct message between people (or a group DM) nobody can invite a bot: there, the hint says what can
 * be done instead.
 */
export const DM_HINT =
  "I can't post in a direct message between people, so I answered through the slash command instead, and replies " +
  "in that answer's thread will not reach me. For follow-up questions, message me directly (Haiti Brief, under " +
  'Apps), or use `/haiti` in a channel I am in.';

/** Whether a slash command came from a direct message or group DM (ids D..., channel names directmessage, mpdm-...). */
export function isPeopleDm(command: { channel_id: string; channel_name?: string }): boolean {
  return /^D/.test(command.channel_id) || command.channel_name === 'directmessage' || /^mpdm-/.test(command.channel_name ?? '');
}

const FAILED =
  'Sorry: something went wrong while answering, and nothing was posted. Try again in a minute, or type `/haiti help`.';


/**
 * `/haiti <command>`: acknowledges at once (Slack allows 3 seconds), then answers from the answer queue.
 * Briefs and answers are posted in the channel, saying who asked; help, errors and reminder changes go only
 * to the asker. Where the bot is not in the channel, it answers through the command's response_url and tells
 * the asker how to invite it.
 */
export function haitiCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    assertWellFormedCommand(command);
    const queued = deps.queue.push(() => answerCommand(deps, { command, respond, client }));
    if (queued) {
      await ack();
      return;
    }
    // The queue is full: the asker is told at once, in the acknowledgement itself, and nothing waits.
    await ack({ response_type: 'ephemeral', text: BUSY });
    deps.logger.warn({ event: 'slack.command', channel: command.channel_id, user: command.user_id, outcome: 'busy', queued: deps.queue.size }, 'the answer queue is full; the asker was told');
  };
}

async function answerCommand(deps: SlackDeps, { command, respond, client }: Command): Promise<void> {
  const started = performance.now();
  const channel = command.channel_id;
  const user = command.user_id;
  const log: Log = (fields, message, level = 'info') =>
    deps.logger[level]({ event: 'slack.command', channel, user, ms: Math.round(performance.now() - started), ...fields }, message);

  let reply: Reply;
  try {
    reply = await deps.engine.answerText(withoutMentions(command.text), { channel: { platform: 'slack', id: channel }, user: { id: user }, direct: slackDirect(user) });
  } catch (error) {
    log({ outcome: 'engine_failed', error: error instanceof Error ? error.message : String(error) }, 'the engine failed; the asker was told', 'error');
    await respondWith(respond, { response_type: 'ephemeral', text: FAILED }, deps.retry);
    return;
  }
  const lost = { kind: reply.kind, lost: `the ${reply.kind} reply to ${user}` };
  if (isForAskerOnly(reply)) {
    const sent = await respondWith(respond, { response_type: 'ephemeral', ...renderBlockKit(reply) }, deps.retry);
    if (sent.ok) log({ outcome: 'answered', kind: reply.kind, visibility: 'asker' }, 'answered the asker only');
    else log({ outcome: 'lost', ...lost, error: sent.failure.code }, 'could not answer', 'error');
    await announceChange(deps, client, { channel, user, respond }, reply);
    return;
  }
  await answerInChannel(deps, { command, respond, client }, reply, log);
}

async function answerInChannel(deps: SlackDeps, { command, respond, client }: Command, reply: Reply, log: Log): Promise<void> {
  const lost = { kind: reply.kind, lost: `the ${reply.kind} reply to ${command.user_id}` };
  const messages = renderSlackReply(reply, { byline: { userId: command.user_id, command: withoutMentions(command.text) } });
  const posted = await postMessages(client, deps.threads, { channel: command.channel_id }, messages, reply.context);
  if (posted.ok) {
    log({ outcome: 'answered', kind: reply.kind, visibility: 'channel', ts: posted.ts, messages: posted.count }, 'posted in the channel');
    return;
  }
  if (posted.count > 0) {
    log({ outcome: 'partly_lost', ...lost, error: posted.failure.code, posted: posted.count, messages: messages.length }, 'posted the first messages; the rest of the thread could not be posted', 'error');
    return;
  }
  if (isNotInChannel(posted.failure)) {
    // A response_url takes five posts: the messages (at most four) and the hint.
    let shown = { ok: true } as Awaited<ReturnType<typeof respondWith>>;
    for (const message of messages.slice(0, 4)) {
      shown = await respondWith(respond, { response_type: 'in_channel', ...message }, deps.retry);
      if (!shown.ok) break;
    }
    if (!shown.ok) {
      log({ outcome: 'lost', ...lost, error: shown.failure.code }, 'not in the channel, and the response_url failed too', 'error');
      return;
    }
    const hinted = await respondWith(respond, { response_type: 'ephemeral', text: isPeopleDm(command) ? DM_HINT : INVITE_HINT }, deps.retry);
    log(
      { outcome: 'answered', kind: reply.kind, visibility: 'response_url', reason: 'not_in_channel', hinted: hinted.ok },
      'not a member of the channel: answered through the response_url and told the asker how to invite the bot',
      'warn',
    );
    return;
  }
  log({ outcome: 'lost', ...lost, error: posted.failure.code, detail: posted.failure.detail }, 'could not post in the channel after retries; the asker was told', 'error');
  const text = `Sorry: Slack would not take my answer (${posted.failure.code}), so nothing was posted. Try again in a minute.`;
  await respondWith(respond, { response_type: 'ephemeral', text }, deps.retry);
}
