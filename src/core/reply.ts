import type { PartialDate } from './dates.js';
import type { NoteKind, Says } from './knowledge/schema.js';
import type { ThreadContext } from './request.js';

/**
 * What a reply answers: a command's name, "error" for input the engine could not take, or "reminder" for a
 * scheduled milestone reminder posted to a subscribed channel (not an answer to anyone).
 */
export type ReplyKind = 'status' | 'proposals' | 'dates' | 'sources' | 'source' | 'ask' | 'remind' | 'help' | 'error' | 'reminder';

/** A numbered citation: which source backs a claim, with the verbatim quote when there is one. */
export interface ReplyCitation {
  n: number;
  sourceId: string;
  quote?: string;
  /** The source's known-error note this citation rests on, when it rests on one. */
  note?: string;
  /** What the note is: a known error (the default), the source of a date, or context. See `noteLead`. */
  noteKind?: NoteKind;
  url?: string;
}

/** A source a reply cites, as the renderers list it. */
export interface ReplySource {
  id: string;
  publisher: string;
  title: string;
  author?: string;
  date: PartialDate;
  url?: string;
}

/** One statement of a reply with the numbers of the citations that back it. */
export interface ReplyClaim {
  label?: string;
  text: string;
  /** Whose view the statement is when it is not an established fact; renderers show `saysLabel(says)`. */
  says?: Says;
  citations: number[];
  /** Another source's account that differs from this claim, with its own citations. */
  disagreement?: { text: string; says?: Says; citations: number[] };
}

export interface ReplySection {
  heading: string;
  claims: ReplyClaim[];
}

/** A platform-neutral answer: the renderers turn it into plain text, Block Kit or an Adaptive Card. */
export interface Reply {
  kind: ReplyKind;
  /** False when the sources hold no answer, or the input could not be taken. */
  answered: boolean;
  title: string;
  /** Plain lines shown under the title, before the sections (e.g. a short answer or an explanation). */
  intro?: string[];
  /** The newest source the reply rests on; null when it rests on none. */
  asOf: PartialDate | null;
  sections: ReplySection[];
  citations: ReplyCitation[];
  sources: ReplySource[];
  warnings: string[];
  /** Commands worth trying next, as a user types them (e.g. "dates"). */
  suggestions: string[];
  /** Ids of the timeline events the reply speaks of (for staleness and reminders). */
  mentions: string[];
  /** The context a follow-up asked in this reply's thread is read in (absent for help and errors). */
  context?: ThreadContext;
}
