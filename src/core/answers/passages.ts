import { formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import { MAX_QUOTE_WORDS } from '../knowledge/schema.js';
import type { Statement } from './statements.js';

/** The source documents' texts by file name, as read from the folder CORPUS_DIR names (readCorpus(dir).texts). */
export type CorpusTexts = ReadonlyMap<string, string>;

/** Words a long sentence's extracts move on by, so each span of this many words is whole in one of them. */
const STRIDE = 12;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gen sen rep gov lt col maj capt sgt no vs etc jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co jr sr'.split(' '),
);

/** Where each sentence of a paragraph starts and ends (a period after "Mr" or "U.S" does not end one). */
function sentences(paragraph: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of paragraph.matchAll(/[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[\p{Lu}\d])/gu)) {
    const before = /(\p{L}+)$/u.exec(paragraph.slice(start, m.index))?.[1] ?? '';
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(before.toLowerCase()) || /^\p{Lu}$/u.test(before))) continue;
    out.push([start, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (paragraph.slice(start).trim()) out.push([start, paragraph.length]);
  return out;
}

/** The verbatim extracts of a sentence of at most MAX_QUOTE_WORDS words; a longer one gives overlapping ones. */
function extracts(sentence: string): { text: string; cutBefore: boolean; cutAfter: boolean }[] {
  const words = [...sentence.matchAll(/\S+/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
  const out: { text: string; cutBefore: boolean; cutAfter: boolean }[] = [];
  for (let first = 0; first < words.length; first += STRIDE) {
    const last = Math.min(first + MAX_QUOTE_WORDS, words.length) - 1;
    const from = Math.max(0, Math.min(first, words.length - MAX_QUOTE_WORDS));
    const text = sentence.slice(words[from]!.from, words[last]!.to).replace(/\s+/g, ' ');
    out.push({ text, cutBefore: from > 0, cutAfter: last < words.length - 1 });
    if (last === words.length - 1) break;
  }
  return out;
}

/**
 * The passages of the registered documents (sources of kind "document" whose file is among `texts`): each
 * sentence, or overlapping extracts of a long one, at most MAX_QUOTE_WORDS words, as an entry that answers in
 * so many words: `<Publisher> (<date>) reports: "<extract>"`, citing the document with exactly that extract
 * as its quote, so anyone can find it in the document.
 */
export function passageEntries(knowledge: Knowledge, texts: CorpusTexts): Statement[] {
  const out: Statement[] = [];
  for (const source of knowledge.sources.values()) {
    const text = source.kind === 'document' && source.file ? texts.get(source.file) : undefined;
    if (!text) continue;
    const by = `${source.publisher} (${formatDate(source)})`;
    let n = 0;
    for (const paragraph of text.split(/\n/)) {
      for (const [from, to] of sentences(paragraph)) {
        for (const e of extracts(paragraph.slice(from, to).trim())) {
          out.push({
            id: `${source.id}.p${++n}`,
            kind: 'passage',
            text: `${by} reports: "${e.cutBefore ? '\u2026' : ''}${e.text}${e.cutAfter ? '\u2026' : ''}"`,
            fields: { asks: '', text: e.text, label: '' },
            cite: [{ source: source.id, quote: e.text }],
          });
        }
      }
    }
  }
  return out;
}
