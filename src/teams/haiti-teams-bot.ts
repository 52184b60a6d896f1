import { ActivityHandler, type TurnContext } from 'botbuilder';
import { parseCommand } from '../core/commands/parse-command.js';
import type { Logger } from '../core/ports.js';
import type { Reply } from '../core/reply.js';
import type { ChannelRef, RequestContext, ThreadContext } from '../core/request.js';
import { ActivityDedupe } from './activity-dedupe.js';
import { AnswerGate, BUSY } from './answer-gate.js';
import { cardSubmit } from './card-submit.js';
import { commandText } from './command-text.js';
import { channelRefOf, threadKey } from './conversation.js';
import { announcementActivity, teamsDirect } from './direct-and-announce.js';
import { replyActivities } from './reply-activity.js';
import { ReplyCache } from './reply-cache.js';
import { ThreadMemory } from './thread-memory.js';
import { OnceClaims } from '../core/once.js';
import { systemClock } from '../core/ports.js';
import { welcomeOnce } from './welcome.js';

/**
 * Set in a turn's state when the reply could not be delivered: the HTTP server then answers Teams with an
 * error, so Teams sends the activity again and that attempt answers it.
 */
export const REPLY_FAILED = Symbol('haiti-brief.reply-failed');

// What came of one activity: a reply (or an apology) was sent, nothing was, or it was not for the bot.
type Outcome = 'sent' | 'nothing sent' | 'ignored';

/** What the bot needs of the core: BriefingEngine satisfies it. */
export interface Answerer {
  answerText(text: string, request?: RequestContext): Promise<Reply>;
  /** The welcome card's reply, for a conversation the bot was just added to (none: no welcome). */
  welcome?(): Reply;
}

export interface TeamsBotOptions {
  engine: Answerer;
  logger: Logger;
  memory?: ThreadMemory;
  dedupe?: ActivityDedupe;
  /** Welcomes once per conversation (shared through the store); default: once per process. */
  once?: OnceClaims;
  /** The bot's app id ('' with TEAMS_AUTH=off), to open direct conversations for `remind me`. */
  appId?: string;
  /** Replies reused for a few seconds; pass `null` to answer every message afresh. */
  cache?: ReplyCache | null;
  /** Answers made at once, and how many may wait (ANSWER_CONCURRENCY, ANSWER_QUEUE_MAX); unbounded when absent. */
  limits?: { concurrency: number; maxWaiting: number };
}

const BUSY_TEXT = "Sorry: I'm answering too many questions right now, so I didn't take this one. Try again in a minute.";

// The text and thread context of a message: typed (mention stripped) or sent by one of the card's buttons.
async function readMessage(context: TurnContext, memory: ThreadMemory): Promise<{ text: string; thread?: ThreadContext } | null> {
  const activity = context.activity;
  if (activity.value !== undefined && !activity.text) {
    const submit = cardSubmit(activity.value);
    if (!submit) return null;
    return submit.context ? { text: submit.text, thread: submit.context } : { text: submit.text };
  }
  const text = commandText(activity);
  // Only a question is read in its thread's context: a brief or a command needs no look-up.
  if (parseCommand(text).kind !== 'ask') return { text };
  const thread = await memory.recall(threadKey(activity), activity.replyToId);
  return thread ? { text, thread } : { text };
}

function statusOf(error: unknown): string {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? `HTTP ${status}` : error instanceof Error ? error.name : 'unknown error';
}

/**
 * Haiti Brief in Teams: answers what people type to it (in personal chat, group chat and channels, with the
 * @mention and an optional "/haiti" stripped) with the engine's reply as an Adaptive Card, in the same
 * thread. A follow-up in a thread is read in the context of the bot's latest reply there. An activity Teams
 * sends again is answered once.
 */
export class HaitiTeamsBot extends ActivityHandler {
  private readonly memory: ThreadMemory;
  private readonly dedupe: ActivityDedupe;
  private readonly cache: ReplyCache | null;
  private readonly gate: AnswerGate | null;

  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.gate = options.limits ? new AnswerGate(options.limits.concurrency, options.limits.maxWaiting) : null;
    this.memory = options.memory ?? new ThreadMemory();
    this.dedupe = options.dedupe ?? new ActivityDedupe();
    this.cache = options.cache === undefined ? new ReplyCache() : options.cache;
    const once = options.once ?? new OnceClaims({ platform: 'teams', clock: systemClock, logger: options.logger });
    this.onMembersAdded(async (context, next) => {
      const { engine } = this.options;
      if (engine.welcome) await welcomeOnce(context, () => (engine.welcome as () => Reply).call(engine), once, this.options.logger);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  /** The engine's reply and its card, reused for a few seconds when the same text comes in the same context. */
  private async reply(message: { text: string; thread?: ThreadContext }, request: RequestContext, conversation: string) {
    const cached = this.cache?.get(message.text, message.thread);
    if (cached) {
      this.options.logger.info({ event: 'teams.reply.reused', conversation, kind: cached.reply.kind }, 'a reply from seconds ago was reused');
      return cached;
    }
    const reply = await this.options.engine.answerText(message.text, request);
    const entry = { reply, activities: replyActivities(reply) };
    this.cache?.set(message.text, message.thread, entry);
    return entry;
  }

  private async answer(context: TurnContext): Promise<void> {
    const { logger } = this.options;
    const activity = context.activity;
    const channel = channelRefOf(activity);
    const duplicate = await this.dedupe.claim(activity.conversation.id, activity.id);
    if (duplicate) {
      logger.info(
        { event: 'teams.duplicate', conversation: channel.id, activityId: activity.id, seenBy: duplicate },
        'an activity Teams sent again was not answered twice',
      );
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.respond(context, channel);
    } catch (error) {
      await this.dedupe.release(activity.conversation.id, activity.id);
      throw error;
    }
    if (outcome === 'nothing sent') {
      // Teams sends an activity again when the bot failed: let that attempt (on any copy of the bot) answer it.
      await this.dedupe.release(activity.conversation.id, activity.id);
      context.turnState.set(REPLY_FAILED, true);
    } else {
      await this.dedupe.handled(activity.conversation.id, activity.id);
    }
  }

  private async respond(context: TurnContext, channel: ChannelRef): Promise<Outcome> {
    const { logger } = this.options;
    const activity = context.activity;
    const message = await readMessage(context, this.memory);
    if (!message) {
      logger.info({ event: 'teams.ignored', conversation: channel.id }, 'a card action that is not ours was ignored');
      return 'ignored';
    }
    const from = activity.from;
    const request: RequestContext = {
      channel,
      user: { id: from.aadObjectId ?? from.id, ...(from.name ? { name: from.name } : {}) },
      direct: teamsDirect(context, this.options.appId ?? ''),
      ...(message.thread ? { thread: message.thread } : {}),
    };
    let apologized = false;
    const work = () => this.reply(message, request, channel.id);
    let busy = false;
    const answered = await (this.gate ? this.gate.run(work) : work())
      .then((result) => {
        if (result !== BUSY) return result;
        busy = true;
        return null;
      })
      .catch(async (error: unknown) => {
        logger.error({ event: 'teams.answer.failed', conversation: channel.id, err: error }, 'the engine failed to answer');
        apologized = await context.sendActivity('Sorry, I could not answer that. The error was logged; please try again later.').then(
          () => true,
          (e: unknown) => {
            logger.error({ event: 'teams.reply.failed', conversation: channel.id, status: statusOf(e) }, 'the apology was not delivered either');
            return false;
          },
        );
        return null;
      });
    if (busy) {
      logger.warn({ event: 'teams.busy', conversation: channel.id }, 'too many answers in progress; the asker was told');
      return context.sendActivity(BUSY_TEXT).then(
        () => 'sent' as const,
        () => 'nothing sent' as const,
      );
    }
    if (!answered) return apologized ? 'sent' : 'nothing sent';
    const { reply, activities } = answered;
    let sentId: string | undefined;
    try {
      const [first, ...rest] = activities;
      sentId = (await context.sendActivity({ ...first }))?.id;
      // The rest of a long reply, or the full form asked for, follows in the same reply chain.
      for (const next of rest) await context.sendActivity({ ...next });
    } catch (error) {
      // The connector's error is not rethrown: it holds the request, bearer token included, and botbuilder
      // prints what it catches.
      logger.error(
        { event: 'teams.reply.failed', conversation: channel.id, kind: reply.kind, status: statusOf(error) },
        'the reply was not delivered; Teams will send the message again',
      );
      return 'nothing sent';
    }
    if (reply.context) await this.memory.remember(threadKey(activity), sentId, reply.context);
    const announcement = announcementActivity(reply, from, activity.conversation.conversationType);
    if (announcement) await context.sendActivity(announcement).catch((e: unknown) => logger.warn({ event: 'teams.announce.failed', conversation: channel.id, status: statusOf(e) }, 'the announcement was not delivered'));
    logger.info(
      { event: 'teams.answered', conversation: channel.id, kind: reply.kind, answered: reply.answered, thread: message.thread?.kind ?? null },
      'answered in Teams',
    );
    return 'sent';
  }
}
