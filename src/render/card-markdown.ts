/**
 * Adaptive Card TextBlocks read a small markdown subset (bold, italic, lists, links) plus `{{DATE()}}` and
 * `{{TIME()}}` functions, and some clients (Microsoft's Agents Playground) read text in angle brackets as
 * HTML. Every text we did not write as markup goes through `escapeCardText`, so a question typed as
 * `**now** [click](https://x)`, `<a href=...>`, `<img ...>` or `<at>Megan</at>`, and the help's `<id>`, show
 * as typed. Teams pings people only through mention entities, which these cards never carry.
 */
export function escapeCardText(text: string): string {
  // Most text has nothing to escape: it is returned as it is, without building three copies.
  if (!CARD_MARKUP.test(text) && !CARD_LINE_START.test(text)) return text;
  return text
    .replace(/[\\`*_~[\]{}<>]/g, '\\$&')
    .replace(/^(\s*)([-+>#])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** What `escapeCardText` escapes: a markup character anywhere, or a list or heading mark starting a line. */
const CARD_MARKUP = /[\\`*_~[\]{}<>]/;
const CARD_LINE_START = /^\s*(?:[-+>#]|\d+[.)])/m;

/** A markdown link to an http(s) URL, or the escaped label alone when the URL is not one. */
export function cardLink(label: string, url: string | undefined): string {
  const text = escapeCardText(label);
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return text;
  const safe = url.replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${text}](${safe})`;
}

/** Cuts text to at most `max` characters, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Plain text for places a client may read as HTML (a card's fallback, a notification's summary): no tags. */
export function plainForTeams(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
