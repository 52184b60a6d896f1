import { formatDate } from '../dates.js';
import { freshnessWarning } from '../freshness.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { knowledgeAsOf, ReplyDraft } from '../reply-draft.js';

/**
 * What the bot says when it is added to a chat or a team, once: what it does, how current its sources are,
 * and the three things most people want first (as buttons where the platform has them).
 */
export function welcomeReply(knowledge: Knowledge, now: Date): Reply {
  const draft = new ReplyDraft(knowledge, 'help', 'Haiti Brief is here');
  const asOf = knowledgeAsOf(knowledge);
  draft.intro.push(
    "I brief you on Haiti's international security mission: where it stands, the proposals on the table and the key dates, in short cited answers. Ask me a question in plain words, or turn on reminders before mandate milestones.",
    asOf ? `My sources run to ${formatDate(asOf)}; every answer says how current it is.` : 'Every answer says how current its sources are.',
    'In a channel or group chat, @mention me first. Type "help" for every command.',
  );
  const warning = asOf ? freshnessWarning(asOf, [], now) : null;
  draft.suggestions.push('status', 'dates', 'remind on');
  const reply = draft.finish(now);
  return { ...reply, asOf, warnings: warning ? [warning] : [] };
}
