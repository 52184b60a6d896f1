import { z } from 'zod';
import { checkDate, PRECISIONS } from '../dates.js';

/** The longest verbatim quote a citation may carry, in words. */
export const MAX_QUOTE_WORDS = 25;

/** Counts the words of a quote the way the checker does: runs of non-space characters. */
export function countWords(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'an id is lower-case letters, digits and dashes, like "mss-authorized"');

const text = z.string().trim().min(1, 'must not be empty');

/** YAML reads `2025` as a number; a date is always handled as its text. */
const dateText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string());

export const precisionSchema = z.enum(PRECISIONS);

function datedRefinement(value: { date: string; precision: (typeof PRECISIONS)[number] }, ctx: z.RefinementCtx): void {
  const problem = checkDate(value.date, value.precision);
  if (problem) ctx.addIssue({ code: 'custom', path: ['date'], message: problem });
}

/**
 * Whose view a statement is, when it is not an established fact (absent: a fact of the record):
 * - `analysis`: an author's argument or assessment ("the IPI analysis argues ...");
 * - `opinion`: an opinion outlet's or writer's view ("Peoples Dispatch, an opinion outlet, calls ...");
 * - `forecast`: an author's expectation of what will happen ("the author expects ...");
 * - `report`: what a news outlet reports and no record confirms ("the Nation reports ...");
 * - `official`: what a government or official said, as their statement ("Mudavadi said ...").
 * The text names who says it; `says` lets the reader see, by a label, that it is a view and not a fact.
 */
export const SAYS = ['analysis', 'opinion', 'forecast', 'report', 'official'] as const;
export const saysSchema = z.enum(SAYS);

/** Alternate questions a reader would type that the statement answers (engine 10 adds its own rules). */
const asks = z.array(text).optional();

/** What kind of document a source is: the attribution check requires `says` on statements resting only on analysis or opinion. */
export const GENRES = ['analysis', 'opinion', 'news', 'record'] as const;

/**
 * A note of the registry on one source: `error` (a known error and what corrects it), `date` (where a date
 * comes from: cited for a date, it renders as the source of that date) or `context`. `about` lists the ids
 * of the claims, facts and events that may cite it.
 */
export const NOTE_KINDS = ['error', 'date', 'context'] as const;

export const sourceNoteSchema = z.union([
  text.transform((t) => ({ kind: 'error' as const, text: t })),
  z.strictObject({
    id: id.optional(),
    kind: z.enum(NOTE_KINDS),
    text,
    about: z.array(id).optional(),
  }),
]);

export const citationSchema = z.strictObject({
  source: id,
  quote: text
    .refine((q) => countWords(q) <= MAX_QUOTE_WORDS, {
      message: `a quote may be at most ${MAX_QUOTE_WORDS} words; shorten it or say it in our own words`,
    })
    .optional(),
  note: z
    .union([z.number().int().positive(), id])
    .optional()
    .describe("the source's registry note this citation rests on: its id, or its 1-based index"),
});

const cite = z.array(citationSchema).min(1, 'every claim cites at least one source');

/** Ids of the timeline events a claim or fact is about, so replies can warn when one has passed. */
const about = z.array(id).optional();

export const disagreementSchema = z.strictObject({ text, says: saysSchema.optional(), cite });

export const claimSchema = z.strictObject({
  id: id.optional(),
  label: text.optional(),
  text,
  says: saysSchema.optional(),
  asks,
  cite,
  about,
  disagreement: disagreementSchema.optional(),
});

export const sectionSchema = z.strictObject({
  heading: text,
  claims: z.array(claimSchema).min(1, 'a section holds at least one claim'),
});

/** A brief's headline: where things stand now, in one or two sentences, cited like a claim. */
export const headlineSchema = z.strictObject({ text, cite });

/** The most claims a brief's short form shows under its headline. */
export const MAX_KEY_POINTS = 6;

export const briefSchema = z.strictObject({
  id,
  title: text,
  headline: headlineSchema.optional(),
  /** Ids of this brief's claims shown in its short form, newest and most consequential first (default: its first claims). */
  key_points: z.array(id).min(1).max(MAX_KEY_POINTS, `a brief shows at most ${MAX_KEY_POINTS} key points`).optional(),
  sections: z.array(sectionSchema).min(1, 'a brief holds at least one section'),
});

export const EVENT_KINDS = [
  'request',
  'letter',
  'proposal',
  'authorization',
  'renewal',
  'deployment',
  'meeting',
  'hearing',
  'call',
  'statement',
  'interview',
  'report',
  'funding',
  'attack',
  'casualty',
  'expiry',
  'publication',
  'history',
  'other',
] as const;

export const eventSchema = z
  .strictObject({
    id,
    date: dateText,
    precision: precisionSchema,
    kind: z.enum(EVENT_KINDS),
    title: text,
    text: text.optional(),
    says: saysSchema.optional(),
    asks,
    milestone: z.boolean().optional(),
    stake: text.optional(),
    /** What supports the stake line alone (a reminder cites these, not the event's whole `cite`). */
    stakeCite: cite.optional(),
    stakeSays: saysSchema.optional(),
    /** What the bot adds once the milestone has passed since the newest source ("The sources here do not tell whether it was renewed."). */
    afterPassing: text.optional(),
    cite,
    disagreement: disagreementSchema.optional(),
  })
  .superRefine(datedRefinement)
  .superRefine((event, ctx) => {
    if (event.milestone && !event.stake) {
      ctx.addIssue({ code: 'custom', path: ['stake'], message: 'a milestone needs a "stake": what the sources say is at stake' });
    }
  });

export const factSchema = z.strictObject({
  id,
  text,
  says: saysSchema.optional(),
  asks,
  tags: z.array(text).optional(),
  cite,
  about,
  disagreement: disagreementSchema.optional(),
});

export const sourceSchema = z
  .strictObject({
    id,
    kind: z.enum(['document', 'reference']),
    file: z.string().regex(/^[\w.-]+\.txt$/, 'a document file is a plain name ending in .txt').optional(),
    publisher: text,
    title: text,
    genre: z.enum(GENRES).optional(),
    author: text.nullable().optional(),
    date: dateText,
    precision: precisionSchema,
    dateNote: text.optional(),
    url: z.url({ message: 'must be a full http(s) URL, or null when the source has none' }).nullable(),
    notes: z.array(sourceNoteSchema).default([]),
    facts: z.array(text).optional(),
  })
  .superRefine(datedRefinement)
  .superRefine((source, ctx) => {
    if (source.kind === 'document' && !source.file) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'a document names its text file, like "nation-2025-05.txt"' });
    }
  });

/**
 * Names people use for one thing ("MSS", "Multinational Security Support", "the Kenyan-led mission"). A
 * group whose first term starts with a capital letter names something: a question naming it is answered only
 * by a statement naming it. `matchCase` terms are matched only as written ("US": "us" is a pronoun).
 */
export const synonymGroupSchema = z
  .strictObject({
    terms: z.array(text).min(1, 'a synonym group lists its terms'),
    matchCase: z.array(text).optional(),
    /**
     * `person`: the group names a person ("who is the spokesperson" is answered only by a statement naming one);
     * `money`: its words ask about money ("how much are they paid" is answered only by a sum of money).
     */
    kind: z.enum(['person', 'money']).optional(),
  })
  .refine((g) => g.terms.length + (g.matchCase?.length ?? 0) >= 2, {
    message: 'a synonym group names at least two terms for the same thing',
  });

/** One YAML file of the knowledge base: any of these top-level keys, nothing else. */
export const knowledgeFileSchema = z.strictObject({
  sources: z.array(sourceSchema).optional(),
  brief: briefSchema.optional(),
  events: z.array(eventSchema).optional(),
  facts: z.array(factSchema).optional(),
  synonyms: z.array(synonymGroupSchema).optional(),
});

export type Precision = z.infer<typeof precisionSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type Says = z.infer<typeof saysSchema>;
export type Genre = (typeof GENRES)[number];
export type NoteKind = (typeof NOTE_KINDS)[number];
export type SourceNote = z.infer<typeof sourceNoteSchema>;
export type Disagreement = z.infer<typeof disagreementSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Brief = z.infer<typeof briefSchema>;
export type Headline = z.infer<typeof headlineSchema>;
export type TimelineEvent = z.infer<typeof eventSchema>;
export type Fact = z.infer<typeof factSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
