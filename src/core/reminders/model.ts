import type { ChannelRef } from '../request.js';

/** Who reminders go to: one subscription per channel, keyed by `platform:id`. */
export interface Subscription {
  /** `platform:id` of the channel (see subscriptionKey). */
  key: string;
  /** Where to post, with what the platform needs to post there later (Teams' conversation reference). */
  channel: ChannelRef;
  /** Days before each milestone, largest first. */
  leadDays: number[];
  /** IANA time zone the posting time is read in; null means the configured default. */
  timeZone: string | null;
  /** Local posting time "HH:MM"; null means the configured default. */
  postAt: string | null;
  /** Who made it: a person in chat, or the operator's configuration. */
  origin: 'chat' | 'config';
  /** When the subscription began: reminders whose instant came before it are not sent. */
  since: Date;
  /** False when the channel asked for no "New in Haiti Brief" digest (`remind on no-digest`); absent means on. */
  digest?: false;
  /** Who last turned them on or changed them in chat (the platform's user id), for their App Home; absent for the operator's. */
  setBy?: string;
}

/** Identifies one reminder: it is sent at most once per subscription, milestone and lead time. */
export interface ReminderKey {
  subscriptionKey: string;
  milestoneId: string;
  leadDays: number;
}

/** A reminder with the instant it is due. */
export interface PlannedReminder extends ReminderKey {
  sendAt: Date;
}

/** Where a reminder stands in the delivery ledger. */
export type DeliveryState = 'claimed' | 'retry' | 'sent' | 'failed' | 'skipped';

/** One row of the delivery ledger. */
export interface Delivery extends PlannedReminder {
  state: DeliveryState;
  attempts: number;
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
}

/** A reminder this process holds the right to send, until its lease ends; `attempt` fences later updates. */
export interface Claim extends PlannedReminder {
  attempt: number;
}

/** The key of a channel's subscription. */
export function subscriptionKey(channel: Pick<ChannelRef, 'platform' | 'id'>): string {
  return `${channel.platform}:${channel.id}`;
}

/** The ledger key of a reminder, as one string (for maps and log lines). */
export function reminderId(r: ReminderKey): string {
  return `${r.subscriptionKey}|${r.milestoneId}|${r.leadDays}`;
}
