import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { upTo } from '../lru-count.js';
import type { Logger } from '../core/ports.js';
import type { ThreadContext } from '../core/request.js';
import { contextOf, type BotIdentity, type SlackMessage } from './message-metadata.js';
import { describeSlackError } from './slack-errors.js';

/** A cached answer to "is this one of the bot's threads?": the context, or null for "no". */
interface Entry {
  context: ThreadContext | null;
}

interface Lookup {
  client: webApi.WebClient;
  bot: BotIdentity;
}

export interface ThreadContextsOptions {
  logger: Logger;
  max?: number;
  /** How long a known thread stays cached; after that it is read from Slack again. */
  ttlMs?: number;
  /** How long "not one of ours" is remembered (short: the bot may answer there later). */
  negativeTtlMs?: number;
}

/** How many of a thread's first messages are searched for the bot's reply. */
const FIRST_MESSAGES = 20;

/**
 * The context of each thread the bot has answered in: the context of the thread's first reply of ours (its
 * parent when the bot started the thread). Kept in a bounded LRU cache, and read back from the messages'
 * metadata (conversations.replies, else the parent via conversations.history) when not cached, so it
 * survives a restart. Concurrent lookups of one thread make one API call.
 */
export class ThreadContexts {
  private readonly cache: LRUCache<string, Entry, Lookup>;
  private readonly negativeTtlMs: number;

  constructor(private readonly options: ThreadContextsOptions) {
    this.negativeTtlMs = options.negativeTtlMs ?? 10 * 60_000;
    this.cache = new LRUCache<string, Entry, Lookup>({
      ...upTo(options.max ?? 10_000),
      ttl: options.ttlMs ?? 7 * 86_400_000,
      fetchMethod: async (key, _stale, { options: set, context }) => {
        const [channel = '', threadTs = ''] = key.split('/');
        const found = await this.read(context, channel, threadTs);
        if (found === undefined) return undefined; // Slack did not say: nothing is cached, ask again next time
        if (found === null) set.ttl = this.negativeTtlMs;
        return { context: found };
      },
    });
  }

  /** Remembers the context of a reply the bot just posted in (or as the parent of) a thread; the first one stays. */
  remember(channel: string, threadTs: string, context: ThreadContext): void {
    const key = `${channel}/${threadTs}`;
    if (!this.cache.get(key)?.context) this.cache.set(key, { context });
  }

  /** The context of the thread, or null when it is not one of the bot's threads (or Slack could not say). */
  async find(client: webApi.WebClient, bot: BotIdentity, channel: string, threadTs: string): Promise<ThreadContext | null> {
    const entry = await this.cache.fetch(`${channel}/${threadTs}`, { context: { client, bot } });
    return entry?.context ?? null;
  }

  /** Reads the thread from Slack: the context, null when it has none, undefined when Slack would not say. */
  private async read({ client, bot }: Lookup, channel: string, threadTs: string): Promise<ThreadContext | null | undefined> {
    const logger = this.options.logger;
    try {
      const page = await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: FIRST_MESSAGES });
      for (const m of (page.messages ?? []) as SlackMessage[]) {
        const context = contextOf(m, bot);
        if (context) return context;
      }
      return null;
    } catch (error) {
      logger.warn({ event: 'slack.thread.replies_failed', channel, thread_ts: threadTs, error: describeSlackError(error).code }, 'could not read the thread; trying its parent');
    }
    try {
      const page = await client.conversations.history({ channel, latest: threadTs, inclusive: true, limit: 1, include_all_metadata: true });
      const parent = (page.messages ?? []).find((m) => m.ts === threadTs) as SlackMessage | undefined;
      return parent ? contextOf(parent, bot) : null;
    } catch (error) {
      logger.warn({ event: 'slack.thread.lookup_failed', channel, thread_ts: threadTs, error: describeSlackError(error).code }, 'could not read the thread parent');
      return undefined;
    }
  }
}
