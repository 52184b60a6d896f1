import { AnswerEngine } from './answers/answer-engine.js';
import type { CorpusTexts } from './answers/passages.js';
import { briefReply } from './commands/brief-reply.js';
import { datesReply } from './commands/dates-reply.js';
import { helpReply } from './commands/help-reply.js';
import { parseCommand, type Command, type RemindCommand } from './commands/parse-command.js';
import { remindReply } from './commands/remind-reply.js';
import { sourceReply, sourcesReply } from './commands/sources-reply.js';
import type { Knowledge } from './knowledge/parse-knowledge.js';
import type { Clock } from './ports.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './request.js';

export type { RemindCommand };

/** Answers `remind on|off|list` for the channel a request came from (the reminders service provides it). */
export type RemindHandler = (command: RemindCommand, request: RequestContext, now: Date) => Promise<Reply>;

export interface EngineOptions {
  /** Handles reminder subscriptions; without it, `remind` says that nothing was changed. */
  remind?: RemindHandler;
  /** The source documents' texts by file name (CORPUS_DIR, when the operator sets it): their passages answer questions no curated statement does. */
  passages?: CorpusTexts;
  /** Relate question words through WordNet (default true); false only for a benchmark's baseline. */
  wordnet?: boolean;
}

/**
 * The briefing engine: takes what a user typed (or a parsed Command) and answers with a platform-neutral
 * Reply. It knows no chat platform; the time comes from the injected clock.
 */
export class BriefingEngine {
  private readonly answerer: AnswerEngine;

  constructor(
    readonly knowledge: Knowledge,
    private readonly clock: Clock,
    private readonly options: EngineOptions = {},
  ) {
    this.answerer = new AnswerEngine(knowledge, clock, { ...(options.passages ? { passages: options.passages } : {}), ...(options.wordnet === false ? { wordnet: false } : {}) });
  }

  /** Answers the text a user typed after `/haiti` (or in a chat with the bot). */
  answerText(text: string, request: RequestContext = {}): Promise<Reply> {
    return this.answer(parseCommand(text), request);
  }

  async answer(command: Command, request: RequestContext = {}): Promise<Reply> {
    const now = this.clock.now();
    switch (command.kind) {
      case 'status':
      case 'proposals':
        return briefReply(this.knowledge, command.kind, now);
      case 'dates':
        return datesReply(this.knowledge, now);
      case 'sources':
        return sourcesReply(this.knowledge, now);
      case 'source':
        return sourceReply(this.knowledge, command.id, now);
      case 'ask':
        return this.answerer.answer(command.question, now, request.thread);
      case 'remind':
        return this.options.remind ? this.options.remind(command, request, now) : remindReply(this.knowledge, command, now);
      case 'help':
        return helpReply(this.knowledge, now, { topic: command.topic });
      case 'invalid':
        return helpReply(this.knowledge, now, { invalid: command });
    }
  }
}
