import type { Reply } from '../core/reply.js';

/** What a button says, for the commands people press most: readable, not the command typed. */
const TITLES: ReadonlyMap<string, string> = new Map([
  ['status', 'Where things stand'],
  ['status full', 'Full brief'],
  ['proposals', 'Proposals'],
  ['proposals full', 'All proposals in full'],
  ['dates', 'Key dates'],
  ['dates full', 'All dates'],
  ['sources', 'Sources'],
  ['remind on', 'Turn on reminders'],
  ['remind list', 'Reminder settings'],
  ['remind off', 'Turn off reminders'],
  ['remind me on', 'Remind me'],
  ['remind me list', 'My reminders'],
  ['remind me off', 'Stop my reminders'],
  ['help', 'All commands'],
]);

/** The title of the button that runs a command ("Where things stand" for status); the command itself otherwise. */
export function buttonTitle(command: string): string {
  return TITLES.get(command.trim().toLowerCase()) ?? command;
}

/** The commands a card offers as buttons: the reply's own suggestions, or for help, the three most wanted. */
export function buttonCommands(reply: Reply): string[] {
  if (reply.suggestions.length > 0) return reply.suggestions;
  return reply.kind === 'help' ? ['status', 'dates', 'remind on'] : [];
}
