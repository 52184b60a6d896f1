import type { ChannelRef, ThreadContext } from './request.js';

/** The chat platform a piece of chat state belongs to. */
export type ChatPlatform = ChannelRef['platform'];

/** How long a thread's context is kept: a follow-up typed in a thread older than this is a fresh question. */
export const THREAD_CONTEXT_KEEP_MS = 30 * 86_400_000;

/** How long a handled event id is kept: platforms resend within minutes, so a day leaves room. */
export const HANDLED_EVENT_KEEP_MS = 86_400_000;

/**
 * How long a claim holds while its event is being answered. A copy that dies mid-answer keeps the event from
 * the others only this long, so a later retry (Slack retries after about 1 and 5 minutes) is answered.
 */
export const HANDLING_LEASE_MS = 2 * 60_000;

/**
 * The contexts of the bot's replies, by a key the adapter chooses (a thread, or a message it posted), kept
 * durable so that a follow-up typed in a thread is read in its context after a restart and on any copy of the
 * bot. SQLite and PostgreSQL implement it (src/store/); rows older than THREAD_CONTEXT_KEEP_MS are not read,
 * and are deleted now and then.
 */
export interface ThreadContextStore {
  /**
   * Remembers the context under each key (a thread and the message just posted there, say) in one write,
   * replacing one remembered earlier (never one remembered later than `now`).
   */
  rememberThread(platform: ChatPlatform, keys: readonly string[], context: ThreadContext, now: Date): Promise<void>;
  /** The context remembered under a key, or null when there is none younger than THREAD_CONTEXT_KEEP_MS at `now`. */
  threadContext(platform: ChatPlatform, key: string, now: Date): Promise<ThreadContext | null>;
}

/**
 * Event ids claimed for handling, shared by every copy of the bot on one store, so that a repeated delivery
 * of an event (a Slack retry, a Teams re-send) is answered once even when another copy receives it.
 */
export interface EventClaimStore {
  /**
   * Claims an event id until `until`, atomically in the database: true for the one caller that wins it; false
   * while someone else's claim holds (it was claimed, not released, and `until` of that claim is after `now`).
   */
  claimEvent(platform: ChatPlatform, id: string, now: Date, until: Date): Promise<boolean>;
  /** Gives a claim back (its handling failed before anything was sent), so a later delivery is handled. */
  releaseEvent(platform: ChatPlatform, id: string): Promise<void>;
  /** Marks a claimed event answered, keeping its claim until `until` so later deliveries are dropped. */
  confirmEvent(platform: ChatPlatform, id: string, until: Date): Promise<void>;
}

/** What the chat adapters keep in the durable store. */
export type ChatStateStore = ThreadContextStore & EventClaimStore;

/** How long a signed request is remembered: Slack refuses timestamps more than five minutes off, either way. */
export const REQUEST_SIGNATURE_KEEP_MS = 5 * 60_000;

/**
 * The signatures of the signed requests answered, shared by every copy of the bot, so that a request sent
 * again with the same signature (a replay) is answered once, whichever copy receives it.
 */
export interface RequestSignatureStore {
  /**
   * Remembers a request's signature until `until`, atomically: true for the first caller, false while the same
   * signature is remembered (its `until` is after `now`).
   */
  rememberSignature(platform: ChatPlatform, signature: string, now: Date, until: Date): Promise<boolean>;
}

/** Whether the store answers: a trivial round trip (the /readyz check). */
export interface StorePing {
  ping(): Promise<void>;
}
