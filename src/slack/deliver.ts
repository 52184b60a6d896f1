import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Reply, ReplyKind } from '../core/reply.js';
import type { ThreadContext } from '../core/request.js';
import type { BlockKitMessage } from '../render/block-kit.js';
import { replyMetadata } from './message-metadata.js';
import { describeSlackError, type SlackFailure } from './slack-errors.js';
import type { ThreadContexts } from './thread-contexts.js';
import type { RetryPolicy } from './web-client-options.js';

/** Help, errors and subscription changes go only to the person who asked; briefs and answers to the channel. */
const ASKER_ONLY: ReadonlySet<ReplyKind> = new Set(['help', 'error', 'remind']);

export function isForAskerOnly(reply: Reply): boolean {
  return ASKER_ONLY.has(reply.kind);
}

export type Posted = { ok: true; ts: string } | { ok: false; failure: SlackFailure };

/**
 * Posts a message where the channel sees it (in a thread when `threadTs` is given), carrying the reply's
 * thread context in its metadata and remembering it for the thread's follow-ups. Failures are returned,
 * after the client's retries, for the caller to say what was lost.
 */
export async function postToChannel(
  client: webApi.WebClient,
  threads: ThreadContexts | undefined,
  where: { channel: string; threadTs?: string | undefined },
  message: BlockKitMessage,
  context: ThreadContext | undefined,
  delivery?: string,
): Promise<Posted> {
  try {
    const result = await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      ...(context || delivery ? { metadata: replyMetadata(context, delivery) } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    const ts = result.ts ?? '';
    const thread = where.threadTs ?? ts;
    if (context && thread) threads?.remember(where.channel, thread, context);
    return { ok: true, ts };
  } catch (error) {
    return { ok: false, failure: describeSlackError(error) };
  }
}

/**
 * Posts a reply's messages: the first where the channel sees it (or in the given thread), the rest in that
 * message's thread, in order, each carrying the reply's context. Returns the first post's outcome and how
 * many of the messages were posted; it stops at the first failure.
 */
export async function postMessages(
  client: webApi.WebClient,
  threads: ThreadContexts | undefined,
  where: { channel: string; threadTs?: string | undefined },
  messages: readonly BlockKitMessage[],
  context: ThreadContext | undefined,
): Promise<Posted & { count: number }> {
  const [head, ...rest] = messages;
  if (!head) return { ok: true, ts: '', count: 0 };
  const first = await postToChannel(client, threads, where, head, context);
  if (!first.ok) return { ...first, count: 0 };
  const thread = where.threadTs ?? first.ts;
  let count = 1;
  for (const message of rest) {
    const posted = await postToChannel(client, threads, { channel: where.channel, threadTs: thread }, message, context);
    if (!posted.ok) return { ...posted, count };
    count += 1;
  }
  return { ...first, count };
}

/** Shows a message to one person in a channel (or a thread of it). */
export async function postToAsker(
  client: webApi.WebClient,
  where: { channel: string; user: string; threadTs?: string | undefined },
  message: BlockKitMessage,
): Promise<Posted> {
  try {
    const result = await client.chat.postEphemeral({
      channel: where.channel,
      user: where.user,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    });
    return { ok: true, ts: result.message_ts ?? '' };
  } catch (error) {
    return { ok: false, failure: describeSlackError(error) };
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers through a slash command's response_url, retrying 429s and 5xx with backoff like the Web API client. */
export async function respondWith(respond: RespondFn, message: RespondArguments, retry: RetryPolicy): Promise<Posted> {
  for (let attempt = 0; ; attempt++) {
    try {
      await respond(message);
      return { ok: true, ts: '' };
    } catch (error) {
      const failure = describeSlackError(error);
      if (!failure.retryable || attempt >= retry.retries) return { ok: false, failure };
      await pause(failure.retryAfterMs ?? Math.min(retry.minTimeoutMs * 2 ** attempt, retry.maxTimeoutMs));
    }
  }
}
