import { formatDate } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import { renderText } from './text.js';

/**
 * The `--json` shape of a reply: the whole Reply plus its plain-text rendering and a readable as-of. A short
 * brief asked for in full carries its full form as `detail`, in the same shape.
 */
export function renderJson(reply: Reply): Record<string, unknown> {
  return {
    kind: reply.kind,
    answered: reply.answered,
    title: reply.title,
    headline: reply.headline ?? null,
    text: renderText(reply),
    asOf: reply.asOf ? reply.asOf.date : null,
    asOfPrecision: reply.asOf?.precision ?? null,
    asOfText: reply.asOf ? formatDate(reply.asOf) : null,
    warnings: reply.warnings,
    citations: reply.citations,
    sources: reply.sources,
    sections: reply.sections,
    suggestions: reply.suggestions,
    more: reply.more ?? [],
    full: reply.full === true,
    detail: reply.detail ? renderJson(reply.detail) : null,
    mentions: reply.mentions,
    context: reply.context ?? null,
  };
}
