import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';

/** The reply for a curated brief (`status`, `proposals`): its sections and claims, cited. */
export function briefReply(knowledge: Knowledge, id: 'status' | 'proposals', now: Date): Reply {
  const brief = knowledge.briefs.get(id);
  if (!brief) throw new Error(`the knowledge base has no "${id}" brief`); // parseKnowledge guarantees it
  const draft = new ReplyDraft(knowledge, id, brief.title);
  if (brief.summary) draft.intro.push(brief.summary);
  for (const section of brief.sections) draft.section(section.heading, section.claims);
  draft.suggestions.push(...(id === 'status' ? ['proposals', 'dates'] : ['status', 'dates']));
  return draft.finish(now, { context: { kind: id } });
}
