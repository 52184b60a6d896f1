const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES = new Set(['million', 'billion']);

function isNumberWord(w: string | undefined): boolean {
  return w !== undefined && (w in UNITS || w in TENS || w === 'hundred' || w === 'thousand');
}

/**
 * Finds a number written in words starting at `start` ("one thousand", "five thousand five hundred and fifty",
 * "a hundred"); returns its value and how many words it spans, or null. A lone "one" is not taken as a number
 * ("which one"), unless a scale word follows ("one million").
 */
export function readNumberWords(words: readonly string[], start: number): { value: number; length: number } | null {
  let i = start;
  if (words[i] === 'a' && (words[i + 1] === 'hundred' || words[i + 1] === 'thousand')) i++;
  let total = 0;
  let current = 0;
  let used = 0;
  while (i < words.length) {
    const w = words[i]!;
    // "and" joins only after a hundred or a thousand ("five hundred and fifty"): "phases two and three" are two numbers.
    if (w === 'and' && used > 0 && (words[i - 1] === 'hundred' || words[i - 1] === 'thousand') && isNumberWord(words[i + 1])) {
      i++;
      continue;
    }
    if (w in UNITS) current += UNITS[w]!;
    else if (w in TENS) current += TENS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else break;
    used++;
    i++;
  }
  if (used === 0) return null;
  if (used === 1 && words[start] === 'one' && !SCALES.has(words[i] ?? '')) return null;
  return { value: total + current, length: i - start };
}
