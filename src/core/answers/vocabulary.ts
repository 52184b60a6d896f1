import { distance } from 'fastest-levenshtein';

/**
 * The index's words grouped by first letter and length, to find the known word a typo stands for. People
 * rarely mistype a word's first letter, and a real word that differs there ("weather", "death") is no typo,
 * so only words with the same first letter and a length within the edits allowed are compared.
 */
export class Vocabulary {
  private readonly groups = new Map<string, string[]>();

  add(word: string): void {
    const key = `${word[0]}${word.length}`;
    const group = this.groups.get(key);
    if (group) group.push(word);
    else this.groups.set(key, [word]);
  }

  /** The word within `maxEdits` edits of `word`: the fewest edits, then the most common, then the first alphabetically. */
  closest(word: string, maxEdits: number, commonness: (w: string) => number): string | null {
    let best: string | null = null;
    let bestEdits = Infinity;
    let bestCount = 0;
    for (let length = word.length - maxEdits; length <= word.length + maxEdits; length++) {
      for (const w of this.groups.get(`${word[0]}${length}`) ?? []) {
        const edits = distance(word, w);
        if (edits > maxEdits || edits > bestEdits) continue;
        const count = commonness(w);
        if (edits < bestEdits || count > bestCount || (count === bestCount && best !== null && w < best)) {
          best = w;
          bestEdits = edits;
          bestCount = count;
        }
      }
    }
    return best;
  }
}
