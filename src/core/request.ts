/** Where a request comes from, so replies and reminder subscriptions reach the right place. */
export interface ChannelRef {
  platform: 'slack' | 'teams' | 'console';
  /** The channel or conversation id on that platform. */
  id: string;
  /** What the platform needs to post there later (Teams' ConversationReference); JSON-serializable. */
  reference?: unknown;
}

/**
 * The context of a thread: the brief or the earlier answer a follow-up question was asked under. It is plain
 * JSON, so adapters can carry it in a message's metadata and hand it back after a restart.
 */
export type ThreadContext =
  | { kind: 'status' | 'proposals' | 'dates' }
  | {
      kind: 'answer';
      /** Identifies the earlier answer; it can be decoded without any stored state. */
      id: string;
    };

/** What an adapter knows about one request besides its text. */
export interface RequestContext {
  channel?: ChannelRef;
  user?: { id: string; name?: string };
  /**
   * Opens (or finds) the direct conversation between the bot and the person asking, for `remind me`; absent
   * where the platform adapter cannot reach a person directly (the local console).
   */
  direct?: () => Promise<ChannelRef>;
  /** Set when the message was posted in the thread of one of the bot's briefs or answers. */
  thread?: ThreadContext;
}
