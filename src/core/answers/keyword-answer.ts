import MiniSearch from 'minisearch';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Citation, Disagreement } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';

/** One retrievable statement: a fact, a brief's claim or a dated event. */
interface Entry {
  id: string;
  text: string;
  tags: string;
  /** The other side's account, searchable too: a question may be about the correction. */
  other: string;
  cite: readonly Citation[];
  about?: readonly string[] | undefined;
  disagreement?: Disagreement | undefined;
}

const STOP_WORDS = new Set(
  ('a an and are as at be been by can could did do does for from had has have how i in is it its me of on or ' +
    'so than that the their them then there these they this those to was we were what when where which who whom ' +
    'whose why will with would you your about into any some much many tell say says said').split(' '),
);

const MAX_FACTS = 3;

function entries(knowledge: Knowledge): Entry[] {
  const out: Entry[] = [];
  for (const f of knowledge.facts) {
    out.push({ id: f.id, text: f.text, tags: (f.tags ?? []).join(' '), other: f.disagreement?.text ?? '', cite: f.cite, about: f.about, disagreement: f.disagreement });
  }
  for (const e of knowledge.events) {
    out.push({ id: e.id, text: e.text ? `${e.title}. ${e.text}` : e.title, tags: e.kind, other: e.disagreement?.text ?? '', cite: e.cite, about: [e.id], disagreement: e.disagreement });
  }
  return out;
}

/** Answers a question with the best-matching facts, or says honestly that the sources don't cover it. */
export class KeywordAnswerer {
  private readonly index: MiniSearch<Entry>;
  private readonly byId = new Map<string, Entry>();

  constructor(private readonly knowledge: Knowledge) {
    this.index = new MiniSearch<Entry>({
      fields: ['text', 'tags', 'other'],
      storeFields: [],
      processTerm: (term) => {
        const t = term.toLowerCase();
        return STOP_WORDS.has(t) ? null : t;
      },
      searchOptions: { boost: { text: 2 }, prefix: (t) => t.length > 4, fuzzy: (t) => (t.length > 5 ? 0.2 : false) },
    });
    const all = entries(knowledge);
    for (const e of all) this.byId.set(e.id, e);
    this.index.addAll(all);
  }

  answer(question: string, now: Date): Reply {
    const draft = new ReplyDraft(this.knowledge, 'ask', `Q: ${question}`);
    const terms = new Set(
      question
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((t) => t && !STOP_WORDS.has(t)),
    );
    const results = this.index.search(question);
    const top = results[0];
    // A match must cover at least two thirds of what the question asks about, or it is not an answer.
    const enough = (r: { queryTerms: string[] }): boolean => terms.size > 0 && r.queryTerms.length * 3 >= terms.size * 2;
    const chosen = top && enough(top) ? results.filter((r) => enough(r) && r.score >= top.score * 0.5).slice(0, MAX_FACTS) : [];
    if (chosen.length === 0) {
      draft.intro.push("The sources I have don't cover that. Try one of the briefs, or ask about the mission, its funding, proposals or key dates.");
      draft.suggestions.push('status', 'proposals', 'dates');
      return draft.finish(now, { answered: false });
    }
    draft.section(
      'From the sources',
      chosen.map((r) => {
        const e = this.byId.get(String(r.id));
        if (!e) throw new Error(`index and entries disagree on ${String(r.id)}`);
        return { text: e.text, cite: e.cite, about: e.about, disagreement: e.disagreement };
      }),
    );
    draft.suggestions.push('status');
    return draft.finish(now);
  }
}
