import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import { COMMAND_NAMES, USAGE, type Command, type CommandName } from './parse-command.js';

const DESCRIPTIONS: Record<CommandName, string> = {
  status: 'where the mission stands: who leads and pays, strength, equipment, funding, security',
  proposals: 'each proposal on the table: who made it, what it would do, drawbacks, what became of it',
  dates: 'key dates, past and upcoming (also: timeline)',
  new: "what the sources added since this channel's last brief, or since a date (also: whatsnew)",
  sources: 'the documents and public records behind every answer, with links',
  source: 'one source in full, with the known errors in it',
  ask: 'a question answered from the sources, with citations (or just type the question)',
  remind: 'reminders in this channel before each mandate milestone (lead times in days), and a short post when the sources gain newer documents ("no-digest" turns that off)',
  help: 'this list',
};

const EXAMPLES: Partial<Record<CommandName, string>> = {
  source: 'source nation-2025-05',
  ask: 'ask who pays for the mission?',
  remind: 'remind on 30,7,1',
  new: 'new since 2026-11-01',
};

/** The list of commands, or one command's usage; with `problem`, what was wrong with the input first. */
export function helpReply(
  knowledge: Knowledge,
  now: Date,
  options: { topic?: CommandName | undefined; invalid?: Extract<Command, { kind: 'invalid' }> } = {},
): Reply {
  const invalid = options.invalid;
  const topic = options.topic ?? invalid?.topic;
  const draft = new ReplyDraft(knowledge, invalid ? 'error' : 'help', topic ? `Haiti Brief: ${topic}` : 'Haiti Brief: commands');
  if (invalid) {
    draft.intro.push(invalid.problem);
    if (invalid.suggestion) draft.intro.push(`Did you mean "${invalid.suggestion}"? Type it after /haiti, like "/haiti ${USAGE[invalid.suggestion]}".`);
  } else if (!topic) {
    draft.intro.push('Curated, cited briefs on Haiti\'s international security mission. Type one of these after /haiti:');
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
