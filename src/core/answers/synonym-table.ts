import type { SynonymGroup } from '../knowledge/schema.js';
import { tokenize, type Token } from './tokenize.js';

interface Phrase {
  /** The terms of the phrase, or the words as written for terms matched only as written. */
  words: string[];
  byRaw: boolean;
  canonical: string;
}

/** Canonical terms start with "=", which no word does, so they never meet a word by accident. */
export function isCanonical(term: string): boolean {
  return term.startsWith('=');
}

/**
 * The synonym groups of the knowledge base as a phrase table. In a document every name found adds its
 * group's canonical term beside the words; in a question the longest name found is replaced by it.
 */
export class SynonymTable {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly names = new Set<string>();

  constructor(groups: readonly SynonymGroup[]) {
    const used = new Set<string>();
    groups.forEach((group, i) => {
      const first = group.terms[0] ?? group.matchCase?.[0] ?? `group-${i}`;
      let canonical = `=${tokenize(first).map((t) => t.term).join('_')}`;
      if (used.has(canonical)) canonical = `${canonical}#${i}`;
      used.add(canonical);
      if (/^\p{Lu}/u.test(first)) this.names.add(canonical);
      for (const term of group.terms) this.add({ words: tokenize(term).map((t) => t.term), byRaw: false, canonical });
      for (const term of group.matchCase ?? []) this.add({ words: tokenize(term).map((t) => t.raw), byRaw: true, canonical });
    });
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  private add(phrase: Phrase): void {
    const head = phrase.words[0];
    if (head === undefined) return;
    const key = phrase.byRaw ? `raw:${head}` : head;
    const list = this.byFirst.get(key) ?? [];
    list.push(phrase);
    this.byFirst.set(key, list);
  }

  /** Every word that appears in a synonym, so a question using one is not taken for a typo. */
  words(): Set<string> {
    const out = new Set<string>();
    for (const list of this.byFirst.values()) for (const p of list) if (!p.byRaw) p.words.forEach((w) => out.add(w));
    return out;
  }

  /** True when the canonical term names something (its group's first term is capitalized). */
  isName(canonical: string): boolean {
    return this.names.has(canonical);
  }

  private matchesAt(tokens: readonly Token[], i: number): Phrase[] {
    const head = tokens[i]!;
    const candidates = [...(this.byFirst.get(head.term) ?? []), ...(this.byFirst.get(`raw:${head.raw}`) ?? [])];
    return candidates.filter((p) =>
      p.words.every((w, k) => {
        const t = tokens[i + k];
        return t !== undefined && (p.byRaw ? t.raw === w : t.term === w);
      }),
    );
  }

  /** A document's tokens with the canonical term of every name in it added (nested names too). */
  expandDocument(tokens: readonly Token[]): Token[] {
    const out: Token[] = [];
    // A name inside a longer name of the same group ("officers" in "police officers") counts once.
    const coveredUntil = new Map<string, number>();
    for (let i = 0; i < tokens.length; i++) {
      out.push(tokens[i]!);
      for (const p of this.matchesAt(tokens, i)) {
        if ((coveredUntil.get(p.canonical) ?? -1) > i) continue;
        coveredUntil.set(p.canonical, i + p.words.length);
        const raw = tokens.slice(i, i + p.words.length).map((t) => t.raw).join(' ');
        out.push({ term: p.canonical, raw, opensSentence: false });
      }
    }
    return out;
  }

  /** A question's tokens with each name, longest first, replaced by its canonical term. */
  rewriteQuestion(tokens: readonly Token[]): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const longest = this.matchesAt(tokens, i).sort((a, b) => b.words.length - a.words.length)[0];
      if (!longest) {
        out.push(tokens[i]!);
        continue;
      }
      const raw = tokens.slice(i, i + longest.words.length).map((t) => t.raw).join(' ');
      out.push({ term: longest.canonical, raw, opensSentence: false });
      i += longest.words.length - 1;
    }
    return out;
  }
}
