import type { PartialDate } from '../dates.js';

/** What a channel was last sent: the newest source date its last brief (or digest) rested on, and when. */
export interface ChannelMark {
  newest: PartialDate;
  at: Date;
}

/**
 * Remembers, per channel (`platform:id`), the newest source its last brief rested on, so `new` and the digest
 * know what is new to it. The stores implement it beside the reminders.
 */
export interface ChannelMarkStore {
  channelMark(channelKey: string): Promise<ChannelMark | null>;
  /** Records a brief sent to the channel; the newest source date never moves back. */
  recordChannelMark(channelKey: string, mark: ChannelMark): Promise<void>;
}
