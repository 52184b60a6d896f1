import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import type { ChannelRef } from '../request.js';
import { ReplyDraft } from '../reply-draft.js';
import { COMMAND_NAMES, USAGE, type Command, type CommandName } from './parse-command.js';

const DESCRIPTIONS: Record<CommandName, string> = {
  status: 'where the mission stands, in short; "status full" for every section, with quotes',
  proposals: 'the arrangement in force and the proposals before it; "proposals full" for each in detail',
  dates: 'key dates: what lies ahead and the last twelve months (also: timeline)',
  new: "what the sources added since this channel's last brief, or since a date (also: whatsnew)",
  sources: 'the documents and public records behind every answer, with links',
  source: 'one source in full, with the known errors in it',
  ask: 'a question answered from the sources, with citations (or just type the question)',
  remind: 'reminders in this channel before each mandate milestone: lead times in days, posting time, time zone; "remind me on" for a direct message; and a short post when the sources gain newer documents ("no-digest" turns that off)',
  help: 'this list',
};

const EXAMPLES: Partial<Record<CommandName, string>> = {
  source: 'source nation-2025-05',
  ask: 'ask who pays for the mission?',
  remind: 'remind on 30,7,1 at 09:00 in America/Port-au-Prince',
  new: 'new since 2026-11-01',
};

/** How people type a command on each platform: after `/haiti` in Slack, as it is elsewhere. */
function typed(platform: ChannelRef['platform'] | undefined, command: string): string {
  return platform === 'slack' ? `/haiti ${command}` : command;
}

function howToType(platform: ChannelRef['platform'] | undefined): string {
  if (platform === 'slack') return 'Type /haiti and one of these:';
  if (platform === 'teams') return 'Type one of these (in a channel or group chat, @mention me first):';
  return 'Type one of these:';
}

/** The list of commands, or one command's usage; with `problem`, what was wrong with the input first. */
export function helpReply(
  knowledge: Knowledge,
  now: Date,
  options: {
    topic?: CommandName | undefined;
    invalid?: Extract<Command, { kind: 'invalid' }>;
    /** Where the asker types: Slack's commands start with /haiti, Teams' and the console's do not. */
    platform?: ChannelRef['platform'] | undefined;
  } = {},
): Reply {
  const invalid = options.invalid;
  const topic = options.topic ?? invalid?.topic;
  const draft = new ReplyDraft(knowledge, invalid ? 'error' : 'help', topic ? `Haiti Brief: ${topic}` : 'Haiti Brief: commands');
  if (invalid) {
    draft.intro.push(invalid.problem);
    if (invalid.suggestion) draft.intro.push(`Did you mean "${invalid.suggestion}"? Type "${typed(options.platform, USAGE[invalid.suggestion])}".`);
  } else if (!topic) {
    draft.intro.push(`Curated, cited briefs on Haiti's international security mission. ${howToType(options.platform)}`);
  }
  const names = topic ? [topic] : COMMAND_NAMES;
  draft.section(
    topic ? 'Usage' : 'Commands',
    [],
  ).claims.push(
    ...names.map((name) => ({
      label: USAGE[name],
      text: DESCRIPTIONS[name] + (topic && EXAMPLES[name] ? `. For example: "${EXAMPLES[name]}"` : ''),
      citations: [],
    })),
  );
  if (invalid?.suggestion) draft.suggestions.push(invalid.suggestion);
  if (topic && topic !== 'help') draft.suggestions.push('help');
  return draft.finish(now, { answered: !invalid });
}
