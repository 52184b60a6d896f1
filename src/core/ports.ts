import type { Reply } from './reply.js';
import type { ChannelRef } from './request.js';

/** Where "now" comes from. Every use of the current time in the core goes through a Clock. */
export interface Clock {
  now(): Date;
}

/** The system clock, for production. Tests pass a fixed clock instead. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** Structured logging, one JSON line per event (pino satisfies it). Never log secrets or tokens. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A send that failed; `retryable` says whether trying again later may succeed (rate limits, 5xx, timeouts). */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** How long the platform asked us to wait before retrying (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Posts a reply to a channel as a new top-level message (reminders). Each chat platform implements it;
 * tests use a recording double. Throws SendError when the post failed.
 */
export interface MessageSender {
  send(channel: ChannelRef, reply: Reply, options?: SendOptions): Promise<void>;
  /**
   * Whether a message carrying this delivery key was already posted in the channel since `since`, for
   * platforms that can read a channel back (Slack). A reminder claimed but never recorded (the bot died
   * between the post and the record) is looked for before it is sent again.
   */
  alreadySent?(channel: ChannelRef, deliveryKey: string, since: Date): Promise<boolean>;
}

/** What a sender may attach to a post. */
export interface SendOptions {
  /** Identifies this delivery (a reminder's ledger key): carried with the post so `alreadySent` can find it. */
  deliveryKey?: string;
}

/** The durable store of reminder subscriptions and deliveries (defined beside the reminders that use it). */
export type { Store } from './reminders/store.js';

/** What the chat adapters keep in the durable store: thread contexts and claimed event ids. */
export type { ChatStateStore, EventClaimStore, ThreadContextStore } from './chat-state.js';
