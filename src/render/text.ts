import { formatDate } from '../core/dates.js';
import { noteLead, statementText } from '../core/attribution.js';
import type { Reply, ReplyCitation } from '../core/reply.js';

/** A claim's citation markers as every renderer writes them: "[1][3]". */
export function markers(citations: readonly number[]): string {
  return citations.map((n) => `[${n}]`).join('');
}

/** A reply whose citations are whole sources (a short form): its sources fit one line. */
export function isCompact(reply: Reply): boolean {
  return reply.citations.every((c) => !c.quote && !c.note);
}

function citationLine(c: ReplyCitation): string {
  const parts = [`[${c.n}]`];
  if (c.quote) parts.push(`"${c.quote}"`);
  if (c.note) parts.push(`(${noteLead(c.noteKind)}: ${c.note})`);
  if (!c.quote && !c.note) parts.push('(the source as a whole)');
  return parts.join(' ');
}

export interface TextOptions {
  /** What goes before a command people can type: "/haiti " in Slack, nothing in the console or Teams. */
  commandPrefix?: string;
  /** Also render the full form that travels with a short reply (default true). */
  detail?: boolean;
}

/**
 * Renders a reply as plain text: for the terminal, `--json`'s `text`, and chat platforms' fallbacks (a
 * complete reading of what the message shows). It echoes text as it is; renderers for chat markup escape it.
 */
export function renderText(reply: Reply, options: TextOptions = {}): string {
  const prefix = options.commandPrefix ?? '';
  const lines: string[] = [reply.title];
  if (reply.headline) {
    const h = reply.headline;
    lines.push(`${h.text}${h.citations.length ? ` ${markers(h.citations)}` : ''}`);
  }
  if (reply.asOf) lines.push(`As of ${formatDate(reply.asOf)} (newest source).`);
  const warning = reply.warnings[0];
  if (warning) lines.push(`Warning: ${warning}`);
  if (reply.intro?.length) lines.push('', ...reply.intro);
  for (const section of reply.sections) {
    if (section.claims.length === 0) continue;
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
  if (reply.citations.length > 0 && isCompact(reply)) {
    lines.push('', 'Sources');
    for (const source of reply.sources) {
      const n = reply.citations.filter((c) => c.sourceId === source.id).map((c) => c.n);
      lines.push(`  ${markers(n)} ${source.publisher}, ${formatDate(source.date)}${source.url ? `, ${source.url}` : ''}`);
    }
  } else if (reply.citations.length > 0) {
    lines.push('', 'Sources');
    for (const source of reply.sources) {
      const by = source.author ? `, ${source.author}` : '';
      const link = source.url ? ` ${source.url}` : '';
      lines.push(`  ${source.publisher}, "${source.title}"${by}, ${formatDate(source.date)}.${link}`);
      for (const c of reply.citations.filter((x) => x.sourceId === source.id)) lines.push(`    ${citationLine(c)}`);
    }
  }
  const more = reply.more ?? [];
  if (more.length > 0 || reply.suggestions.length > 0) lines.push('');
  lines.push(...more.map((m) => `${m.text}: ${prefix}${m.command}`));
  if (reply.suggestions.length > 0) lines.push(`Try: ${reply.suggestions.map((s) => `${prefix}${s}`).join(', ')}`);
  let text = lines.join('\n');
  if (reply.detail && options.detail !== false) text += `\n\n${renderText(reply.detail, options)}`;
  return text;
}
