import type { webApi } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import type { ThreadContext } from '../../../core/request.js';
import { renderBlockKit, renderSlackReply } from '../../../render/block-kit.js';
import { announceChange, slackDirect } from '../../announce.js';
import { isForAskerOnly, postMessages, postToAsker, postToChannel } from '../../deliver.js';
import type { SlackDeps } from '../../slack-deps.js';
import type { EventClaim } from '../middleware/event-dedupe.js';

export interface ThreadQuestion {
  via: 'mention' | 'thread';
  eventId?: string | undefined;
  channel: string;
  user: string;
  /** The thread to answer in (the message's own ts when it starts one). */
  threadTs: string;
  text: string;
  /** The context of the thread, when it is one of the bot's. */
  thread: ThreadContext | null;
  /**
   * For a thread message (not a mention): what to do when the sources cannot answer it. `private` shows
   * the refusal to the asker only; `silent` says nothing (it read as talk among people).
   */
  refusal?: 'private' | 'silent';
  /** The event's claim, taken before answering and given back when nothing could be posted. */
  claim?: EventClaim;
}

const FAILED = 'Sorry: something went wrong while answering, and nothing was posted. Try again in a minute.';
const BUSY = "Sorry: I'm answering too many questions right now, so I didn't take this one. Try again in a minute.";

/**
 * Tells the asker something only they see: ephemeral in the channel (or thread), or, when Slack refuses that
 * too, in a direct message. True when one of them was delivered.
 */
export async function tellAsker(client: webApi.WebClient, where: { channel: string; user: string; threadTs?: string | undefined }, text: string): Promise<boolean> {
  if ((await postToAsker(client, where, { text, blocks: [] })).ok) return true;
  return (await postToChannel(client, undefined, { channel: where.user }, { text, blocks: [] }, undefined)).ok;
}

/**
 * Queues the answer to a mention or thread message; when the queue is full, tells the asker at once that the
 * bot is busy (nothing waits, and the event is not claimed, so nothing else holds it).
 */
export function queueOrBusy(deps: SlackDeps, client: webApi.WebClient, where: { via: string; eventId?: string | undefined; channel: string; user: string; threadTs: string }, job: () => Promise<void>): void {
  if (deps.queue.push(job)) return;
  void tellAsker(client, where, BUSY).then((told) =>
    deps.logger.warn({ event: `slack.${where.via}`, event_id: where.eventId, channel: where.channel, user: where.user, outcome: 'busy', told }, 'the answer queue is full; the asker was told'),
  );
}

/**
 * Answers a mention or a follow-up in its thread: briefs and answers where the channel sees them, help,
 * errors and reminder changes to the asker only. Logs one line saying what happened, or what was lost. The
 * event is claimed first (another copy of the app may have it); when nothing could be posted, it is
 * released so that a retry of it is answered.
 */
export async function answerInThread(deps: SlackDeps, client: webApi.WebClient, q: ThreadQuestion): Promise<void> {
  if (q.claim && !(await q.claim.take())) return;
  const started = performance.now();
  const where = { channel: q.channel, user: q.user, threadTs: q.threadTs };
  const base = { event: `slack.${q.via}`, event_id: q.eventId, channel: q.channel, thread_ts: q.threadTs, user: q.user, context: q.thread?.kind };
  const ms = (): number => Math.round(performance.now() - started);
  let reply: Reply;
  try {
    reply = await deps.engine.answerText(q.text, {
      channel: { platform: 'slack', id: q.channel },
      user: { id: q.user },
      direct: slackDirect(q.user),
      ...(q.thread ? { thread: q.thread } : {}),
    });
  } catch (error) {
    deps.logger.error({ ...base, outcome: 'engine_failed', error: error instanceof Error ? error.message : String(error) }, 'the engine failed');
    const told = await tellAsker(client, where, FAILED);
    await (told ? q.claim?.done() : q.claim?.release());
    return;
  }
  const refused = reply.kind === 'ask' && !reply.answered;
  if (refused && q.refusal === 'silent') {
    await q.claim?.done();
    deps.logger.info({ ...base, outcome: 'not_answered', reason: 'the sources do not cover it, and it read as talk among people', ms: ms() }, 'stayed quiet in the thread');
    return;
  }
  const toAsker = isForAskerOnly(reply) || (refused && q.refusal === 'private');
  const posted = toAsker
    ? await postToAsker(client, where, renderBlockKit(reply))
    : await postMessages(client, deps.threads, where, renderSlackReply(reply), reply.context);
  const visibility = toAsker ? 'asker' : 'thread';
  if (posted.ok) {
    await q.claim?.done();
    deps.logger.info({ ...base, outcome: 'answered', kind: reply.kind, visibility, ms: ms() }, 'answered in the thread');
    await announceChange(deps, client, { channel: q.channel, user: q.user }, reply);
  } else {
    await q.claim?.release();
    // The asker is told their answer was lost (ephemeral, or a direct message when Slack refuses that too).
    const told = toAsker ? false : await tellAsker(client, where, `Sorry: Slack would not take my answer (${posted.failure.code}), so nothing was posted. Try again in a minute.`);
    deps.logger.error(
      { ...base, outcome: 'lost', kind: reply.kind, visibility, lost: `the ${reply.kind} reply to ${q.user}`, error: posted.failure.code, told, ms: ms() },
      'could not answer in the thread after retries',
    );
  }
}
