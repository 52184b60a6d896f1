import { earliestInstant, formatDate } from '../dates.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import type { RemindCommand } from './parse-command.js';


function describeAction(command: RemindCommand): string {
  if (command.action === 'on') return `reminders on, ${command.leadDays.join(', ')} day(s) before each milestone`;
  return command.action === 'off' ? 'reminders off' : 'the list of reminders';
}

/**
 * The reply to `remind on|off|list` where no subscription store is connected: it says plainly that nothing
 * was changed, and lists the milestones ahead that reminders are about.
 */
export function remindReply(knowledge: Knowledge, command: RemindCommand, now: Date): Reply {
  const draft = new ReplyDraft(knowledge, 'remind', 'Milestone reminders');
  draft.intro.push(
    `You asked for ${describeAction(command)}. Reminders are set per channel: type this in the Slack or Teams channel that should get them. Nothing was changed here.`,
  );
  const ahead = knowledge.events.filter((e) => e.milestone && earliestInstant(e).getTime() > now.getTime());
  if (ahead.length > 0) {
    draft.section(
      'Milestones ahead',
      ahead.map((e) => ({ label: formatDate(e), text: `${e.title}. ${e.stake ?? ''}`.trim(), cite: [...e.cite, ...(e.stakeCite ?? [])], about: [e.id] })),
    );
  } else {
    draft.intro.push('No milestone in the sources lies ahead of now.');
  }
  draft.suggestions.push('dates');
  return draft.finish(now, { answered: false });
}
