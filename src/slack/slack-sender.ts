import { webApi } from '@slack/bolt';
import { SendError, type Logger, type MessageSender, type SendOptions } from '../core/ports.js';
import { deliveryOf, type SlackMessage } from './message-metadata.js';
import { describeSlackError } from './slack-errors.js';
import type { Reply } from '../core/reply.js';
import type { ChannelRef } from '../core/request.js';
import { renderBlockKit } from '../render/block-kit.js';
import { postToChannel } from './deliver.js';
import type { SlackConfig } from './slack-config.js';
import type { ThreadContexts } from './thread-contexts.js';
import { webClientOptions, type RetryPolicy } from './web-client-options.js';

/** Reminders retry on later ticks, so the client only retries 5xx briefly and reports a 429 at once. */
const SENDER_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 500, maxTimeoutMs: 2000 };

/**
 * Posts replies (reminders) to Slack channels as new top-level messages, in Block Kit, with the reply's thread
 * context in the metadata so follow-ups in the reminder's thread are answered. A failure throws SendError:
 * retryable for rate limits (with Retry-After), 5xx and network errors, not for refusals like channel_not_found.
 */
export class SlackMessageSender implements MessageSender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly threads?: ThreadContexts,
  ) {}

  async send(channel: ChannelRef, reply: Reply, options: SendOptions = {}): Promise<void> {
    if (channel.platform !== 'slack') throw new SendError(`the Slack sender cannot post to a ${channel.platform} channel`, false);
    const posted = await postToChannel(this.client, this.threads, { channel: channel.id }, renderBlockKit(reply), reply.context, options.deliveryKey);
    if (posted.ok) {
      this.logger.info({ event: 'slack.sent', channel: channel.id, kind: reply.kind, ts: posted.ts }, 'posted to the channel');
      return;
    }
    const { failure } = posted;
    this.logger.warn(
      { event: 'slack.send_failed', channel: channel.id, kind: reply.kind, lost: reply.title, error: failure.code, retryable: failure.retryable },
      'could not post to the channel',
    );
    throw new SendError(`Slack did not take the post to ${channel.id}: ${failure.code}`, failure.retryable, failure.retryAfterMs);
  }

  /**
   * Whether a post carrying this delivery key is in the channel's recent history (conversations.history with
   * the messages' metadata: the bot's reminders carry their key there), reading newest first, page by page,
   * until messages older than `since`. Throws SendError when Slack would not say.
   */
  async alreadySent(channel: ChannelRef, deliveryKey: string, since: Date): Promise<boolean> {
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const result = await this.client.conversations.history({ channel: channel.id, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
        const messages = (result.messages ?? []) as SlackMessage[];
        if (messages.some((m) => deliveryOf(m) === deliveryKey)) return true;
        const oldest = Math.min(...messages.map((m) => Number(m.ts ?? Infinity)));
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!result.has_more || !cursor || oldest * 1000 < since.getTime()) return false;
      }
      return false;
    } catch (error) {
      const failure = describeSlackError(error);
      throw new SendError(`could not read ${channel.id}'s history: ${failure.code}`, failure.retryable, failure.retryAfterMs);
    }
  }
}

/** How many pages (of 200) of a channel's recent messages are read looking for an earlier attempt. */
const HISTORY_PAGES = 3;

/** A sender with its own Web API client for the configured bot token and API URL. */
export function createSlackSender(
  config: Pick<SlackConfig, 'botToken' | 'apiUrl'>,
  logger: Logger,
  options: { retry?: RetryPolicy; threads?: ThreadContexts } = {},
): SlackMessageSender {
  const client = new webApi.WebClient(config.botToken, webClientOptions(config.apiUrl, logger, options.retry ?? SENDER_RETRY, true));
  return new SlackMessageSender(client, logger, options.threads);
}
