import { endInstant, formatDate, type PartialDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import { sourcesFrom, statementsResting } from './statements.js';

/** The ledger's milestone id of a digest: one per knowledge version, so a channel gets each at most once. */
export const DIGEST_PREFIX = 'digest:';

export function digestId(version: string): string {
  return `${DIGEST_PREFIX}${version}`;
}

export function isDigestId(id: string): boolean {
  return id.startsWith(DIGEST_PREFIX);
}

/** How many statements a digest shows: it is a short post, `new` has the rest. */
const SHOWN = 3;

/**
 * The short "New in Haiti Brief" post: which sources the knowledge gained since the newest one the channel
 * was sent, how many statements rest on them, and the first few of those, cited.
 */
export function digestReply(knowledge: Knowledge, now: Date, seen: PartialDate): Reply {
  const sources = sourcesFrom(knowledge, endInstant(seen));
  const statements = statementsResting(knowledge, sources);
  const draft = new ReplyDraft(knowledge, 'digest', 'New in Haiti Brief');
  const names = sources.map((s) => `${s.publisher}, "${s.title}" (${formatDate(s)})`);
  const shownNames = names.length > 3 ? `${names.slice(0, 3).join('; ')} and ${names.length - 3} more` : names.join('; ');
  draft.intro.push(
    `${sources.length === 1 ? 'A new source' : `${sources.length} new sources`} since the last brief this channel was sent (current to ${formatDate(seen)}): ${shownNames}. ${statements.length === 1 ? '1 statement rests' : `${statements.length} statements rest`} on ${sources.length === 1 ? 'it' : 'them'}.`,
  );
  if (statements.length > 0) draft.section(statements.length > SHOWN ? `The first ${SHOWN}` : 'What they say', statements.slice(0, SHOWN));
  draft.intro.push('Type "new" for all of it; "remind on no-digest" stops these posts and keeps the reminders.');
  draft.suggestions.push('new', 'status', 'dates');
  return draft.finish(now);
}
