import { closest, distance } from 'fastest-levenshtein';
import { parseRemindSettings } from './remind-settings.js';

/** The commands a user can type after `/haiti`. */
export const COMMAND_NAMES = ['status', 'proposals', 'dates', 'sources', 'source', 'ask', 'remind', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const DEFAULT_LEAD_DAYS = [30, 7, 1] as const;
export const MAX_LEAD_DAYS = 365;

export type Command =
  | { kind: 'status' | 'proposals' | 'dates'; full?: true }
  | { kind: 'sources' }
  | { kind: 'source'; id: string }
  | { kind: 'ask'; question: string }
  | {
      kind: 'remind';
      action: 'on';
      leadDays: number[];
      /** Local posting time "HH:MM", when one was given ("at 08:30"). */
      postAt?: string;
      /** IANA time zone, when one was given ("in America/Port-au-Prince"). */
      timeZone?: string;
      /** Whether lead times were given; without them a subscription keeps its own. */
      leadsGiven?: true;
      /** `remind me ...`: the reminders go to the person, in a direct message. */
      personal?: true;
    }
  | { kind: 'remind'; action: 'off' | 'list'; personal?: true }
  | { kind: 'help'; topic?: CommandName }
  | { kind: 'invalid'; input: string; problem: string; suggestion?: CommandName; topic?: CommandName };

export type RemindCommand = Extract<Command, { kind: 'remind' }>;

/** The words each command answers to, beside its own name. */
const ALIASES: Record<string, CommandName> = {
  status: 'status',
  situation: 'status',
  overview: 'status',
  proposals: 'proposals',
  proposal: 'proposals',
  options: 'proposals',
  dates: 'dates',
  date: 'dates',
  timeline: 'dates',
  milestones: 'dates',
  calendar: 'dates',
  sources: 'sources',
  source: 'source',
  ask: 'ask',
  question: 'ask',
  remind: 'remind',
  reminder: 'remind',
  reminders: 'remind',
  help: 'help',
  commands: 'help',
  usage: 'help',
  '?': 'help',
};

/** A word after a brief's name asking for its full form ("status full"). */
const FULL_WORDS = new Set(['full', 'all', 'more', 'long', 'everything']);

const REMIND_ACTIONS: Record<string, 'on' | 'off' | 'list'> = {
  on: 'on',
  start: 'on',
  subscribe: 'on',
  off: 'off',
  stop: 'off',
  unsubscribe: 'off',
  list: 'list',
  show: 'list',
  status: 'list',
};

const QUESTION_WORDS = new Set([
  'who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which', 'is', 'are', 'was', 'were', 'does',
  'do', 'did', 'will', 'would', 'can', 'could', 'should', 'has', 'have', 'had', 'tell', 'explain', 'describe',
]);

/** The usage line of each command, as help and error messages show it. */
export const USAGE: Record<CommandName, string> = {
  status: 'status [full]',
  proposals: 'proposals [full]',
  dates: 'dates [full]',
  sources: 'sources',
  source: 'source <id>',
  ask: 'ask <question>',
  remind: 'remind on [30,7,1] [at HH:MM] [in Area/City] | remind off | remind list | remind me on|off|list',
  help: 'help [command]',
};

/** Strips what a user may type before the command: the slash command itself and leading punctuation. */
function stripPrefix(text: string): string {
  return text.trim().replace(/^\/haiti\b/i, '').trim();
}

function word(token: string): string {
  return token.toLowerCase().replace(/^[^\p{L}\p{N}?]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Parses the text a user typed after `/haiti` (or in a chat with the bot) into a command. Never throws. */
export function parseCommand(input: string): Command {
  const text = stripPrefix(input);
  if (text === '') return { kind: 'help' };
  const tokens = text.split(/\s+/);
  const head = word(tokens[0] ?? '');
  const rest = tokens.slice(1);
  const restText = rest.join(' ').trim();
  const name = ALIASES[head];

  if (name) return commandWithArguments(name, rest, restText, text);

  const looksLikeQuestion = text.includes('?') || QUESTION_WORDS.has(head);
  if (looksLikeQuestion) return { kind: 'ask', question: text };

  // Two or more words that are not a command, nor a typo of one, are a question ("kenyan casualties").
  const suggestion = closestCommand(head);
  const isTypo = head.length >= 3 && distance(head, suggestion) <= 2 && rest.length <= 1;
  if (!isTypo && tokens.length >= 2) return { kind: 'ask', question: text };
  return {
    kind: 'invalid',
    input: text,
    problem: `I don't know the command "${tokens[0]}".`,
    suggestion,
  };
}

function closestCommand(head: string): CommandName {
  const names = Object.keys(ALIASES).filter((a) => a !== '?');
  return ALIASES[closest(head, names)] ?? 'help';
}

function commandWithArguments(name: CommandName, rest: string[], restText: string, text: string): Command {
  switch (name) {
    case 'status':
    case 'proposals':
    case 'dates':
      return FULL_WORDS.has(word(rest[0] ?? '')) ? { kind: name, full: true } : { kind: name };
    case 'sources':
    case 'source': {
      const id = word(rest[0] ?? '');
      return id ? { kind: 'source', id } : { kind: 'sources' };
    }
    case 'ask':
      if (!restText) {
        return { kind: 'invalid', input: text, problem: 'Type your question after "ask".', topic: 'ask' };
      }
      return { kind: 'ask', question: restText };
    case 'remind':
      return parseRemind(rest, text);
    case 'help': {
      const topic = ALIASES[word(rest[0] ?? '')];
      return topic ? { kind: 'help', topic } : { kind: 'help' };
    }
  }
}

function parseRemind(all: string[], text: string): Command {
  const personal = word(all[0] ?? '') === 'me';
  const rest = personal ? all.slice(1) : all;
  const action = REMIND_ACTIONS[word(rest[0] ?? '')];
  if (!action) {
    const what = rest[0] ? `"${rest[0]}" is not a reminder action.` : 'Say what to do with reminders.';
    return { kind: 'invalid', input: text, problem: `${what} Use on, off or list.`, topic: 'remind' };
  }
  if (action !== 'on') {
    if (rest.length > 1) {
      return { kind: 'invalid', input: text, problem: `"remind ${action}" takes nothing after it.`, topic: 'remind' };
    }
    return personal ? { kind: 'remind', action, personal: true } : { kind: 'remind', action };
  }
  const settings = parseRemindSettings(rest.slice(1));
  if ('problem' in settings) return { kind: 'invalid', input: text, problem: settings.problem, topic: 'remind' };
  const leads = parseLeadDays(settings.leadText);
  if ('problem' in leads) return { kind: 'invalid', input: text, problem: leads.problem, topic: 'remind' };
  return {
    kind: 'remind',
    action: 'on',
    leadDays: leads.days,
    ...(settings.leadText.trim() ? { leadsGiven: true as const } : {}),
    ...(settings.postAt ? { postAt: settings.postAt } : {}),
    ...(settings.timeZone ? { timeZone: settings.timeZone } : {}),
    ...(personal ? { personal: true as const } : {}),
  };
}

/** Parses lead times such as "30,7,1", "30 7 1" or "[30, 7, 1]"; empty means the defaults. */
export function parseLeadDays(text: string): { days: number[] } | { problem: string } {
  const cleaned = text.trim().replace(/^\[|\]$/g, '').trim();
  if (cleaned === '') return { days: [...DEFAULT_LEAD_DAYS] };
  const parts = cleaned.split(/[\s,;]+/).filter(Boolean);
  const days = new Set<number>();
  for (const part of parts) {
    const cleanPart = part.replace(/^(\d+)d(ays?)?$/i, '$1');
    if (!/^\d+$/.test(cleanPart) || Number(cleanPart) < 1 || Number(cleanPart) > MAX_LEAD_DAYS) {
      return {
        problem: `"${part}" is not a lead time: lead times are whole numbers of days from 1 to ${MAX_LEAD_DAYS}, like "remind on 30,7,1".`,
      };
    }
    days.add(Number(cleanPart));
  }
  if (days.size > 10) return { problem: 'At most 10 lead times, like "remind on 30,7,1".' };
  return { days: [...days].sort((a, b) => b - a) };
}
