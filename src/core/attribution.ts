import type { NoteKind, Says } from './knowledge/schema.js';

/**
 * The small label a renderer shows after a statement that is someone's view rather than an established fact
 * ("analysis", "opinion", ...), so a reader sees the difference between "Resolution 2793 passed 12-0" and
 * "the IPI analysis argues ...". The statement's own words already name who says it.
 */
export function saysLabel(says: Says | undefined): string | undefined {
  if (!says) return undefined;
  return SAYS_LABELS[says];
}

const SAYS_LABELS: Record<Says, string> = {
  analysis: 'analysis',
  opinion: 'opinion',
  forecast: 'forecast',
  report: 'as reported',
  official: 'official statement',
};

/** How a citation resting on a registry note introduces it: a date note is the source of a date, not an error. */
export function noteLead(kind: NoteKind | undefined): string {
  if (kind === 'date') return 'source of the date, from our registry';
  if (kind === 'context') return 'context noted in our registry';
  return 'known error noted in our registry';
}

/**
 * A statement as every renderer shows it: its text, then the label of whose view it is when it is not an
 * established fact, e.g. "The IPI analysis argues the office would cut costs (analysis)".
 */
export function statementText(statement: { text: string; says?: Says | undefined }): string {
  const label = saysLabel(statement.says);
  return label ? `${statement.text} (${label})` : statement.text;
}

/** The same phrase starting a line: "Known error noted in our registry". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
