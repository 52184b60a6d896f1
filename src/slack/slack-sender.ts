import { webApi } from '@slack/bolt';
import { SendError, type Logger, type MessageSender } from '../core/ports.js';
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

  async send(channel: ChannelRef, reply: Reply): Promise<void> {
    if (channel.platform !== 'slack') throw new SendError(`the Slack sender cannot post to a ${channel.platform} channel`, false);
    const posted = await postToChannel(this.client, this.threads, { channel: channel.id }, renderBlockKit(reply), reply.context);
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
}

/** A sender with its own Web API client for the configured bot token and API URL. */
export function createSlackSender(
  config: Pick<SlackConfig, 'botToken' | 'apiUrl'>,
  logger: Logger,
  options: { retry?: RetryPolicy; threads?: ThreadContexts } = {},
): SlackMessageSender {
  const client = new webApi.WebClient(config.botToken, webClientOptions(config.apiUrl, logger, options.retry ?? SENDER_RETRY, true));
  return new SlackMessageSender(client, logger, options.threads);
}
