import { endInstant, formatDate, type PartialDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import type { RequestContext } from '../request.js';
import { subscriptionKey } from '../reminders/model.js';
import type { ChannelMarkStore } from './channel-marks.js';
import { newestSourceDate } from './knowledge-on.js';
import { sourcesFrom, statementsResting } from './statements.js';

/** How many new statements a `new` reply shows; the rest are counted. */
const SHOWN = 12;

function dayOf(at: Date): PartialDate {
  return { date: at.toISOString().slice(0, 10), precision: 'day' };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * `new`: the sources published from `from` on, and the statements resting on them (most recent sources first
 * in the count, statements in the knowledge's own order), with their citations.
 */
export function newsReply(knowledge: Knowledge, now: Date, since: { from: Date; text: string }): Reply {
  const draft = new ReplyDraft(knowledge, 'new', "What's new in Haiti Brief");
  const sources = sourcesFrom(knowledge, since.from);
  const statements = statementsResting(knowledge, sources);
  if (sources.length === 0) {
    const newest = newestSourceDate(knowledge);
    draft.intro.push(`Nothing new ${since.text}: the newest source is dated ${newest ? formatDate(newest) : 'nowhere'}.`);
    draft.suggestions.push('status', 'dates');
    return draft.finish(now, { answered: false });
  }
  draft.intro.push(`${plural(sources.length, 'source', 'sources')} ${since.text}; ${plural(statements.length, 'statement rests', 'statements rest')} on them.`);
  draft.section(
    'New sources',
    sources.map((s) => ({ label: formatDate(s), text: `${s.publisher}: ${s.title}`, cite: [{ source: s.id }] })),
  );
  if (statements.length > 0) {
    const shown = statements.slice(0, SHOWN);
    const heading = statements.length > SHOWN ? `New statements (the first ${SHOWN} of ${statements.length})` : 'New statements';
    draft.section(heading, shown);
  }
  draft.suggestions.push('status', 'dates', 'sources');
  return draft.finish(now);
}

/** The channel a request came from, as the store keys it; null for a request from nowhere. */
function channelKeyOf(request: RequestContext): string | null {
  return request.channel ? subscriptionKey(request.channel) : null;
}

/**
 * Answers `new` / `new since D` for the channel: with a date, sources from that day on; without one, sources
 * newer than the newest the channel's last brief rested on. The channel has now seen them all.
 */
export async function newsForChannel(
  knowledge: Knowledge,
  now: Date,
  since: string | undefined,
  request: RequestContext,
  marks: ChannelMarkStore | undefined,
): Promise<Reply> {
  const key = channelKeyOf(request);
  let from: { from: Date; text: string };
  if (since !== undefined) {
    from = { from: new Date(`${since}T00:00:00Z`), text: `published since ${formatDate({ date: since, precision: 'day' })}` };
  } else {
    const mark = key && marks ? await marks.channelMark(key).catch(() => null) : null;
    if (mark) {
      from = { from: endInstant(mark.newest), text: `newer than this channel's last brief (${formatDate(dayOf(mark.at))}, current to ${formatDate(mark.newest)})` };
    } else {
      // No brief reached this channel yet: the last 30 days of sources, said as such.
      const newest = newestSourceDate(knowledge);
      const start = newest ? new Date(endInstant(newest).getTime() - 30 * 86_400_000) : now;
      from = { from: start, text: `in the 30 days up to the newest source (this channel has had no brief yet; "new since YYYY-MM-DD" picks the date)` };
    }
  }
  const reply = newsReply(knowledge, now, from);
  await recordBrief(knowledge, now, request, marks);
  return reply;
}

/** Records that the channel was sent a brief resting on the knowledge as it is now. Best effort. */
export async function recordBrief(knowledge: Knowledge, now: Date, request: RequestContext, marks: ChannelMarkStore | undefined, onlyFirst = false): Promise<void> {
  const key = channelKeyOf(request);
  const newest = newestSourceDate(knowledge);
  if (!key || !marks || !newest) return;
  try {
    if (onlyFirst && (await marks.channelMark(key))) return;
    await marks.recordChannelMark(key, { newest, at: now });
  } catch {
    // The headline count and `new` are conveniences: a store that cannot answer never costs the brief itself.
  }
}

/**
 * Puts on a brief's first line how many statements are new since the channel's last brief (when some are),
 * then records this brief as the channel's last.
 */
export async function briefWithNewCount(reply: Reply, knowledge: Knowledge, now: Date, request: RequestContext, marks: ChannelMarkStore | undefined): Promise<Reply> {
  const key = channelKeyOf(request);
  if (!key || !marks) return reply;
  const mark = await marks.channelMark(key).catch(() => null);
  await recordBrief(knowledge, now, request, marks);
  if (!mark) return reply;
  const count = statementsResting(knowledge, sourcesFrom(knowledge, endInstant(mark.newest))).length;
  if (count === 0) return reply;
  const line = `${plural(count, 'statement is', 'statements are')} new since this channel's last brief on ${formatDate(dayOf(mark.at))}: type "new" to see them.`;
  return { ...reply, intro: [line, ...(reply.intro ?? [])] };
}
