import type { ChatStateStore, RequestSignatureStore, StorePing } from '../chat-state.js';
import type { ChannelMark, ChannelMarkStore } from '../news/channel-marks.js';
import type { Claim, Delivery, PlannedReminder, Subscription } from './model.js';

/**
 * The durable store behind reminders: subscriptions, the delivery ledger and the tick watermark. SQLite and
 * PostgreSQL implement it (src/store/) and pass one contract test suite. Every claim is atomic in the
 * database, so several bots sharing one store deliver each reminder once. It also keeps the chat adapters'
 * shared state (thread contexts, claimed event ids: see chat-state.ts).
 */
export interface Store extends ChatStateStore, ChannelMarkStore, RequestSignatureStore, StorePing {
  /** Every channel's mark (what its last brief rested on), by channel key: one read per digest scan. */
  channelMarks(): Promise<Map<string, ChannelMark>>;
  getSubscription(key: string): Promise<Subscription | null>;
  /** Creates or replaces a channel's subscription, keeping the `since` of one that exists; returns what is stored. */
  saveSubscription(subscription: Subscription): Promise<Subscription>;
  /** Removes a channel's subscription; false when there was none. */
  deleteSubscription(key: string): Promise<boolean>;
  listSubscriptions(): Promise<Subscription[]>;

  /**
   * Claims reminders for sending until `leaseUntil`, atomically: a reminder is claimed when it is not in the
   * ledger yet, or waits for a retry that is due, or was claimed by someone whose lease has run out. Reminders
   * of subscriptions that no longer exist are not claimed. Returns the claims won, each with its attempt number.
   */
  claim(reminders: readonly PlannedReminder[], now: Date, leaseUntil: Date): Promise<Claim[]>;
  /** Records a claimed reminder sent; false when the claim was lost (its lease ran out and another took it). */
  markSent(claim: Claim, now: Date): Promise<boolean>;
  /** Records a failed send: retried from `retryAt`, or never again when it is null. False when the claim was lost. */
  markFailed(claim: Claim, error: string, retryAt: Date | null, now: Date): Promise<boolean>;
  /**
   * Records reminders as skipped (never to be sent) with the reason: those not in the ledger yet, and those
   * waiting for a retry or left claimed past their lease. Returns the rows it skipped, their `lastError` saying
   * why (the reason, then the last send error if there was one).
   */
  skip(reminders: readonly PlannedReminder[], reason: string, now: Date): Promise<Delivery[]>;
  /** Reminders whose retry is due, or whose claim's lease ran out, at `now`. */
  pendingRetries(now: Date): Promise<PlannedReminder[]>;
  /** The ledger, for inspection and tests; optionally one subscription's rows. */
  deliveries(subscriptionKey?: string): Promise<Delivery[]>;

  /** The instant of the last completed tick (shared by every bot on the store); null before the first. */
  watermark(): Promise<Date | null>;
  /** Moves the watermark forward to `to` (never back). */
  advanceWatermark(to: Date): Promise<void>;

  close(): Promise<void>;
}
