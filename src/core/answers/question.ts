/** Words that point back to what the thread is about. */
const PRONOUNS = new Set(['it', 'its', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her', 'this', 'that', 'these', 'those']);

/** Questions about time relative to now, answered from the timeline with the clock. */
export type TimeIntent = 'until' | 'ago' | 'since' | 'next' | 'last';

/** What a question asks for, beside its subject words. */
export interface QuestionShape {
  /**
   * The answer must hold a figure ("how many"), a date ("when"), a name ("who", "which country"), a person
   * ("who is the commander", a role), a place ("where") or a reason ("why").
   */
  wants: 'figure' | 'date' | 'name' | 'person' | 'place' | 'reason' | null;
  /** The role a "who is the ..." question asks about ("commander"): the answer must name a person holding it. */
  role?: string;
  /** What the role is of ("haiti" in "who is the president of Haiti" or "who is Haiti's president"): the answer names it beside the role. */
  roleOf?: string;
  /** The noun naming the kind of name asked for ("which town", "which official"): the answer holds a name of that kind, not the word. */
  kind?: string;
  /** The noun a "what is the <noun> of ..." question asks for ("the capital of France"): the answer must speak of it. */
  asksFor?: string;
  /** It asks "how long" (not "how long ago" or "how long until", which the timeline answers): the figure must be a span of time. */
  duration?: boolean;
  /** The words of what a "how many ..." question counts ("armored personnel carriers"): the figure must stand beside it. */
  counted?: string[];
  /** It asks for a whole number ("how many ... in total"): a share ("half of them") is no answer. */
  total?: boolean;
  /** A "how many" question asks what happened to them ("how many officers were killed"): a verb in the past follows. */
  happened?: boolean;
  time: TimeIntent | null;
  /** Only milestones will do ("the next milestone", "the next deadline"). */
  milestone: boolean;
  /** The question points back to the thread ("how many of THEM"). */
  refersBack: boolean;
  /** It asks what will happen ("when will ...", "who is going to ..."). */
  future: boolean;
  /** It sets two things side by side ("planned vs actual strength", "how does X differ from Y"). */
  compares: boolean;
  /** It asks what a name is, and nothing else ("what is the HNP", "what's BINUH"). */
  definition: boolean;
}

const TIME_PATTERNS: ReadonlyArray<[TimeIntent, RegExp]> = [
  ['until', /\bhow (long|soon|much time|many (days|weeks|months|years))\b.*\b(until|till|til|before|left|to go|remain|remaining)\b/],
  ['until', /\b(days|weeks|months|time) (left|remaining|to go)\b/],
  ['until', /\bhow soon\b/],
  ['ago', /\bhow (long|many (days|weeks|months|years)) ago\b/],
  ['ago', /\bhow long since\b/],
  ['since', /\bhow long (has|have|had)\b/],
  ['next', /\bwhat(s| is|'s)? (coming )?(up )?next\b/],
  ['next', /\bwhat (comes|happens) next\b/],
  ['next', /\b(next|upcoming) (milestone|deadline|key date|date|event|meeting|decision)s?\b/],
  ['next', /\bcoming up\b/],
  ['next', /\bwhen(?:'s|s| is| will be)? the next( one)?\??$/],
  ['next', /\bwhat('s|s| is)? (ahead|upcoming)\b/],
  ['last', /\bwhat (happened|changed) (last|most recently|recently|lately)\b/],
  ['last', /\b(latest|most recent|newest|last) (event|development|news|update|thing)s?\b/],
  ['last', /\bwhat('s|s| is| was)? (the )?(latest|newest|most recent)\b/],
];

/** Words that only say which way in time a question looks; they are not its subject. */
export const TIME_WORDS = new Set(
  'long soon time until till til before left go remain remaining ago since next upcoming coming up ahead last latest newest recent recently lately most milestone milestones deadline deadlines key date dates event events step steps day days week weeks month months year years happened changed comes happens'.split(' '),
);

/** In a "when" question, words that say which time of several is asked ("when were they last there"), not what about. */
export const RECENCY_WORDS = new Set(['last', 'latest', 'lately', 'recently', 'newest']);

/**
 * A question of several sentences is asked by one of them: the last that ends in a question mark, else the
 * last. The others are its premise ("Kenya said it could stay on."), searched at half weight and not counted in
 * what an answer must hold, unless the asking sentence points back to them ("Is that accurate?").
 */
export function askingSentence(question: string): { asking: string; premise: string | null } {
  // "Quick one: who is ...": what opens a question before a colon is a sentence of its own; "too many ... what?": a gap before a lowercase word is not.
  const sentences = question.replace(/(?:\.{2,}|…)(?=\s+\p{Ll})/gu, ' ').match(/[^.?!:]+(?:[.?!:]+(?=\s|$)|$)/g)?.map((x) => x.trim()).filter((x) => /\p{L}/u.test(x)) ?? [];
  if (sentences.length < 2) return { asking: question, premise: null };
  const at = sentences.map((x) => x.endsWith('?')).lastIndexOf(true);
  const i = at >= 0 ? at : sentences.length - 1;
  const asking = sentences[i]!;
  if (questionShape(asking).refersBack) return { asking: question, premise: null };
  return { asking, premise: sentences.filter((_, k) => k !== i).join(' ') };
}

/**
 * "How long", "how far": the words only ask for a figure; they are not the subject; "how bad", "how serious":
 * how things stand. "Right now" is "now". Nor is "the sources" (or "your documents") that a question asks the
 * bot about: "is that what the sources say?". "Do the sources agree" asks whether they disagree.
 * "End up" only says how things turned out ("how did Kenya end up leading"): it asks about no end. Nor is who wants
 * to know ("my editor wants to know whether"), nor "right" in "is the Nation right about ...", nor "say" in "what did
 * China say about ...": it asks for China's position, not for a statement that "says". "So far", "to date", "since the
 * deployment started": until now; "based on the sources": where to look.
 */
export function withoutFraming(question: string): string {
  // "Do the sources agree on ...?" asks whether they disagree: what they disagree on is filed so.
  return question
    .replace(REQUEST, '')
    .replace(/\b(do|does|did) ((?:the |these |your )?(?:sources|documents|articles|reports|outlets)) (agree|concur)\b/gi, '$1 $2 disagree')
    // "Do the Nation and Peoples Dispatch agree on ...", not "did Kenya and the US agree to ...".
    .replace(/\b(do|does|did) ([^?]{1,40}? and [^?]{1,40}?) (agree|concur)(?= (?:on|about|over|that|whether)\b|\s*\??$)/gi, '$1 $2 disagree')
    .replace(/\b(right|correct) (about|on|to say)\b/gi, '$2')
    // "per the Global Daily piece" says whose account, as "according to" does ("per year" is a rate).
    .replace(/\bper (?=(?:the|its|their|his|her) )/gi, 'according to ')
    // "What does HNP stand for", "what is HNP short for": what the name is.
    .replace(/\bwhat(?:'s| is| does| do) ([^?]{1,40}?) (?:stand|short) for\b/gi, 'what is $1')
    // "Which three countries ...": how many the answer names is not a word it holds.
    .replace(/\b(which|what) (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?=\p{L})/giu, '$1 ')
    .replace(/\b(what (?:did|does|do|has|have) [^?]{1,40}?) (?:say|said|think|thought) (about|on|of)\b/gi, '$1 $2')
    .replace(/\bhow (long|far|soon|bad|serious|severe|dire)\b/gi, 'how')
    .replace(/\bwhat (?:role|part) (does|did|do|will|would|could|might) ([^?]{1,40}?) (?:play|have)\b/gi, 'what $1 $2 do') // "what role does Panama play": what it does
    // "What share of the carriers": like "how many", the words ask for a figure.
    .replace(/\b(what|which) (?:percentage|percent|share|proportion|fraction|number) of\b/gi, '$1')
    .replace(/\bright now\b/gi, 'now')
    .replace(/\b(so far|thus far|to date|up to now|until now)\b/gi, ' ')
    .replace(/\bsince (?:the |its |their |it |they )?(?:[\p{L}-]+ )?(?:started|began|begun|start|began work|got there|arrived)\b/giu, ' ')
    .replace(/\b(end|ends|ended|ending) up\b/gi, ' ')
    .replace(/\b(?:based on|according to|per|from) (?:the|your|these) (?:sources|documents|articles|reports)\b/gi, ' ')
    .replace(/\b(the|your|these|its|their) (sources|documents|articles|reports)( (say|said|says|show|tell|report))?\b/gi, ' ');
}

/** Who wants the answer, or how, opening a question: "my editor wants to know whether ...", "for a briefing I need ...", "in plain terms, ...". */
const REQUEST = /^[^?]{0,60}?\b(?:wants? to know|needs? to know|like to know|asked me|wondering|tell me|remind me|find out|i need|we need|in plain terms|in short|in a nutshell|for context|quick question|out of curiosity|trying to understand|help me understand|want to understand)\b[,:]?\s*(?:whether|if|about)?\s*/i;

/** What each of a noun's commonest senses names (a WordNet reading), to tell a role ("commander") or a kind of name ("country"). */
export type NounKinds = (word: string) => readonly ('person' | 'place' | 'group' | null)[];

/** A verb naming a post ("commands", "heads"), and what it is over: "who heads BINUH" asks for BINUH's head. */
const ROLE_VERB = /\bwho (?:(?:would|will|could|should|might|is to|was to) )?(commands?|commanded|heads?|headed|chairs?|chaired|directs?|directed|leads?|led|runs?|ran|(?:is|was|are|were|will be) in charge of)\s+(?:the |a |an |its |their |that |this )?([\p{L}\p{N}-]+)/u;

/** "What is the HNP", "what's BINUH", "what does HNP stand for": a question asking only what a name is. */
const DEFINITION = /^(?:and |so |but )?(?:what(?:'s|s| is| are| was| were) (?:the |an? )?(?:[\p{L}\p{N}'-]+ ?){1,4}(?: short for)?|what (?:does|do) (?:the )?(?:[\p{L}\p{N}'-]+ ?){1,4} stand for)\s*\??$/u;

/** A question opening with another question word: a "when" in it joins a clause ("what did the US say when it thanked Kenya"). */
const OTHER_WH = /^(?:and |so |but )?(?:what|who|whom|whose|how|why|which|where)\b/;

/** "What is the GSF's budget", "what was the cost of ...", "what would the office cost": a sum of money is asked, as by "how much". */
const SUM_ASKED = /\bwhat(?:'s| is| was| are| were| will be| would be) (?:the |its |their |his |her )?(?:[\p{L}-]+'s )?(?:annual |yearly |total |overall )?(?:budget|cost|costs|price|salary|salaries)\b|\bwhat (?:would|will|does|did|do|might|could) (?:[\p{L}-]+ ){1,4}cost\b/u;

/** Which of two is bigger ("which is bigger, the GSF or the MSS"): a comparison of sizes. */
const SIZE_WORDS = /\b(bigger|larger|smaller)\b/;

/** Words that end the noun phrase after "who is the" or "which": a preposition, a relative word, a verb. */
const PHRASE_END = new Set('of in for at on behind from to with by about that who which whose is was are were did does do has have had will would can could should may might must'.split(' '));

/** A regular past ("signed"; "died", short, when WordNet knows no noun of that spelling, unlike "need"). */
const pastEd = (w: string, nounKinds?: NounKinds): boolean => /^\p{L}{3,}ed$/u.test(w) || (/^\p{L}{2}ed$/u.test(w) && nounKinds !== undefined && nounKinds(w).length === 0);

/** Whether a word is an irregular form of a verb ("sent", "took"): WordNet's exceptions. */
export type VerbForm = (word: string) => boolean;

/** The noun a phrase is about (its last word before a preposition or a verb that WordNet knows as a noun), and the word ending it. */
function headNoun(words: readonly string[], nounKinds: NounKinds, verbForm: VerbForm): { noun: string | undefined; end: string | undefined } {
  // A past tense ("signed", "documented": a noun's word plus -ed; "sent", an irregular one) ends the phrase as a verb does.
  const past = (w: string): boolean => verbForm(w) || (w.length > 4 && w.endsWith('ed') && [w.slice(0, -2), w.slice(0, -1)].some((stem) => nounKinds(stem).length > 0));
  // So does a word before an article ("which country leads the mission", "which nation supplied most of them").
  const end = words.findIndex((w, i) => PHRASE_END.has(w) || (i > 0 && (past(w) || /^(the|a|an|its|their|his|her|most|some|all)$/.test(words[i + 1] ?? ''))));
  const phrase = end < 0 ? words : words.slice(0, end);
  // The last word WordNet knows as a noun, with the word before it when the two are one of its nouns ("think tank").
  let at = phrase.length - 1;
  while (at >= 0 && nounKinds(phrase[at]!).length === 0) at--;
  const pair = at > 0 ? `${phrase[at - 1]} ${phrase[at]}` : '';
  const noun = pair && nounKinds(pair).length > 0 ? pair : phrase[at];
  return { noun, end: end < 0 ? undefined : words[end] };
}

/**
 * Reads what a question asks for from its words. With WordNet's noun kinds, "who is the <role>" asks for a
 * person (a commander, a head, a spokesperson), and "which <noun>" asks for a name when the noun is first a
 * person, a place or a group ("which country", "which officials").
 */
export function questionShape(question: string, nounKinds?: NounKinds, verbForm: VerbForm = () => false): QuestionShape {
  const q = question.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\u2018\u2019]/g, "'").toLowerCase();
  // "How many weeks before the vote did he write" asks the gap between two past events, not the time left until one.
  const found = TIME_PATTERNS.find(([, re]) => re.test(q))?.[0] ?? null;
  const time = found === 'until' && /\bbefore\b.*\b(did|was|were|had)\b/.test(q) ? null : found;
  const wants = /\bhow (many|much|big|large|long|far)\b|\bwhat (number|percentage|percent|share|proportion|size|amount|figure|sum)\b/.test(q) || (SIZE_WORDS.test(q) && /\b(than|or)\b/.test(q)) || SUM_ASKED.test(q)
    ? 'figure'
    : (/\bwhen\b/.test(q) && !OTHER_WH.test(q)) || /\b(what|which) (date|year|day|month)\b|\bsince when\b/.test(q)
      ? 'date'
      : /^(and |so |but )?(who|whom|whose)\b|\bwho (is|are|was|were|pays|paid|leads|led|proposed|wrote|opposes|opposed)\b/.test(q)
        ? 'name'
        : /\bwhy\b|\bwhat (was|is|were|are) the reasons?\b|\bfor what reason\b|\bhow come\b|\bwhat (?:was|were|is|are) [\w' -]{2,40}? (?:meant|intended|designed|set up|supposed|authori[sz]ed|mandated|tasked|created|established|deployed|sent) to (?:do|achieve|accomplish)\b/.test(q)
          ? 'reason'
          : /^(and |so |but )?where\b|\bwhere (is|are|was|were|did|do|does|will|exactly)\b/.test(q)
            ? 'place'
            : null;
  const words = q.split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/'s$/, ''));
  const many = /\bhow many\s+/.exec(q);
  const counted = many ? q.slice(many.index + many[0].length).split(/[^\p{L}\p{N}'-]+/u) : [];
  const end = counted.findIndex((w) => PHRASE_END.has(w) || w === '');
  return {
    ...(nounKinds ? typed(wants, q, nounKinds, verbForm) : { wants }),
    ...(end !== 0 && many ? { counted: end < 0 ? counted : counted.slice(0, end) } : {}),
    ...(counted.some((w) => !PHRASE_END.has(w) && !/^be(en|ing)$/.test(w) && (verbForm(w) || pastEd(w, nounKinds))) ? { happened: true } : {}),
    ...(/\bhow long\b/.test(q) && time === null ? { duration: true } : {}),
    ...(many && /\b(total|altogether|all told)\b/.test(q) ? { total: true } : {}),
    ...otherTraits(q, words, time),
  };
}

function typed(wants: QuestionShape['wants'], q: string, nounKinds: NounKinds, verbForm: VerbForm): Pick<QuestionShape, 'wants' | 'role' | 'roleOf' | 'kind' | 'asksFor'> {
  const after = (re: RegExp): string[] => {
    const m = re.exec(q);
    return m ? q.slice(m.index + m[0].length).split(/[^\p{L}\p{N}'-]+/u).filter((w) => w !== '').map((w) => w.replace(/'s$/, '')) : [];
  };
  if (wants === 'name') {
    // "Who commands the GSF" asks who the commander of the GSF is: a person named with that role.
    const verb = ROLE_VERB.exec(q);
    if (verb?.[1] && verb[2]) return { wants: 'person', role: verb[1].endsWith(' of') ? 'charge' : verb[1], roleOf: verb[2] };
    const { noun, end } = headNoun(after(/\bwho(?:'s| is| was| are| were)\s+(?:the |a |an |their |its )?/), nounKinds, verbForm);
    // "Who is Kimutai": no noun WordNet knows, so a name; who they are is what the sources say of them.
    if (!noun && /^(?:and |so |but )?who(?:'s| is| was) (?!(?:the|a|an|in|on|at|to|it|this|that|there|he|she|him|her|they|you|we)\b)(?:[\p{L}.'-]+ ?){1,3}\??$/u.test(q) && !/ing\b/.test(q)) return { wants: null };
    if (!noun || !nounKinds(noun).includes('person')) return { wants };
    // "the official who thanked Kenya" names the person by what they did, not by the role alone.
    if (end === 'that' || end === 'who') return { wants: 'person' };
    // What the role is of: "the president of Haiti", "the ambassador to the UN", "the spokesperson for the MSS", or "Haiti's president".
    const of = (end === 'of' || end === 'to' || end === 'for' || end === 'at' ? new RegExp(`\\b${noun} ${end} (?:the |a |an |its |their )?([\\p{L}\\p{N}-]+)`, 'u') : new RegExp(`\\b([\\p{L}\\p{N}-]+)'s ${noun}\\b`, 'u')).exec(q)?.[1];
    return { wants: 'person', role: noun, ...(of ? { roleOf: of } : {}) };
  }
  if (wants !== null) return { wants };
  if (/\bwhat(?:'?s| is| was| are| were)? (?:the |his |her |their |its )?names?\b|\bwhose\b/.test(q)) {
    // "the name of the UN office that ...": a name of an office; "the name of the prime minister": a person in that role.
    const { noun, end } = headNoun(after(/\bnames? of (?:the |a |an |that |this )?/), nounKinds, verbForm);
    const kinds = noun ? nounKinds(noun) : [];
    // As for "who is the ...": "the officer who was killed" names the person by what befell them, not by the role alone.
    if (noun && kinds[0] === 'person') return end === 'that' || end === 'who' ? { wants: 'person' } : { wants: 'person', role: noun };
    return noun && kinds.some((k) => k !== null) ? { wants: 'name', kind: noun } : { wants: 'name' };
  }
  // "which country ...", or a question opening "what country ..." ("how did X describe what the officers need" asks no name).
  const { noun } = headNoun(after(/(?:\bwhich|^(?:and |so |but )?what)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?/), nounKinds, verbForm);
  // "Which town" asks for a place; "which country", "which official" or "which newspaper" for a name.
  const first = noun ? nounKinds(noun)[0] : null;
  if (first) return { wants: first === 'place' ? 'place' : 'name', kind: noun };
  // "What is the capital of France": a statement about France alone does not say.
  const of = /\bwhat(?:'?s| is| was| are| were) (?:the |his |her |their |its )?([\p{L}-]+) of\b/u.exec(q);
  return of?.[1] ? { wants: null, asksFor: of[1] } : { wants: null };
}

function otherTraits(q: string, words: readonly string[], time: TimeIntent | null): Omit<QuestionShape, 'wants'> {
  const refersBack = words.some((w) => PRONOUNS.has(w)) || /\bwhich one\b/.test(q);
  return {
    time,
    milestone: /\b(milestone|deadline)s?\b/.test(q),
    refersBack,
    future: /\b(will|going to|gonna)\b|'ll\b/.test(q),
    definition: time === null && DEFINITION.test(q), // "what's the latest on the MSS" asks a time, not what the MSS is
    compares: /\b(vs\.?|versus|compared?|comparison|differ|differs|difference|different from|more or less|(?<!rather )than)\b/.test(q) || (SIZE_WORDS.test(q) && /\bor\b/.test(q)),
  };
}
