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

export const citationSchema = z.strictObject({
  source: id,
  quote: text
    .refine((q) => countWords(q) <= MAX_QUOTE_WORDS, {
      message: `a quote may be at most ${MAX_QUOTE_WORDS} words; shorten it or say it in our own words`,
    })
    .optional(),
  note: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("1-based index of the source's known-error note this citation rests on"),
});

const cite = z.array(citationSchema).min(1, 'every claim cites at least one source');

/** Ids of the timeline events a claim or fact is about, so replies can warn when one has passed. */
const about = z.array(id).optional();

/** Two to four questions a reader would type that the statement answers, in other words than its own. */
const asks = z.array(text).optional();

export const disagreementSchema = z.strictObject({ text, cite });

export const claimSchema = z.strictObject({
  id: id.optional(),
  label: text.optional(),
  text,
  asks,
  cite,
  about,
  disagreement: disagreementSchema.optional(),
});

export const sectionSchema = z.strictObject({
  heading: text,
  claims: z.array(claimSchema).min(1, 'a section holds at least one claim'),
});

export const briefSchema = z.strictObject({
  id,
  title: text,
  summary: text.optional(),
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
    milestone: z.boolean().optional(),
    stake: text.optional(),
    asks,
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
  tags: z.array(text).optional(),
  asks,
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
    author: text.nullable().optional(),
    date: dateText,
    precision: precisionSchema,
    dateNote: text.optional(),
    url: z.url({ message: 'must be a full http(s) URL, or null when the source has none' }).nullable(),
    notes: z.array(text).default([]),
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
export type Disagreement = z.infer<typeof disagreementSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Brief = z.infer<typeof briefSchema>;
export type TimelineEvent = z.infer<typeof eventSchema>;
export type Fact = z.infer<typeof factSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
