import { closest, distance } from 'fastest-levenshtein';
import { parseRemindSettings } from './remind-settings.js';

/** The commands a user can type after `/haiti`. */
export const COMMAND_NAMES = ['status', 'proposals', 'dates', 'new', 'sources', 'source', 'ask', 'remind', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const DEFAULT_LEAD_DAYS = [30, 7, 1] as const;
/** The longest text read as a command or question; longer input gets a message saying so, and nothing else. */
export const MAX_INPUT_CHARS = 2000;
export const MAX_LEAD_DAYS = 365;

export type Command =
  | { kind: 'status' | 'proposals' | 'dates'; full?: true }
  | { kind: 'sources' }
  | { kind: 'source'; id: string }
  | { kind: 'ask'; question: string }
  | { kind: 'new'; since?: string }
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
      /** False when the channel asked for no "New in Haiti Brief" digest (`remind on no-digest`). */
      digest?: false;
    }
  | { kind: 'remind'; action: 'off' | 'list'; personal?: true }
  | { kind: 'help'; topic?: CommandName }
  | { kind: 'invalid'; input: string; problem: string; suggestion?: CommandName; topic?: CommandName };

export type RemindCommand = Extract<Command, { kind: 'remind' }>;

/**
 * The words each command answers to, beside its own name. A Map, not a plain object: a user's word is the key,
 * and a plain object answers "constructor", "toString" or "__proto__" from its prototype.
 */
const ALIASES: ReadonlyMap<string, CommandName> = new Map(Object.entries({
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
  new: 'new',
  whatsnew: 'new',
  news: 'new',
  help: 'help',
  commands: 'help',
  usage: 'help',
  '?': 'help',
} satisfies Record<string, CommandName>));

/** A word after a brief's name asking for its full form ("status full"). */
const FULL_WORDS = new Set(['full', 'all', 'more', 'long', 'everything']);
/** Words that leave a brief's command a brief ("status please"). */
const POLITE_WORDS = new Set(['please', 'pls', 'plz', 'thanks', 'now', 'today', 'again']);

const REMIND_ACTIONS: ReadonlyMap<string, 'on' | 'off' | 'list'> = new Map(Object.entries({
  on: 'on',
  start: 'on',
  subscribe: 'on',
  off: 'off',
  stop: 'off',
  unsubscribe: 'off',
  list: 'list',
  show: 'list',
  status: 'list',
} as const));

const QUESTION_WORDS = new Set([
  'who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which', 'is', 'are', 'was', 'were', 'does',
  'do', 'did', 'will', 'would', 'can', 'could', 'should', 'has', 'have', 'had', 'tell', 'explain', 'describe',
]);

/** A question about the bot's own sources, as a whole. */
const ABOUT_SOURCES =
  /^(?:(?:what|which)(?:'s|s| are| is)? (?:your |the |these |those )?(?:sources?|documents)(?: (?:do|did) you (?:use|have|rely on|read|draw on))?(?: for (?:this|that|it|these|them))?|where (?:do you get (?:this|that|it|your (?:info|information|facts))|does (?:this|that|it|your (?:info|information)) come from|is (?:this|that|it) from))\s*\??$/i;

/** A question that asks for a brief as a whole ("what is the current status?", "what are the proposals?"): that brief. */
const BRIEF_ASKED: readonly (readonly [RegExp, 'status' | 'proposals' | 'dates'])[] = [
  [/^(?:what(?:'s|\u2019s| is) (?:the )?(?:current |latest |overall )?(?:status|situation|state of play)(?: (?:now|today))?|where do things stand(?: now)?)\s*[?.!]*$/i, 'status'],
  [/^what (?:are|were) (?:the )?(?:main |current |latest |different )?(?:proposals|options)(?: (?:on the table|being discussed|put forward))?\s*[?.!]*$/i, 'proposals'],
  [/^what (?:are|were) (?:the )?(?:key |important |upcoming |next )?(?:dates|deadlines|milestones)\s*[?.!]*$/i, 'dates'],
];

/** The command a question asking for a reply as a whole stands for: the sources, or a brief. */
function askedAsAWhole(text: string): Command | undefined {
  if (ABOUT_SOURCES.test(text)) return { kind: 'sources' };
  const brief = BRIEF_ASKED.find(([re]) => re.test(text))?.[1];
  return brief ? { kind: brief } : undefined;
}

/** The usage line of each command, as help and error messages show it. */
export const USAGE: Record<CommandName, string> = {
  status: 'status [full]',
  proposals: 'proposals [full]',
  dates: 'dates [full]',
  sources: 'sources',
  source: 'source <id>',
  ask: 'ask <question>',
  new: 'new [since YYYY-MM-DD]',
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
  if (input.length > MAX_INPUT_CHARS) {
    return {
      kind: 'invalid',
      input: `${input.slice(0, 40)}…`,
      problem: `That is ${input.length.toLocaleString('en-US')} characters; I read at most ${MAX_INPUT_CHARS.toLocaleString('en-US')}. Ask a shorter question, or type a command.`,
    };
  }
  const text = stripPrefix(input);
  if (text === '') return { kind: 'help' };
  // "what's new", "whats new since 2026-11-01": the `new` command, said as people say it.
  const whatsNew = /^what['\u2019]?s\s+new\b\s*(.*)$/i.exec(text);
  if (whatsNew) return parseNew((whatsNew[1] ?? '').split(/\s+/), text);
  // "what are your sources?", "where does this come from?": the `sources` command (not "which sources disagree on X");
  // "what is the current status?": the brief. Asked as a question too ("ask what are your sources?", as a thread's questions are).
  const whole = askedAsAWhole(text);
  if (whole) return whole;
  const tokens = text.split(/\s+/);
  const head = word(tokens[0] ?? '');
  const rest = tokens.slice(1);
  const restText = rest.join(' ').trim();
  const name = ALIASES.get(head);

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
    suggestion: ALIASES.get(suggestion) ?? 'help',
  };
}

/** The command word (or alias) nearest to what was typed. */
function closestCommand(head: string): string {
  return closest(head, [...ALIASES.keys()].filter((a) => a !== '?'));
}

function commandWithArguments(name: CommandName, rest: string[], restText: string, text: string): Command {
  switch (name) {
    case 'status':
    case 'proposals':
    case 'dates': {
      // "dates full" or "status please" is the brief; "date of the prison attack" or "status of the trust fund" a question.
      const words = rest.map(word).filter((w) => w !== '' && !POLITE_WORDS.has(w));
      if (words.length === 0) return { kind: name };
      if (words.length === 1 && FULL_WORDS.has(words[0]!)) return { kind: name, full: true };
      return { kind: 'ask', question: text };
    }
    case 'sources':
    case 'source': {
      // "source nation-2025-05" names a source; "source of the funding" or "sources on casualties" is a question.
      const id = word(rest[0] ?? '');
      if (rest.filter((w) => word(w) !== '').length > 1) return { kind: 'ask', question: text };
      return id ? { kind: 'source', id } : { kind: 'sources' };
    }
    case 'ask':
      if (!restText) {
        return { kind: 'invalid', input: text, problem: 'Type your question after "ask".', topic: 'ask' };
      }
      return askedAsAWhole(restText) ?? { kind: 'ask', question: restText };
    case 'remind':
      return parseRemind(rest, text);
    case 'new':
      return parseNew(rest, text);
    case 'help': {
      const topic = ALIASES.get(word(rest[0] ?? ''));
      return topic ? { kind: 'help', topic } : { kind: 'help' };
    }
  }
}

function parseRemind(all: string[], text: string): Command {
  const personal = word(all[0] ?? '') === 'me';
  const rest = personal ? all.slice(1) : all;
  const action = REMIND_ACTIONS.get(word(rest[0] ?? ''));
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
  const { rest: afterDigest, noDigest } = withoutDigestWords(rest.slice(1).join(' '));
  const settings = parseRemindSettings(afterDigest.split(/\s+/).filter(Boolean));
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
    ...(noDigest ? { digest: false as const } : {}),
  };
}

/** "no-digest", "no digest", "without digest(s)" after `remind on`: reminders without the "New in Haiti Brief" posts. */
function withoutDigestWords(text: string): { rest: string; noDigest: boolean } {
  const pattern = /(?:^|[\s,;])(?:no[-\s]?digests?|without\s+(?:the\s+)?digests?)(?=$|[\s,;])/i;
  const noDigest = pattern.test(text);
  return { rest: noDigest ? text.replace(pattern, ' ').trim() : text, noDigest };
}

/** `new`, `new since 2026-11-01` (also "whatsnew"). */
function parseNew(rest: string[], text: string): Command {
  const words = rest.map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return { kind: 'new' };
  // "new force commander" is a question; "new since ..." or a date is the command, and says so when the date is wrong.
  if (words[0]?.toLowerCase() !== 'since' && !/\d/.test(words.join(' '))) return { kind: 'ask', question: text };
  const date = words[0]?.toLowerCase() === 'since' ? words.slice(1).join(' ') : words.join(' ');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const real = match ? new Date(`${date}T00:00:00Z`) : null;
  if (!match || !real || Number.isNaN(real.getTime()) || real.toISOString().slice(0, 10) !== date) {
    return { kind: 'invalid', input: text, problem: `"${date || words.join(' ')}" is not a date: type "new" for what is new since this channel's last brief, or "new since 2026-11-01".`, topic: 'new' };
  }
  return { kind: 'new', since: date };
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
