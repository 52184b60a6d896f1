import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import type { Reply } from '../../../core/reply.js';
import { renderBlockKit, renderBlockKitMessages, type BlockKitMessage } from '../../../render/block-kit.js';
import { ACTIONS, sourcesAndQuotes } from '../../../render/slack-actions.js';
import { announceChange, slackDirect } from '../../announce.js';
import { postMessages, postToAsker } from '../../deliver.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** What one press of a button is about: who pressed which button on which message. */
interface Press {
  action: string;
  value: string;
  user: string;
  channel: string;
  /** The message the button is on. */
  ts: string;
  /** The thread that message is in (its own ts when it starts one). */
  threadTs: string;
}

const BRIEF_VALUES = new Set(['status', 'proposals', 'dates']);

function pressOf(body: BlockAction): Press | null {
  const action = body.actions[0];
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (!action || action.type !== 'button' || !channel || !ts) return null;
  const thread = (body.message as { thread_ts?: string } | undefined)?.thread_ts ?? body.container?.thread_ts;
  return { action: action.action_id, value: action.value ?? '', user: body.user.id, channel, ts, threadTs: thread ?? ts };
}

/**
 * The buttons on briefs and reminders. Acknowledged at once (Slack allows 3 seconds), then done from the
 * answer queue. A button whose work is shared (posting the full brief or the brief under a message, turning
 * reminders on) does it once, whoever presses it and however often, on every copy of the app: the first
 * press claims it in the store; later presses are told where it is.
 */
export function buttonAction(deps: SlackDeps) {
  return async ({ body, ack, client }: Args): Promise<void> => {
    await ack();
    const press = pressOf(body);
    if (!press) {
      deps.logger.warn({ event: 'slack.action', outcome: 'ignored', reason: 'no button, channel or message' }, 'a block action that is not one of our buttons');
      return;
    }
    deps.queue.push(() => pressButton(deps, client, press));
  };
}

async function pressButton(deps: SlackDeps, client: webApi.WebClient, p: Press): Promise<void> {
  const log = (outcome: string, extra: Record<string, unknown> = {}, level: 'info' | 'warn' | 'error' = 'info') =>
    deps.logger[level]({ event: 'slack.action', action: p.action, channel: p.channel, user: p.user, ts: p.ts, outcome, ...extra }, `button ${p.action}: ${outcome}`);
  const tell = (text: string) => postToAsker(client, { channel: p.channel, user: p.user, threadTs: p.threadTs }, { text, blocks: [] });
  const answer = (text: string) =>
    deps.engine.answerText(text, { channel: { platform: 'slack', id: p.channel }, user: { id: p.user }, direct: slackDirect(p.user) });
  try {
    switch (p.action) {
      case ACTIONS.full:
      case ACTIONS.open: {
        const full = p.action === ACTIONS.full;
        const command = full ? `${BRIEF_VALUES.has(p.value) ? p.value : 'status'} full` : 'status';
        const key = `${full ? 'full' : 'open'}:${p.channel}:${p.ts}`;
        if (!(await deps.once.first(key))) {
          await tell(full ? 'The full brief is already posted in the thread of this message: open its replies.' : 'The brief is already posted in the thread of this reminder: open its replies.');
          return log('already_done');
        }
        const reply = await answer(command);
        const messages: BlockKitMessage[] = renderBlockKitMessages(full && reply.detail ? reply.detail : reply);
        const posted = await postMessages(client, deps.threads, { channel: p.channel, threadTs: p.threadTs }, messages, reply.context);
        if (!posted.ok && posted.count === 0) {
          await deps.once.release(key);
          await tell(`Sorry: Slack would not take the brief (${posted.failure.code}), so nothing was posted. Try the button again in a minute.`);
          return log('lost', { error: posted.failure.code }, 'error');
        }
        return log('posted', { messages: posted.count });
      }
      case ACTIONS.sources: {
        if (!(await deps.once.first(`sources:${p.channel}:${p.ts}:${p.user}`))) return log('already_done');
        const reply = await answer(BRIEF_VALUES.has(p.value) ? `${p.value} full` : 'status full');
        const shown = await postToAsker(client, { channel: p.channel, user: p.user, threadTs: p.threadTs }, sourcesAndQuotes(reply.detail ?? reply));
        return log(shown.ok ? 'shown' : 'lost', {}, shown.ok ? 'info' : 'warn');
      }
      case ACTIONS.remind: {
        // Two people pressing at once turn reminders on once, and the channel hears of it once.
        const first = await deps.once.first(`remind:${p.channel}:${p.ts}`);
        const reply: Reply = await answer(first ? 'remind on' : 'remind list');
        await postToAsker(client, { channel: p.channel, user: p.user, threadTs: p.threadTs }, renderBlockKit(reply));
        if (first) await announceChange(deps, client, { channel: p.channel, user: p.user }, reply);
        return log(first ? 'reminders_on' : 'listed');
      }
      default:
        return log('ignored', { reason: 'unknown action' }, 'warn');
    }
  } catch (error) {
    log('failed', { error: error instanceof Error ? error.message : String(error) }, 'error');
  }
}
