const VOWEL = /[aeiouy]/;

/** Undoes doubled final consonants left by -ed/-ing ("capp" -> "cap", "committ" -> "commit"), keeping ll, ss, zz. */
function undouble(w: string): string {
  return /([b-df-hj-km-np-rtv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** consonant-vowel-consonant ending, as in "bas" (from "based"): such short stems take back their "e". */
function shortCvc(w: string): boolean {
  return w.length === 3 && /^[^aeiou][aeiouy][^aeiouwxy]$/.test(w);
}

function inflection(w: string): string {
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  let cut: string | null = null;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && VOWEL.test(w.slice(0, -3)) && w.length >= 6) cut = w.slice(0, -3);
  else if (w.endsWith('ed') && VOWEL.test(w.slice(0, -2)) && w.length >= 5) cut = w.slice(0, -2);
  if (cut === null) return w;
  if (/(at|bl|iz)$/.test(cut) || shortCvc(cut)) return `${cut}e`;
  return undouble(cut);
}

const DERIVATIONS: ReadonlyArray<[string, string]> = [
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ship', ''],
  ['ment', ''],
  ['ate', ''],
  ['al', ''],
  ['er', ''],
];

function derivation(w: string): string {
  for (let round = 0; round < 3; round++) {
    const rule = DERIVATIONS.find(([suffix, by]) => w.endsWith(suffix) && w.length - suffix.length + by.length >= 4);
    if (!rule) break;
    w = w.slice(0, -rule[0].length) + rule[1];
  }
  return w;
}

/**
 * A light English stemmer (plurals, -ed/-ing, a few derivational suffixes, final e), so that "officers",
 * "officer", "proposed" and "proposal" meet. Documents and questions go through the same function, so it
 * only has to be consistent, not linguistically exact.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^\p{L}+$/u.test(word)) return word;
  let w = derivation(inflection(word));
  if (w.length > 4 && w.endsWith('e') && !/[cg]e$/.test(w)) w = w.slice(0, -1);
  return w;
}
