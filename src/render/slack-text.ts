const SLACK_MARKUP = /[&<>]/;

/** Escapes the three characters Slack treats as markup (`&`, `<`, `>`), so user text never pings or links. */
export function escapeSlack(text: string): string {
  if (!SLACK_MARKUP.test(text)) return text; // the usual case: nothing to escape
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Where to cut escaped text so that the first part is at most `max` characters: never inside an entity
 * (`&amp;`), preferably at a line break or a space in the last third.
 */
function cutPoint(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5) {
    const semi = text.indexOf(';', amp);
    if (semi >= cut) cut = amp;
  }
  const window = text.slice(0, cut);
  const soft = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
  return soft > (max * 2) / 3 ? soft : Math.max(cut, 1);
}

/** Shortens escaped text to at most `max` characters, ending with "…" when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, cutPoint(text, max - 1)).trimEnd()}…`;
}

/** Splits escaped text into pieces of at most `max` characters, cutting at spaces where it can. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Joins lines into as few chunks of at most `max` characters as it can, splitting lines that are too long. */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => splitText(l, max))) {
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current += `\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Undoes Slack's escaping of incoming text (`&lt;` to `<`...), so the engine reads what the person typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
