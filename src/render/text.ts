import { formatDate } from '../core/dates.js';
import { noteLead, statementText } from '../core/attribution.js';
import type { Reply, ReplyCitation } from '../core/reply.js';

/** A claim's citation markers as every renderer writes them: "[1][3]". */
export function markers(citations: readonly number[]): string {
  return citations.map((n) => `[${n}]`).join('');
}

function citationLine(c: ReplyCitation): string {
  const parts = [`[${c.n}]`];
  if (c.quote) parts.push(`"${c.quote}"`);
  if (c.note) parts.push(`(${noteLead(c.noteKind)}: ${c.note})`);
  if (!c.quote && !c.note) parts.push('(the source as a whole)');
  return parts.join(' ');
}

/**
 * Renders a reply as plain text: for the terminal, `--json`'s `text`, and chat platforms' fallbacks.
 * It echoes text as it is; renderers for chat markup escape it.
 */
export function renderText(reply: Reply): string {
  const lines: string[] = [reply.title];
  if (reply.asOf) lines.push(`Current to ${formatDate(reply.asOf)} (newest source).`);
  for (const w of reply.warnings) lines.push(`Warning: ${w}`);
  if (reply.intro?.length) lines.push('', ...reply.intro);
  for (const section of reply.sections) {
    lines.push('', section.heading);
    for (const claim of section.claims) {
      const label = claim.label ? `${claim.label}: ` : '';
      const cited = claim.citations.length ? ` ${markers(claim.citations)}` : '';
      lines.push(`  - ${label}${statementText(claim)}${cited}`);
      if (claim.disagreement) {
        lines.push(`    Sources differ: ${statementText(claim.disagreement)} ${markers(claim.disagreement.citations)}`);
      }
    }
  }
  if (reply.citations.length > 0) {
    lines.push('', 'Sources');
    for (const source of reply.sources) {
      const by = source.author ? `, ${source.author}` : '';
      const link = source.url ? ` ${source.url}` : '';
      lines.push(`  ${source.publisher}, "${source.title}"${by}, ${formatDate(source.date)}.${link}`);
      for (const c of reply.citations.filter((x) => x.sourceId === source.id)) lines.push(`    ${citationLine(c)}`);
    }
  }
  if (reply.suggestions.length > 0) lines.push('', `Try: ${reply.suggestions.map((s) => `/haiti ${s}`).join(', ')}`);
  return lines.join('\n');
}
