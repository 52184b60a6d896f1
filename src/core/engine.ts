import type { AnswerEngine } from './answers/answer-engine.js';
import type { CorpusTexts } from './answers/passages.js';
import { briefReply } from './commands/brief-reply.js';
import { datesReply } from './commands/dates-reply.js';
import { helpReply } from './commands/help-reply.js';
import { parseCommand, type Command, type RemindCommand } from './commands/parse-command.js';
import { remindReply } from './commands/remind-reply.js';
import { sourceReply, sourcesReply } from './commands/sources-reply.js';
import { knowledgeSource, type KnowledgeSource } from './knowledge/knowledge-holder.js';
import { welcomeReply } from './commands/welcome-reply.js';
import type { Knowledge } from './knowledge/parse-knowledge.js';
import type { ChannelMarkStore } from './news/channel-marks.js';
import { knowledgeOn } from './news/knowledge-on.js';
import { briefWithNewCount, newsForChannel, recordBrief } from './news/news-reply.js';
import type { Clock } from './ports.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './request.js';

export type { RemindCommand };

/**
 * The question answerer (its index, word lists, stemmer and number parser) is loaded on the first question,
 * not when the engine is made: a bot that starts, serves `/healthz` and briefs never pays for it, and the
 * first question pays once per process.
 */
let answerEngineModule: Promise<typeof import('./answers/answer-engine.js')> | undefined;
const loadAnswerEngine = (): Promise<typeof import('./answers/answer-engine.js')> => (answerEngineModule ??= import('./answers/answer-engine.js'));

/** Answers `remind on|off|list` for the channel a request came from (the reminders service provides it). */
export type RemindHandler = (command: RemindCommand, request: RequestContext, now: Date) => Promise<Reply>;

export interface EngineOptions {
  /** Handles reminder subscriptions; without it, `remind` says that nothing was changed. */
  remind?: RemindHandler;
  /** The source documents' texts by file name (CORPUS_DIR, when the operator sets it): their passages answer questions no curated statement does. */
  passages?: CorpusTexts;
  /** Remembers what each channel's last brief rested on, for `new` and the count of new statements in a brief. */
  news?: ChannelMarkStore;
  /** Relate question words through WordNet (default true); false only for a benchmark's baseline. */
  wordnet?: boolean;
}

/**
 * The briefing engine: takes what a user typed (or a parsed Command) and answers with a platform-neutral
 * Reply. It knows no chat platform; the time comes from the injected clock.
 */
export class BriefingEngine {
  private readonly source: KnowledgeSource;
  /** One answer engine (and its index) per knowledge answered from: a reload or a replay builds a new one. */
  private readonly answerers = new WeakMap<Knowledge, AnswerEngine>();

  /** `knowledge` is fixed, or a source a running bot swaps when its files change (each request keeps the one it began with). */
  constructor(
    knowledge: Knowledge | KnowledgeSource,
    private readonly clock: Clock,
    private readonly options: EngineOptions = {},
  ) {
    this.source = knowledgeSource(knowledge);
  }

  /** The knowledge answered from now. */
  get knowledge(): Knowledge {
    return this.source.current();
  }

  private async answerer(knowledge: Knowledge): Promise<AnswerEngine> {
    let answerer = this.answerers.get(knowledge);
    if (!answerer) {
      const { AnswerEngine } = await loadAnswerEngine();
      // Another request may have made it while the module loaded: one answer engine per knowledge.
      answerer = this.answerers.get(knowledge);
      if (answerer) return answerer;
      answerer = new AnswerEngine(knowledge, this.clock, { ...(this.options.passages ? { passages: this.options.passages } : {}), ...(this.options.wordnet === false ? { wordnet: false } : {}) });
      this.answerers.set(knowledge, answerer);
    }
    return answerer;
  }

  /** Answers the text a user typed after `/haiti` (or in a chat with the bot). */
  answerText(text: string, request: RequestContext = {}): Promise<Reply> {
    return this.answer(parseCommand(text), request);
  }

  /** What the bot says once when it is added to a chat or a team: what it does and how current it is. */
  welcome(): Reply {
    return welcomeReply(this.knowledge, this.clock.now());
  }

  async answer(command: Command, request: RequestContext = {}): Promise<Reply> {
    const now = this.clock.now();
    // Read once: a reload during this request does not change what it answers from. Sources published after
    // now are not known yet (a replay with --now answers as the bot would have then).
    const knowledge = knowledgeOn(this.source.current(), now);
    const news = this.options.news;
    switch (command.kind) {
      case 'status':
      case 'proposals':
        return briefWithNewCount(briefReply(knowledge, command.kind, now, { full: command.full === true }), knowledge, now, request, news);
      case 'dates':
        return briefWithNewCount(datesReply(knowledge, now, { full: command.full === true }), knowledge, now, request, news);
      case 'new':
        return newsForChannel(knowledge, now, command.since, request, news);
      case 'sources':
        return sourcesReply(knowledge, now);
      case 'source':
        return sourceReply(knowledge, command.id, now);
      case 'ask':
        return (await this.answerer(knowledge)).answer(command.question, now, request.thread);
      case 'remind': {
        if (!this.options.remind) return remindReply(knowledge, command, now);
        const reply = await this.options.remind(command, request, now);
        // A channel subscribing starts from what the sources hold now: a digest tells it only what comes later.
        if (command.action === 'on' && reply.answered) await recordBrief(knowledge, now, request, news, true);
        return reply;
      }
      case 'help':
        return helpReply(knowledge, now, { topic: command.topic, platform: request.channel?.platform });
      case 'invalid':
        return helpReply(knowledge, now, { invalid: command, platform: request.channel?.platform });
    }
  }
}
