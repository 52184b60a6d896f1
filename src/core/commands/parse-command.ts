import { closest, distance } from 'fastest-levenshtein';

/** The commands a user can type after `/haiti`. */
export const COMMAND_NAMES = ['status', 'proposals', 'dates', 'sources', 'source', 'ask', 'remind', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const DEFAULT_LEAD_DAYS = [30, 7, 1] as const;
export const MAX_LEAD_DAYS = 365;

export type Command =
  | { kind: 'status' | 'proposals' | 'dates' | 'sources' }
  | { kind: 'source'; id: string }
  | { kind: 'ask'; question: string }
  | { kind: 'remind'; action: 'on'; leadDays: number[] }
  | { kind: 'remind'; action: 'off' | 'list' }
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
  status: 'status',
  proposals: 'proposals',
  dates: 'dates',
  sources: 'sources',
  source: 'source <id>',
  ask: 'ask <question>',
  remind: 'remind on [30,7,1] | remind off | remind list',
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

  // Words that are not a command, nor a near miss of one (an edit, two for a long word), are a question: "funding", "kenya casualties".
  const suggestion = closestCommand(head);
  const isTypo = head.length >= 4 && distance(head, suggestion) <= (head.length >= 6 ? 2 : 1) && rest.length <= 1;
  if (!isTypo) return { kind: 'ask', question: text };
  return {
    kind: 'invalid',
    input: text,
    problem: `I don't know the command "${tokens[0]}".`,
    suggestion: ALIASES[suggestion] ?? 'help',
  };
}

function closestCommand(head: string): string {
  return closest(head, Object.keys(ALIASES).filter((a) => a !== '?'));
}

function commandWithArguments(name: CommandName, rest: string[], restText: string, text: string): Command {
  switch (name) {
    case 'status':
    case 'proposals':
    case 'dates':
      return { kind: name };
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

function parseRemind(rest: string[], text: string): Command {
  const action = REMIND_ACTIONS[word(rest[0] ?? '')];
  if (!action) {
    const what = rest[0] ? `"${rest[0]}" is not a reminder action.` : 'Say what to do with reminders.';
    return { kind: 'invalid', input: text, problem: `${what} Use on, off or list.`, topic: 'remind' };
  }
  if (action !== 'on') {
    if (rest.length > 1) {
      return { kind: 'invalid', input: text, problem: `"remind ${action}" takes nothing after it.`, topic: 'remind' };
    }
    return { kind: 'remind', action };
  }
  const leads = parseLeadDays(rest.slice(1).join(' '));
  if ('problem' in leads) return { kind: 'invalid', input: text, problem: leads.problem, topic: 'remind' };
  return { kind: 'remind', action: 'on', leadDays: leads.days };
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
