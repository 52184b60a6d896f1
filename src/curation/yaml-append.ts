import { isSeq, LineCounter, parseDocument, Scalar, stringify } from 'yaml';

/** A string written in double quotes, as the knowledge writes its dates ("2025-10-02"). */
export function quoted(value: string): Scalar<string> {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * Appends items to the top-level list `key` of a YAML file's text, keeping its comments and layout: through
 * the yaml Document API when the file survives a round trip unchanged, else by appending the items' text under
 * the list when it ends the file. A file without the key gets it at its end. Throws when neither is possible.
 */
export function appendToList(text: string, key: string, items: readonly unknown[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the file is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const list = doc.get(key, true);
  if (list !== undefined && !isSeq(list)) throw new Error(`"${key}" is not a list`);
  if (String(doc) === text) {
    if (!list) doc.set(key, doc.createNode([...items]));
    else for (const item of items) list.add(doc.createNode(item));
    return String(doc);
  }
  const body = stringify([...items], { lineWidth: 0 });
  if (!list) return `${text.replace(/\s*$/, '\n')}${key}:\n${indent(body, 2)}`;
  const lineCounter = new LineCounter();
  const located = parseDocument(text, { lineCounter });
  const seq = located.get(key, true);
  const first = isSeq(seq) ? seq.items[0] : undefined;
  const end = isSeq(seq) && seq.range ? seq.range[1] : -1;
  const rest = text.slice(end);
  if (end < 0 || !/^(\s*(#.*)?\n?)*$/.test(rest)) throw new Error(`"${key}" is not the last list of the file: add the items by hand`);
  const column = first && typeof first === 'object' && first !== null && 'range' in first && Array.isArray(first.range) ? lineCounter.linePos(first.range[0] as number).col - 1 : 2;
  // The dash sits `column - 2` characters in ("  - id": the item's content starts at column 4).
  const dash = Math.max(0, column - 2);
  return `${text.replace(/\s*$/, '\n')}${indent(body, dash)}`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}
