/** Where an entry holds a term: in its statement (text, tags), or only in its background (context, disagreement). */
export const IN_STATEMENT = 1;
export const IN_BACKGROUND = 2;
const WHERE_BITS = 2;
const WHERE_MASK = (1 << WHERE_BITS) - 1;

/**
 * For each term, the entries holding it (by their number, ascending) and where they hold it. It is the
 * prefilter in front of the full-text library: which entries can possibly answer (they hold the names and
 * enough of the words a question uses) is found here, so only those are scored. Built with `add`, then
 * packed once by `freeze` into one array (each term a slice of it) before it is read.
 */
export class Postings {
  private building: Map<string, number[]> | null = new Map();
  private readonly slices = new Map<string, number>();
  private starts = new Int32Array(1);
  private packed = new Int32Array(0);

  /** Records that entry `doc` holds `term`; entries are added in ascending order. */
  add(term: string, doc: number, where: number): void {
    if (!this.building) throw new Error('postings are frozen');
    let list = this.building.get(term);
    if (!list) {
      list = [];
      this.building.set(term, list);
    }
    const last = list[list.length - 1];
    if (last !== undefined && last >> WHERE_BITS === doc) list[list.length - 1] = last | where;
    else list.push((doc << WHERE_BITS) | where);
  }

  /** Packs the lists once every entry is in. */
  freeze(): void {
    if (!this.building) return;
    const lists = [...this.building.values()];
    this.starts = new Int32Array(lists.length + 1);
    this.packed = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
    let i = 0;
    for (const [term, list] of this.building) {
      this.slices.set(term, i);
      this.packed.set(list, this.starts[i]!);
      this.starts[i + 1] = this.starts[i]! + list.length;
      i++;
    }
    this.building = null;
  }

  private slice(term: string): [number, number] {
    const i = this.slices.get(term);
    return i === undefined ? [0, 0] : [this.starts[i]!, this.starts[i + 1]!];
  }

  /** How many entries hold the term anywhere. */
  count(term: string): number {
    const [from, to] = this.slice(term);
    return to - from;
  }

  terms(): IterableIterator<string> {
    return this.slices.keys();
  }

  /** The entries holding the term in one of the places `where` names, ascending. */
  docs(term: string, where: number): number[] {
    const [from, to] = this.slice(term);
    const out: number[] = [];
    for (let i = from; i < to; i++) if (this.packed[i]! & where) out.push(this.packed[i]! >> WHERE_BITS);
    return out;
  }

  /** The entries (numbered below `size`) holding any of the terms in one of the places `where` names, ascending. */
  union(terms: readonly string[], where: number, size: number): number[] {
    if (terms.length === 1) return this.docs(terms[0]!, where);
    const marked = new Uint8Array(size);
    for (const t of terms) for (const d of this.docs(t, where)) marked[d] = 1;
    const out: number[] = [];
    for (let d = 0; d < size; d++) if (marked[d]) out.push(d);
    return out;
  }

  /** A reader of one term's list for ascending entry numbers: a pass over many candidates costs little. */
  cursor(term: string): PostingCursor {
    const [from, to] = this.slice(term);
    return new PostingCursor(this.packed, from, to);
  }
}

/** Reads one term's slice forward (galloping), for entry numbers that never decrease. */
export class PostingCursor {
  constructor(
    private readonly list: Int32Array,
    private i: number,
    private readonly end: number,
  ) {}

  /** Where entry `doc` holds the term (IN_STATEMENT | IN_BACKGROUND bits), 0 when it does not. */
  at(doc: number): number {
    const { list, end } = this;
    let i = this.i;
    if (i < end && list[i]! >> WHERE_BITS < doc) {
      // Gallop: list[i] is before doc; double the step until past it, then search between.
      let step = 1;
      let hi = i + 1;
      while (hi < end && list[hi]! >> WHERE_BITS < doc) {
        i = hi;
        step *= 2;
        hi = i + step;
      }
      let lo = i + 1;
      hi = Math.min(hi, end);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]! >> WHERE_BITS < doc) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    this.i = i;
    return i < end && list[i]! >> WHERE_BITS === doc ? list[i]! & WHERE_MASK : 0;
  }
}
