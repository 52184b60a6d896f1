import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Brief, Claim } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';

type BriefId = 'status' | 'proposals';

function briefOf(knowledge: Knowledge, id: BriefId): Brief {
  const brief = knowledge.briefs.get(id);
  if (!brief) throw new Error(`the knowledge base has no "${id}" brief`); // parseKnowledge guarantees it
  return brief;
}

/** The claims a brief's short form shows: its key points in their order, or its first claims without them. */
export function keyPoints(brief: Brief): Claim[] {
  const all = brief.sections.flatMap((s) => s.claims);
  if (!brief.key_points) return all.slice(0, 6);
  const byId = new Map(all.filter((c) => c.id).map((c) => [c.id as string, c]));
  return brief.key_points.flatMap((id) => byId.get(id) ?? []);
}

/**
 * A key point as the short form shows it, out of its section: a label the brief uses in several sections
 * ("What became of it") gives way to the section's heading, without its parenthesis.
 */
function standalone(brief: Brief, claim: Claim): Claim {
  const section = brief.sections.find((s) => s.claims.includes(claim));
  const shared = claim.label !== undefined && brief.sections.filter((s) => s.claims.some((c) => c.label === claim.label)).length > 1;
  if (!section || (claim.label && !shared)) return claim;
  return { ...claim, label: section.heading.replace(/\s*\([^)]*\)\s*$/, '') };
}

/** The brief's sections for its full form: those holding key points first, in key-point order, then the rest. */
function orderedSections(brief: Brief): Brief['sections'] {
  const ids = brief.key_points ?? [];
  const rank = (s: Brief['sections'][number]): number => {
    const found = s.claims.map((c) => (c.id ? ids.indexOf(c.id) : -1)).filter((i) => i >= 0);
    return found.length > 0 ? Math.min(...found) : ids.length;
  };
  return brief.sections.map((s, i) => ({ s, i, r: rank(s) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.s);
}

function other(id: BriefId): string[] {
  return id === 'status' ? ['proposals', 'dates'] : ['status', 'dates'];
}

/**
 * The short form of a curated brief (`status`, `proposals`): its cited headline, at most six key points, one
 * number per source, and a pointer to the full form. With `full`, the full form travels with it as `detail`.
 */
export function briefReply(knowledge: Knowledge, id: BriefId, now: Date, options: { full?: boolean } = {}): Reply {
  const brief = briefOf(knowledge, id);
  const draft = new ReplyDraft(knowledge, id, brief.title, { citeBy: 'source' });
  if (brief.headline) draft.headline(brief.headline);
  draft.section('Key points', keyPoints(brief).map((c) => standalone(brief, c)));
  // The short form stands for the whole brief: its warning speaks of every milestone the brief mentions.
  for (const claim of brief.sections.flatMap((s) => s.claims)) claim.about?.forEach((e) => draft.mention(e));
  draft.more.push({ text: 'Every section, with quotes', command: `${id} full` });
  draft.suggestions.push(...other(id));
  const reply: Reply = { ...draft.finish(now, { context: { kind: id } }), short: true };
  return options.full ? { ...reply, detail: fullBriefReply(knowledge, id, now) } : reply;
}

/** The full form of a brief: headline, then every section (those holding key points first), quotes cited. */
export function fullBriefReply(knowledge: Knowledge, id: BriefId, now: Date): Reply {
  const brief = briefOf(knowledge, id);
  const draft = new ReplyDraft(knowledge, id, `${brief.title}: the full brief`);
  if (brief.headline) draft.headline(brief.headline);
  for (const section of orderedSections(brief)) draft.section(section.heading, section.claims);
  draft.suggestions.push(...other(id));
  return { ...draft.finish(now, { context: { kind: id } }), full: true };
}
