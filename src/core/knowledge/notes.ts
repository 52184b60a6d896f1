import type { Citation, Source, SourceNote } from './schema.js';

/** The registry note a citation's `note` names (its id, or its 1-based index), with its 1-based number. */
export function findNote(source: Source | undefined, ref: Citation['note']): { note: SourceNote; n: number } | undefined {
  if (!source || ref === undefined) return undefined;
  if (typeof ref === 'number') {
    const note = source.notes[ref - 1];
    return note ? { note, n: ref } : undefined;
  }
  const i = source.notes.findIndex((n) => 'id' in n && n.id === ref);
  const note = source.notes[i];
  return note ? { note, n: i + 1 } : undefined;
}
