import type { BriefingEngine } from '../core/engine.js';
import type { SharedEventClaims } from '../core/event-claims.js';
import type { HomeOverviewSource } from '../core/home.js';
import type { HomeViewers } from './app-home.js';
import type { OnceClaims } from '../core/once.js';
import type { Logger } from '../core/ports.js';
import type { AnswerQueue } from './answer-queue.js';
import type { ThreadContexts } from './thread-contexts.js';
import type { RetryPolicy } from './web-client-options.js';

/** What answers a request: the briefing engine (tests may wrap it to see what it was asked). */
export type Answerer = Pick<BriefingEngine, 'answerText'>;

/** Our logger, with pino's `debug` when it has one (for the many messages the bot rightly ignores). */
export type SlackLogger = Logger & { debug?: (fields: Record<string, unknown>, message: string) => void };

/** What the listeners share. */
export interface SlackDeps {
  engine: Answerer;
  logger: SlackLogger;
  threads: ThreadContexts;
  retry: RetryPolicy;
  /** Answers wait here once their request is acknowledged. */
  queue: AnswerQueue;
  /** What a person's App Home shows; without it the Home tab is not published. */
  home?: HomeOverviewSource;
  /** Who has an App Home from this copy of the app, to refresh when what it shows changes. */
  homeViewers?: HomeViewers;
  /** Work done once per button and message, shared by every copy of the app through the store. */
  once: OnceClaims;
  /** Event ids claimed in the store shared by every copy of the app; absent without a store. */
  claims?: SharedEventClaims;
}
