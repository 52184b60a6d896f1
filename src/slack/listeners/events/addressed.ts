/**
 * Whether a person's message in a thread under one of the bot's replies is addressed to the bot. The bot
 * speaks in a thread only when spoken to: a question (a question mark, or an opening such as who, what,
 * when, why, how, is, does, can), a command ("status full", "source <id>") or a short topic query
 * ("funding"), and never a message addressed to someone else (a mention of a person, a group, @channel or
 * @here, a name followed by a comma) nor chatter ("thanks", "+1", "lol", a link alone).
 *
 * What it does with a question the sources cannot answer: `private` shows the refusal to the asker only;
 * `silent` says nothing, for a message that reads as talk among people ("can you look at this?", a topic
 * query that turns out not to be one) unless the sources answer it.
 */
export type Addressing =
  | { toBot: true; as: 'command' | 'question' | 'topic'; refusal: 'private' | 'silent' }
  | { toBot: false; reason: string };

const OPENERS = new Set([
  'who', 'whom', 'whose', 'what', 'whats', "what's", 'when', 'where', 'why', 'how', 'hows', "how's", 'which',
  'is', 'are', 'was', 'were', 'does', 'do', 'did', 'can', 'could', 'will', 'would', 'should', 'has', 'have',
  'had', 'tell', 'explain', 'describe', 'list', 'show', 'summarize', 'summarise', 'give', 'any', 'whos', "who's",
]);

/** Commands as typed in a thread, with what may follow them. */
const COMMANDS = new Set(['status', 'proposals', 'proposal', 'dates', 'timeline', 'sources', 'source', 'help']);
const COMMAND_TAIL = /^(|full|all|more|[a-z0-9]+(?:[-.][a-z0-9]+)+|status|proposals|dates|sources|source|ask|remind|help)$/;

/** Words of talk among people: a message made only of these (and no question) is chatter. */
const CHATTER = new Set([
  'thanks', 'thank', 'you', 'thx', 'ty', 'tks', 'cheers', 'lol', 'lmao', 'haha', 'hahaha', 'ha', 'ok', 'okay', 'k',
  'kk', 'agreed', 'agree', 'same', 'yes', 'yeah', 'yep', 'yup', 'no', 'nope', 'nah', 'sure', 'cool', 'nice', 'great',
  'good', 'awesome', 'perfect', 'wow', 'oh', 'ah', 'hmm', 'hm', 'right', 'true', 'exactly', 'indeed', 'noted',
  'done', 'fair', 'point', 'interesting', 'helpful', 'useful', 'very', 'really', 'so', 'much', 'this', 'that',
  'is', 'it', 'makes', 'sense', 'got', 'will', 'do', 'on', 'me', 'too', 'here', 'np', 'welcome', 'congrats',
  'brilliant', 'love', 'bad', 'sad', 'wild', 'crazy', 'yikes', 'oof', 'ugh', 'omg', 'wtf', 'lgtm', 'ack', 'fyi',
  'btw', 'a', 'the', 'and', 'all', 'for', 'of', 'to', 'just', 'now', 'see', 'seen', 'read', 'looks', 'look',
  'sounds', 'well', 'ok.', 'hi', 'hey', 'hello', 'morning', 'night', 'bye', 'later', 'guys', 'team', 'folks',
  'everyone', 'all,', 'ta', 'mate', 'lovely', 'excellent', 'super', 'neat', 'sweet', 'glad', 'happy', 'sorry',
  'my', 'bad', 'i', 'think', 'so.', 'not', 'sure', 'idk', 'dunno', 'maybe', 'probably', 'definitely', 'totally',
  'absolutely', 'also', 'was', 'what', 'said', '+1', '+100', '-1', '++',
]);

/** Words that put a question to the people in the thread rather than to the sources. */
const PERSONAL = new Set(['you', 'your', "you're", 'youre', 'u', 'we', 'us', 'our', "let's", 'lets', 'i', "i'm", 'im', 'me', 'my', "i'll", "we're", 'anyone', 'anybody', 'someone', 'somebody', 'y\'all', 'yall', 'guys']);

/** Asks the bot something: phrases people use for "tell me" that may open a statement. */
const REQUESTS = /^(please\s+)?(tell me|remind me|show me|give me|what about|how about|and what|and who|and when|and how|and why|so what|so who|so when|so how|so why)\b/;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}+']+|[^\p{L}\p{N}+']+$/gu, ''))
    .filter(Boolean);
}

/**
 * Reads a message typed in a thread of the bot's (Slack's text, with its `<@U..>` and `<!here>` tokens).
 * The bot's own mention is answered elsewhere (as an app_mention), so here it only ever meets other people's.
 */
export function addressing(raw: string): Addressing {
  if (/<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]*>/.test(raw)) {
    return { toBot: false, reason: 'addressed to someone else (a mention)' };
  }
  // Links, emoji codes and code spans say nothing to the bot.
  const text = raw
    .replace(/<(?:https?|mailto):[^>]*>/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/:[a-z0-9_+-]+:/gi, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/&lt;|&gt;|&amp;/g, ' ')
    .trim();
  const w = words(text);
  if (w.length === 0) return { toBot: false, reason: 'a link, emoji or nothing' };
  if (/(^|\s)@[\p{L}\d._-]+/u.test(text)) return { toBot: false, reason: 'addressed to someone else (@name)' };
  // "Marie, can you...": a name followed by a comma or colon opens talk to that person.
  const vocative = /^([A-Z][\p{L}'-]+)\s*[,:]/u.exec(text);
  if (vocative && !OPENERS.has(w[0] ?? '') && !CHATTER.has(w[0] ?? '') && !COMMANDS.has(w[0] ?? '') && !/^(So|And|But|Also|Then|Please|Sorry|Quick|Btw|Question|Ok|Okay)$/i.test(vocative[1] ?? '')) {
    return { toBot: false, reason: 'addressed to someone else (a name)' };
  }
  const first = w[0] ?? '';
  if (COMMANDS.has(first) && w.length <= 3 && w.slice(1).every((x) => COMMAND_TAIL.test(x))) {
    return { toBot: true, as: 'command', refusal: 'private' };
  }
  const personal = w.some((x) => PERSONAL.has(x));
  const asks = text.includes('?') || OPENERS.has(first) || REQUESTS.test(text.toLowerCase());
  if (asks) {
    if (w.every((x) => CHATTER.has(x) || PERSONAL.has(x))) return { toBot: false, reason: 'chatter (a question to people)' };
    return { toBot: true, as: 'question', refusal: personal ? 'silent' : 'private' };
  }
  if (w.every((x) => CHATTER.has(x))) return { toBot: false, reason: 'chatter' };
  if (w.length <= 4 && !personal && w.some((x) => /\p{L}{3,}/u.test(x))) return { toBot: true, as: 'topic', refusal: 'silent' };
  return { toBot: false, reason: 'a remark, not a question' };
}
