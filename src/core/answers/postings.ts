/** Where an entry holds a term: in its statement (text, tags), or only in its background (context, disagreement). */
export const IN_STATEMENT = 1;
export const IN_BACKGROUND = 2;
const WHERE_BITS = 2;

/**
 * For each term, the entries holding it (by their number, ascending) and where they hold it. It is the
 * prefilter in front of the full-text library: which entries can possibly answer (they hold the names and
 * enough of the words a question uses) is found here, so only those are scored.
 */
export class Postings {
  private readonly lists = new Map<string, number[] | Int32Array>();

  /** Records that entry `doc` holds `term`; entries are added in ascending order. */
  add(term: string, doc: number, where: number): void {
    let list = this.lists.get(term) as number[] | undefined;
    if (!list) {
      list = [];
      this.lists.set(term, list);
    }
    const last = list[list.length - 1];
    if (last !== undefined && last >> WHERE_BITS === doc) list[list.length - 1] = last | where;
    else list.push((doc << WHERE_BITS) | where);
  }

  /** Packs the lists once every entry is in (less memory, faster reads). */
  freeze(): void {
    for (const [term, list] of this.lists) this.lists.set(term, Int32Array.from(list));
  }

  /** How many entries hold the term anywhere. */
  count(term: string): number {
    return this.lists.get(term)?.length ?? 0;
  }

  terms(): IterableIterator<string> {
    return this.lists.keys();
  }

  /** The entries holding the term in one of the places `where` names, ascending. */
  docs(term: string, where: number): number[] {
    const out: number[] = [];
    for (const p of this.lists.get(term) ?? []) if (p & where) out.push(p >> WHERE_BITS);
    return out;
  }

  /** The entries (numbered below `size`) holding any of the terms in one of the places `where` names, ascending. */
  union(terms: readonly string[], where: number, size: number): number[] {
    if (terms.length === 1) return this.docs(terms[0]!, where);
    const marked = new Uint8Array(size);
    for (const t of terms) for (const p of this.lists.get(t) ?? []) if (p & where) marked[p >> WHERE_BITS] = 1;
    const out: number[] = [];
    for (let d = 0; d < size; d++) if (marked[d]) out.push(d);
    return out;
  }

  /** A reader of one term's list for ascending entry numbers: a pass over many candidates costs little. */
  cursor(term: string): PostingCursor {
    return new PostingCursor(this.lists.get(term) ?? EMPTY);
  }
}

const EMPTY = new Int32Array(0);

/** Reads one term's list forward (galloping), for entry numbers that never decrease. */
export class PostingCursor {
  private i = 0;

  constructor(private readonly list: ArrayLike<number>) {}

  /** Where entry `doc` holds the term (IN_STATEMENT | IN_BACKGROUND bits), 0 when it does not. */
  at(doc: number): number {
    const list = this.list;
    const n = list.length;
    let i = this.i;
    if (i < n && list[i]! >> WHERE_BITS < doc) {
      // Gallop: list[i] is before doc; double the step until past it, then search between.
      let step = 1;
      let hi = i + 1;
      while (hi < n && list[hi]! >> WHERE_BITS < doc) {
        i = hi;
        step *= 2;
        hi = i + step;
      }
      let lo = i + 1;
      hi = Math.min(hi, n);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]! >> WHERE_BITS < doc) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    this.i = i;
    return i < n && list[i]! >> WHERE_BITS === doc ? list[i]! & ((1 << WHERE_BITS) - 1) : 0;
  }
}
