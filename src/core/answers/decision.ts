import type { Candidate } from './candidates.js';
import type { NounKinds, QuestionShape } from './question.js';
import type { Statement } from './statements.js';
import type { Lexicon } from './wordnet.js';
import { memo, normalise, RELATED_WEIGHT, type TermPipeline, type Unit } from './terms.js';

/** What a question already says: its terms, and the names it writes as names (not a role: "spokesperson"). */
export interface Asked {
  terms: ReadonlySet<string>;
  /** Every term (own and synonyms') of what a "how many" question counts, to find a figure beside it. */
  counted: ReadonlySet<string>;
  names: ReadonlySet<string>;
  /** The terms of the role a "who is the ..." question asks about: its own and its synonyms' ("leader": "lead"), not WordNet's. */
  roles?: readonly string[] | undefined;
  /** The terms of what that role is of ("who is the president of Haiti"). */
  roleOf?: readonly string[] | undefined;
  /** It speaks of money ("paid", "cost", "funding"): its figure must be a sum of money. */
  money: boolean;
  /** It asks how many something happened to ("were killed"): a person named counts one. */
  happened: boolean;
  /** It asks how many in all ("in total"): a share is no answer. */
  total: boolean;
  /** The terms (its own and its synonyms') of the noun a "what is the <noun> of" question asks for. */
  asksFor?: readonly string[] | undefined;
}

/** What a question says, read from its own units and what its thread adds. */
export function askedBy(units: readonly Unit[], shape: Pick<QuestionShape, 'role' | 'roleOf' | 'counted' | 'asksFor' | 'happened' | 'total'> = {}): Asked {
  const { role, roleOf, counted = [], asksFor, happened = false, total = false } = shape;
  // The unit a word of the question's shape stands in ("president", or "gang" in "gang suppression force").
  const unitOf = (word: string | undefined, other?: Unit): Unit | undefined => (word ? units.find((u) => u !== other && u.raw.toLowerCase().split(' ').includes(word)) : undefined);
  const roleUnit = unitOf(role);
  const roleOfUnit = unitOf(roleOf, roleUnit);
  const asksForUnit = unitOf(asksFor);
  return {
    terms: new Set(units.map((u) => u.terms[0]!.term)),
    counted: new Set(units.filter((u) => !u.name && u.raw.toLowerCase().split(' ').some((w) => counted.includes(w))).flatMap((u) => u.terms.map((t) => t.term))),
    names: new Set(units.filter((u) => /^\p{Lu}/u.test(u.raw)).map((u) => u.terms[0]!.term)),
    roles: roleUnit?.terms.filter((t) => t.weight > RELATED_WEIGHT).map((t) => t.term),
    roleOf: roleOfUnit?.terms.map((t) => t.term),
    money: units.some((u) => u.money === true),
    happened,
    total,
    asksFor: asksForUnit?.terms.map((t) => t.term),
  };
}

interface Name {
  raw: string;
  term: string;
  person: boolean;
}

/** A word of capitals only ("IPI", "MSS"): an acronym, no person's and no place's name. */
const isAcronym = (word: string): boolean => /^\p{Lu}+$/u.test(word);

/** The share of a question's informative weight a statement (with its asks) must hold to answer it: 0.75, and 0.05 less for each word past five, down to 0.60 (a long question says more than any one statement; chosen on the reader sets). */
export const neededCoverage = (words: number): number => 0.75 - Math.min(0.15, 0.05 * Math.max(0, words - 5));

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE = new RegExp(`\\b${MONTH}\\b|\\b(19|20)\\d\\d\\b`);
/** What is left of a text without its dates ("25 June 2024", "June 25", "2025") holds a figure when it holds a number or a word of quantity. */
const DATES = new RegExp(`\\b\\d{1,2}\\s+${MONTH}|${MONTH}\\s+\\d{1,2}\\b|\\b(19|20)\\d\\d\\b`, 'g');
/** A resolution's number names it: it is no figure. */
const NUMBERED = /\bresolutions? \d+/gi;
/** A span of time: "12 months", "a 12-month authorization", "a year" (number words are digits by then), "from 2004 to 2017". */
const DURATION = /\b(\d+|a|one|half a)[\s-]*(day|week|month|year)s?\b|\b(19|20)\d\d\s*(-|–|to|until)\s*(19|20)\d\d\b/i;
/** A sum of money: "$600 million", "110 million dollars", "US$40.7m". */
const MONEY = /[$€£]\s?\d|\b\d[\d,.]*\s*(?:m|bn|million|billion)?\s*(?:dollars|usd|euros?)\b/i;
/** How many words (stop words aside) apart two words may stand and still be beside each other: a figure and what it counts, a role and what it is of. */
const BESIDE = 3;
const FIGURE = /\d|%|\b(half|majority|most|dozens?|hundreds|thousands|millions|percent|twice|double|several|few|handful|none)\b/i;
/** A share ("half", "most", "40%"): it says how large a part is, not how many there are in all. */
const SHARE = /%|\b(half|majority|most|percent|share|third|quarter)\b/i;
/** "Most" and "the majority" say how large a share is, but give no count: they answer no "how many". */
const VAGUE = /\b(majority|most)\b/gi;
/** A statement about what was to come: a plan, an expectation or a possibility. */
const FUTURE = /\b(will|would|expect\w*|plan\w*|envisag\w*|envision\w*|intend\w*|set to|scheduled|due|may|might|could|likely|unlikely|next|upcoming)\b/i;
/**
 * What gives a reason: a cause, a purpose ("to safeguard"), a motive, an argument, what a feeling was about
 * ("disappointed that"), or a consequence ("leaving a power vacuum", or told in a relative clause: "the main
 * funder, which gives Washington sway"); not "since 1965", a time, nor "Citing X" opening a statement, a source.
 */
const REASON = /\b(because|due to|owing to|reasons?|caus\w*|so that|in order to|aim\w* to|motiv\w*|since(?!\s+(?:\d|(?:january|february|march|april|may|june|july|august|september|october|november|december|then|the (?:start|beginning|outset))\b))|as a result|(?<!^)citing|concerns?|fears?|argu\w*|links?|linked|to (avoid|prevent|secure|ensure|protect|safeguard|guard|help|allow|enable)|leaving|led to|result(?:ed|s|ing)? in|hasten\w*|which (?:[\w']+ ){0,3}?(gives|means|makes|allows|leaves|explains)|explain\w*|rooted in|stems? from|thanks to|driven by|hence|therefore|in response to|in a bid to|(?:disappointed|frustrated|worried|angered|upset|pleased|satisfied) (?:that|by|at|it|they|he|she))\b/i;

/** A curated question asking who holds a role ("Who is the author of ...?"). */
const ASKS_WHO = /^\s*who(?:'s|\s+is|\s+was|\s+are|\s+were)\b/i;
/** A curated question asking why, or what for ("What was the MSS set up to do?", not "was it meant to be temporary?"): its statement gives a reason. */
const ASKS_WHY = /\b(why|reasons?|purposes?|goals?|aims?|motiv\w*)\b|\bwhat\b.*\b(?:meant|intended|designed|set up|supposed) to (?:do|achieve)\b/i;

/**
 * Which statements define a name as the question writes it: they write the name beside its other form
 * ("Haitian National Police (HNP)") or say what it is ("BINUH is the UN political office", "BINUH, the ...").
 */
export function definitionOf(name: string): (s: Statement) => boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`\\(${n}\\)|\\b${n} \\(|\\b${n},? (?:is|was|are|were|stands for|means)\\b|\\b${n}, (?:the|a|an)\\b`, 'i');
  return (s) => pattern.test(s.fields.text);
}

/** What a statement itself says (a passage's extract, not its publisher's line): its label and text. */
const shownText = (s: Statement): string => `${s.label ?? ''} ${s.fields.text}`;

/**
 * The one answerability rule: a statement answers when it holds enough of the question's informative
 * content and holds the one thing the question asks for: a figure beside what "how many" counts (a span of
 * time for "how long"), a date for "when", a place for "where" (Haiti, the setting, only when no statement names
 * another), a name the question does not already use (nor Haiti) for "who", and of the kind asked for "which
 * country", a person named with the very role for "who is the <role>" (beside what it is of), the noun asked for
 * in "what is the <noun> of", a reason for "why"; and a question about what will happen only when it speaks of
 * what was to come, or is a milestone (the sources end; they cannot say what happened after).
 */
export class Decision {
  private readonly names = new Map<string, Name[]>();
  /** Each statement's figures (its dates and resolution numbers aside): whether it has one, and where they and its words stand. */
  private readonly figures = new Map<string, { any: boolean; counts: boolean; at: number[]; whole: number[]; words: string[][]; one: number[] }>();
  private readonly places = new Map<string, { term: string; named: boolean }[]>();
  /** Each statement's units, as shown (its label and text), read once. */
  private readonly shownUnits = new Map<string, Unit[]>();

  /**
   * With a lexicon (WordNet), a common English word ("President") is told from a name ("Kaetuai"), a place's word
   * ("town") answers "where", and "Kenya" is a country's name, not a gang's; without one, every capitalised word is a name.
   */
  constructor(
    private readonly pipeline: TermPipeline,
    /** Whether a term is the setting of most statements ("Haiti"): a place every answer names tells no one where. */
    private readonly setting: (term: string) => boolean = () => false,
    private readonly lexicon?: Lexicon,
  ) {}

  private readonly isWord = (word: string): boolean => (this.lexicon?.senses(word) ?? 0) > 0;
  private readonly nounKinds: NounKinds = (word) => this.lexicon?.nounKind(word) ?? [];

  /** With `settingPlace`, Haiti, the setting, answers "where" too (when no statement names another place). */
  answers(c: Candidate, shape: QuestionShape, asked: Asked, minCoverage = neededCoverage(0), settingPlace = false): boolean {
    const s = c.statement;
    const ahead = !shape.future || s.says === 'forecast' || s.event?.milestone === true || FUTURE.test(s.fields.text);
    // A role is held under its own word or a synonym of synonyms.yaml ("leader": "lead"), not a WordNet relation: a statement about who leads is not one about a commander.
    const role = shape.wants !== 'person' || asked.roles === undefined || (asked.roles.some((t) => c.terms.has(t)) && this.roleBeside(s, asked));
    // "What is the capital of France" is answered by a statement about a capital, not by one about France alone.
    const asksFor = asked.asksFor === undefined || asked.asksFor.some((t) => c.terms.has(t));
    return c.coverage >= minCoverage - 1e-9 && ahead && role && asksFor && this.holds(s, shape, asked, settingPlace);
  }

  private holds(s: Statement, shape: QuestionShape, asked: Asked, settingPlace: boolean): boolean {
    const shown = shownText(s);
    switch (shape.wants) {
      case 'figure':
        return shape.duration ? DURATION.test(normalise(shown)) : this.figureBeside(s.id, shown, asked);
      case 'place':
        // "Which town" asks for a town's name; "where" may be answered "around the capital".
        return this.placesIn(s.id, shown).some((p) => !asked.terms.has(p.term) && (settingPlace || !this.setting(p.term)) && (p.named || !shape.kind));
      case 'date':
        return s.kind === 'event' || DATE.test(shown);
      case 'name':
        // Haiti, which most statements name, says no more who did something than where it was.
        return this.namesIn(s).some((n) => !asked.terms.has(n.term) && !this.setting(n.term) && this.ofKind(n.raw, shape.kind));
      case 'person': {
        const named = this.namesIn(s).filter((n) => !asked.names.has(n.term));
        if (named.some((n) => n.person)) return true;
        // "Who is the biggest donor": a country or a body named just before the role answers too ("the US, Haiti's biggest
        // donor"), unless the question names it or it owns the role ("BINUH's head" does not say who heads BINUH, or the MSS).
        if (asked.roles === undefined) return false;
        const roles = this.positions(s.id, shown, (terms) => terms.some((t) => asked.roles!.includes(t)));
        const owners = new Set(this.unitsShown(s.id, shown).filter((u) => shown.includes(`${u.raw}'s`)).map((u) => u.terms[0]!.term));
        return named.some((n) => !this.setting(n.term) && !asked.terms.has(n.term) && !owners.has(n.term) && this.positions(s.id, shown, (terms) => terms.includes(n.term)).some((i) => roles.some((r) => r > i && r - i <= BESIDE)));
      }
      case 'reason':
        return ASKS_WHY.test(s.fields.asks) || REASON.test(s.text);
      default:
        return true;
    }
  }

  /**
   * The role stands beside what it is of: "Haiti's president" or "the MSS commander", not "Kenyan President Ruto ...
   * in Haiti"; in what the statement shows, or in one of its curated questions asking who holds it ("Who is the author
   * of the IPI analysis?", not "when was Haiti's president killed").
   */
  private roleBeside(s: Statement, asked: Asked): boolean {
    const of = asked.roleOf;
    if (!of || asked.roles === undefined) return true;
    const beside = (key: string, text: string): boolean => {
      const roles = this.positions(key, text, (terms) => terms.some((t) => asked.roles!.includes(t)));
      return roles.length > 0 && this.positions(key, text, (terms) => terms.some((t) => of.includes(t))).some((i) => roles.some((r) => Math.abs(i - r) <= BESIDE));
    };
    return beside(s.id, shownText(s)) || s.fields.asks.split('\n').some((a, k) => ASKS_WHO.test(a) && beside(`${s.id}\n${k}`, a));
  }

  /** Where, among the words of a statement's text (its label and text, or one of its asks), stand those whose terms pass `has`. */
  private positions(key: string, text: string, has: (terms: string[]) => boolean): number[] {
    return this.unitsShown(key, text).flatMap((u, i) => (has(u.terms.map((t) => t.term)) ? [i] : []));
  }

  /** A figure (not a date, not a resolution's number), beside what a "how many" question counts: "500 inmates" does not say how many people were killed. */
  private figureBeside(id: string, shown: string, asked: Asked): boolean {
    const figures = memo(this.figures, id, () => {
      const blanked = normalise(shown).replace(DATES, ' ').replace(NUMBERED, ' ');
      const units = this.pipeline.units(blanked);
      return {
        any: FIGURE.test(blanked),
        counts: FIGURE.test(blanked.replace(VAGUE, ' ')),
        at: units.flatMap((u, i) => (FIGURE.test(u.raw) ? [i] : [])),
        whole: units.flatMap((u, i) => (FIGURE.test(u.raw) && !SHARE.test(u.raw) ? [i] : [])),
        // A name ("Peoples Dispatch") is not what is counted ("people"), nor a word of a longer one ("armored personnel carriers").
        words: units.map((u) => (/^\p{Lu}/u.test(u.raw) ? [] : u.phrase ? [u.terms[0]!.term] : u.terms.map((t) => t.term))),
        // "Kenyan officer Samuel Kaetuai was killed": a person named beside a word in the singular counts one.
        one: units.flatMap((u, i) => (units[i + 1]?.person && !/s$/i.test(u.raw) ? [i] : [])),
      };
    });
    const counted = (i: number): boolean => figures.words[i]!.some((t) => asked.counted.has(t));
    if (asked.happened && !asked.money && figures.one.some(counted)) return true;
    if (!figures.any || (asked.total && figures.whole.length === 0)) return false;
    if (asked.money && !MONEY.test(shown)) return false;
    if (asked.counted.size === 0) return true;
    // "How many personnel": "most of the personnel" is a share, no count.
    if (!figures.counts) return false;
    const near = figures.words.flatMap((_, i) => (counted(i) ? [i] : []));
    return (asked.total ? figures.whole : figures.at).some((f) => near.some((n) => Math.abs(f - n) <= BESIDE));
  }

  /**
   * Whether a name may be one of the kind a "which <kind>" question asks for: WordNet files it under a kind the
   * noun has ("Kenya", a place, for "which country"; not for "which gang"), or does not know it ("Crisis Group"),
   * and it is no acronym when a place is asked for ("IPI" names no country).
   */
  private ofKind(name: string, kind: string | undefined): boolean {
    if (kind === undefined) return true;
    const wanted = new Set(this.nounKinds(kind).filter((k) => k !== null));
    const own = this.nounKinds(name);
    if (own.length === 0) return !(wanted.has('place') && isAcronym(name));
    return own.some((k) => k !== null && wanted.has(k));
  }

  private unitsShown(id: string, shown: string): Unit[] {
    return memo(this.shownUnits, id, () => this.pipeline.units(shown));
  }

  /** The places a statement names: one WordNet knows as a place ("Kenya", "capital"; a common word only when mostly a noun), or a capitalised word, no acronym, that neither it nor synonyms.yaml knows ("Mirebalais"). */
  private placesIn(id: string, shown: string): { term: string; named: boolean }[] {
    return memo(this.places, id, () =>
      this.unitsShown(id, shown)
        .filter((u) => (this.nounKinds(u.raw)[0] === 'place' && (/^\p{Lu}/u.test(u.raw) || (this.lexicon?.noun(u.raw) ?? true))) || (!u.name && !u.phrase && /^\p{Lu}/u.test(u.raw) && !isAcronym(u.raw) && !this.isWord(u.raw)))
        .map((u) => ({ term: u.terms[0]!.term, named: /^\p{Lu}/u.test(u.raw) })),
    );
  }

  /**
   * The names a statement uses: names of synonyms.yaml and capitalised words that are no common word. A
   * person's is one of a group of kind person, or a capitalised word no group holds and no acronym ("Kanja").
   */
  private namesIn(s: Statement): Name[] {
    return memo(this.names, s.id, () =>
      this.pipeline
        .units(s.text)
        .filter((u) => u.name || (/^\p{Lu}/u.test(u.raw) && !this.isWord(u.raw)))
        .map((u) => ({ raw: u.raw, term: u.terms[0]!.term, person: u.person || (!u.name && !isAcronym(u.raw)) })),
    );
  }
}
