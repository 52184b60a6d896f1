import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/core/answers/answer-engine.js';
import { TermPipeline } from '../../src/core/answers/terms.js';
import { decodeAnswerId, encodeAnswerId, FocusCache, parseThreadContext, threadContextFromText } from '../../src/core/answers/thread-focus.js';
import { BriefingEngine } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { ManualClock } from '../doubles/manual-clock.js';

const knowledge = shippedKnowledge();
const at = (iso: string): BriefingEngine => new BriefingEngine(knowledge, fixedClock(new Date(iso)));
const engine = at('2025-10-15T09:00:00Z');
const restsOn = (reply: Reply): string[] => (reply.context?.kind === 'answer' ? decodeAnswerId(reply.context.id) : []);
const claimTexts = (reply: Reply): string[] => reply.sections.flatMap((s) => s.claims.map((c) => c.text));

describe('answering a follow-up question', () => {
  it('answers from one to three statements, each citing only its own sources', async () => {
    const reply = await engine.answerText('who pays for it?', { thread: { kind: 'status' } });
    expect(reply).toMatchObject({ kind: 'ask', answered: true });
    const ids = restsOn(reply);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.length).toBeLessThanOrEqual(3);
    const statements = [...knowledge.facts, ...[...knowledge.briefs.values()].flatMap((b) => b.sections.flatMap((s) => s.claims)), ...knowledge.events];
    const allowed = new Set(ids.flatMap((id) => {
      const s = statements.find((x) => x.id === id)!;
      return [...s.cite, ...(s.disagreement?.cite ?? [])].map((c) => c.source);
    }));
    for (const c of reply.citations) expect(allowed).toContain(c.sourceId);
    expect(reply.asOf).not.toBeNull();
  });

  it('reads a question in its thread first: "it" under the status brief is the mission', async () => {
    const reply = await engine.answerText('who pays for it?', { thread: { kind: 'status' } });
    expect(reply.answered).toBe(true);
    expect(claimTexts(reply)[0]).toMatch(/committed more than \$600 million/);
  });

  it('reads a follow-up under an earlier answer in that answer, even in a new process', async () => {
    const first = await engine.answerText('what happened to benedict kabiru');
    expect(first.context).toMatchObject({ kind: 'answer' });
    const followUp = await engine.answerText('is he dead?', { thread: first.context! });
    // A fresh engine (a restart: no cache) decodes the same context from its id alone.
    const restarted = await at('2025-10-15T09:00:00Z').answerText('is he dead?', { thread: first.context! });
    expect(restsOn(restarted)).toEqual(restsOn(followUp));
    expect(claimTexts(followUp).join(' ')).toMatch(/Kabiru/);
  });

  it('refuses honestly, with no citations, suggesting commands, keeping the thread context', async () => {
    const reply = await engine.answerText('what is the population of haiti?', { thread: { kind: 'status' } });
    expect(reply).toMatchObject({ kind: 'ask', answered: false, citations: [], sections: [], suggestions: ['status', 'proposals', 'dates'] });
    expect(reply.intro?.[0]).toMatch(/don't cover that/);
    expect(reply.context).toEqual({ kind: 'status' });
  });

  it('refuses a question whose informative words no statement holds: a role the sources never name', async () => {
    expect((await engine.answerText('who is the prime minister of jamaica')).answered).toBe(false);
    expect((await engine.answerText('who is mudavadi')).answered).toBe(true);
  });

  it('answers "who is the <role>" only with a statement naming a person who holds that role, not one about who leads', async () => {
    // The sources say Kenya leads the mission; they name no head of the UN support office and no commander.
    expect((await engine.answerText('who is the head of the un support office in haiti')).answered).toBe(false);
    expect((await engine.answerText('who is the commander of the kenyan-led mission')).answered).toBe(false);
    const spokesperson = await engine.answerText('who is the mss spokesperson?');
    expect(claimTexts(spokesperson).join(' ')).toMatch(/Ombaka/);
    // A person named by what they did, not by the role alone.
    expect(claimTexts(await engine.answerText('who was the us official that thanked kenya')).join(' ')).toMatch(/Penland/);
  });

  it('answers "which <country, body or place>" only with a statement naming one the question does not', async () => {
    expect(claimTexts(await engine.answerText('which country leads the mss')).join(' ')).toMatch(/Kenya/);
    expect(claimTexts(await engine.answerText('which countries abstained on resolution 2793')).join(' ')).toMatch(/China|Russia|Pakistan/);
    // A name of another kind is no answer: Port-au-Prince is a place, not a gang, and the sources name no gang there.
    expect((await engine.answerText('which gang stormed the prison at mirebalais')).answered).toBe(false);
    // "The name of the <kind>" asks the same; "the name of the <role>", for a person in that role.
    expect((await engine.answerText('what is the name of the gang that stormed mirebalais')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('what is the name of the mss spokesperson')).join(' ')).toMatch(/Ombaka/);
  });

  it('does not look for the noun that names the kind of name asked ("which town"): the answer holds a town\'s name instead', async () => {
    expect(claimTexts(await engine.answerText('in which town did officer kabiru vanish')).join(' ')).toMatch(/Pont-Sonde/);
    // A kind of two words WordNet knows as one noun; the past tense ends the phrase like a verb.
    expect(claimTexts(await engine.answerText('which think tank detailed the equipment needs of the mss officers')).join(' ')).toMatch(/Crisis Group/);
    // The kind's word is still to be met: by the name of a place (no acronym, not Haiti, which most statements name).
    expect((await engine.answerText('in which town was the mss trust fund set up')).answered).toBe(false);
  });

  it('answers "what is the <noun> of ..." only with a statement that speaks of that noun', async () => {
    // France is in the sources (its indemnity of 1804); its capital is not.
    expect((await engine.answerText('what is the capital of france')).answered).toBe(false);
    expect((await engine.answerText('what was the title of the crisis group report')).answered).toBe(false);
    // The noun may be held under a synonym or beside the figure asked for.
    expect(claimTexts(await engine.answerText('what is the size of the gsf')).join(' ')).toMatch(/5,550/);
  });

  it('answers "how many" with a count beside what is counted: not "most of", nor a word inside another name', async () => {
    // "Most of the MSS personnel" gives no count; "armored personnel carriers" are no personnel.
    const texts = claimTexts(await engine.answerText('how many personnel now', { thread: { kind: 'status' } }));
    expect(texts[0]).toMatch(/1,000 personnel/);
    expect(texts.join(' ')).not.toMatch(/most of the MSS personnel|personnel carriers/);
  });

  it('reads the permanent members as a part of the Security Council, not as the Council', async () => {
    expect((await engine.answerText('who are the permanent members of the security council')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('do the permanent members oppose peacekeeping')).join(' ')).toMatch(/China and Russia/);
  });

  it('answers "how long" with a span of time, not with any figure', async () => {
    // The force's size (5,550) is a figure about the GSF too, but no span of time.
    const texts = claimTexts(await engine.answerText('how long will the gsf stay'));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join(' ')).not.toMatch(/5,550 personnel/);
    expect(texts[0]).toMatch(/twelve months|twelve-month/);
  });

  it('reads "told" as "said", and answers "who" with a name other than Haiti, which most statements name', async () => {
    const reply = await engine.answerText('who told the nation that kenya might stay past september');
    expect(claimTexts(reply)[0]).toMatch(/Mudavadi/);
  });

  it('reads "next steps" in a question about what someone said as its subject, not as a look at the timeline', async () => {
    const reply = await engine.answerText('what did mudavadi say about next steps for the mission');
    expect(claimTexts(reply).join(' ')).toMatch(/petition/);
  });

  it('answers "date of ..." as a question, not with the dates brief', async () => {
    const reply = await engine.answerText('date of the mirebalais prison attack?');
    expect(reply.kind).toBe('ask');
    expect(claimTexts(reply)[0]).toMatch(/31 March 2025/);
  });

  it('reads a question of several sentences by its asking one, the others as its premise', async () => {
    const reply = await engine.answerText('I read that Kenyan police deployed in 2024 and that funding was short all along. Which resolution replaced the MSS?');
    expect(claimTexts(reply).join(' ')).toMatch(/2793/);
    // A sentence pointing back ("is that correct?") is read with what it points back to.
    const checked = await engine.answerText('The Nation says the MSS mandate was due to expire in September 2025. Is that correct?');
    expect(claimTexts(checked).join(' ')).toMatch(/September|October/);
  });

  it('reads a gap to fill ("replaced by ... which force?") as part of the one question, not as the end of a sentence', async () => {
    expect(claimTexts(await engine.answerText('the MSS was replaced by ... which force?'))[0]).toMatch(/Gang Suppression Force .*to replace the MSS/);
  });

  it('names the author where a statement gives the author\'s view ("the author warns"), so a question naming him finds it', async () => {
    expect(claimTexts(await engine.answerText('what does Forti warn about coordination'))[0]).toMatch(/too many cooks/);
    expect(claimTexts(await engine.answerText('what did Forti say about China and Russia'))[0]).toMatch(/China and Russia have so far opposed/);
  });

  it('reads "rather than" as part of what is asked, not as a request to compare two things side by side', async () => {
    const texts = claimTexts(await engine.answerText('why is the MSS a non-UN force rather than a UN operation'));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/favoured a mission outside the UN/);
  });

  it('takes a curated question about what something was meant to do, not a yes-or-no "was it meant to", as asking for a reason', async () => {
    // Their statements say what was planned, not why: a curated "was the force meant to come under the UN" gives no reason.
    expect((await engine.answerText('why would the rapid force come under the UN umbrella')).answered).toBe(false);
    expect((await engine.answerText('why was the mission supposed to finish in september')).answered).toBe(false);
  });

  it('ends the noun phrase after "which" at a verb before an article: "which country leads the mission" asks for a country', async () => {
    expect(claimTexts(await engine.answerText('which country leads the mission'))[0]).toMatch(/Kenya took the overall lead of the MSS/);
    expect(claimTexts(await engine.answerText('which country provides most MSS personnel'))[0]).toMatch(/Kenya has supplied most/);
  });

  it('asks for a size only when "bigger" compares two things ("bigger than", "bigger, X or Y"), not in "a bigger role"', async () => {
    expect(claimTexts(await engine.answerText('did Guterres want a bigger role for BINUH')).join(' ')).toMatch(/Guterres proposed giving BINUH work/);
    expect(claimTexts(await engine.answerText('is the GSF bigger than the MSS'))[0]).toMatch(/5,550 personnel/);
  });

  it('answers "how long" with a span of time, a span of years ("from 1915 to 1934") or "a year" included', async () => {
    expect(claimTexts(await engine.answerText('how long did the US occupation of Haiti last'))[0]).toMatch(/from 1915 to 1934/);
    expect(claimTexts(await engine.answerText('how long before the MSS was authorized were the medium-term options proposed')).join(' ')).toMatch(/a year before resolution 2699/);
  });

  it('finds a role under its synonyms ("the leader": "took the lead"), and never in what owns it ("BINUH\'s head" heads no MSS)', async () => {
    expect(claimTexts(await engine.answerText('who is the leader of the MSS'))[0]).toMatch(/Kenya took on overall leadership/);
    const head = await engine.answerText('who is the head of the MSS');
    expect(claimTexts(head).join(' ')).not.toMatch(/BINUH's head/);
  });

  it('answers "who is <a name>" with what the sources say of that person, though the answer names no one else', async () => {
    expect(claimTexts(await engine.answerText('who is kimutai'))[0]).toMatch(/article by Kimutai T\./);
    // A role is still a role: no one is named as the MSS's commander.
    expect((await engine.answerText('who is the force commander')).answered).toBe(false);
  });

  it('takes "a handful" for a count, as "a few" and "several" are', async () => {
    expect(claimTexts(await engine.answerText('how many countries contributed to the trust fund'))[0]).toMatch(/a handful of countries have contributed/);
  });

  it('answers "what happened in <month> <year>" with what is dated in that month first', async () => {
    const texts = claimTexts(await engine.answerText('what happened in october 2023?', { thread: { kind: 'dates' } }));
    expect(texts[0]).toMatch(/2 October 2023|Resolution 2699 authorizes/);
    expect(texts.join(' ')).not.toMatch(/first twelve-month authorization runs out/);
  });

  it('reads "what would the office cost" as asking a sum of money, which no statement on the office gives', async () => {
    expect((await engine.answerText('what would the office cost?', { thread: { kind: 'proposals' } })).answered).toBe(false);
  });

  it('keeps "won" as a word ("won\'t" is "will not"): "who won the haitian election" is refused, not answered with elections expected', async () => {
    expect((await engine.answerText('who won the haitian election')).answered).toBe(false);
  });

  it('reads "what role does Panama play" as asking what Panama does, the role and the playing being no words to find', async () => {
    expect(claimTexts(await engine.answerText('what role does panama play'))[0]).toMatch(/United States and Panama would seek/);
  });

  it('reads a name after "what" ("what Haiti needs") as what the question is about, not as a kind of place asked for', async () => {
    expect(claimTexts(await engine.answerText('what haiti needs most'))[0]).toMatch(/Peoples Dispatch calls for Haitian sovereignty/);
  });

  it('reads "what was X designed (meant, sent, mandated) to do" as asking what it was for: a statement giving a purpose answers', async () => {
    const texts = claimTexts(await engine.answerText('what was the rapid force designed to do'));
    expect(texts[0]).toMatch(/with the goal of letting Haiti's police regain control/);
    expect(texts.join(' ')).not.toMatch(/Sanctions|weighing these steps/);
  });

  it('weighs an adverb ("originally") little, so "what was the mss originally set up to do" finds the mandate', async () => {
    expect(claimTexts(await engine.answerText('what was the mss originally set up to do'))[0]).toMatch(/authorized the Multinational Security Support mission \(MSS\) to help the Haitian National Police/);
  });

  it('holds a follow-up naming its own subject to the full share of its words even for a thread statement; one pointing back needs less', async () => {
    // The thread's statements on the new force say it was authorized, not whether or when it deployed.
    expect((await engine.answerText('has the successor force deployed by now?', { thread: { kind: 'status' } })).answered).toBe(false);
    expect((await engine.answerText('when did the successor force reach haiti', { thread: { kind: 'dates' } })).answered).toBe(false);
    expect(claimTexts(await engine.answerText('did the council renew it?', { thread: { kind: 'status' } }))[0]).toMatch(/Resolution 2751 .* renewed the MSS authorization/);
  });

  it('answers "how many ... in total" with a whole number, not a share ("nearly half of them")', async () => {
    expect((await engine.answerText('how many armored personnel carriers does the mss have altogether')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('how many armored personnel carriers are out of action')).join(' ')).toMatch(/half of the (mission's|MSS's) arm/);
    expect(claimTexts(await engine.answerText('how many personnel does the mss have in total'))[0]).toMatch(/About 1,000 MSS personnel/);
  });

  it('counts half the words of a clause saying when ("when Guterres wrote ..."), except in a question asking who, which or when', async () => {
    expect(claimTexts(await engine.answerText('How many MSS personnel had deployed to Haiti when Guterres wrote his February letter to the Council?'))[0]).toMatch(/About 1,000 MSS personnel/);
    // The clause of a "who" question says which time, and which holder, is asked about: it counts in full.
    expect((await engine.answerText('Who led the MSS after Kenya handed over command?')).answered).toBe(false);
  });

  it('answers a comparison with the two statements that hold its two sides together', async () => {
    const reply = await engine.answerText('kenyan officers hurt versus killed');
    const texts = claimTexts(reply);
    expect(texts).toHaveLength(2);
    expect(texts.join(' ')).toMatch(/injured/);
    expect(texts.join(' ')).toMatch(/killed/);
  });

  it('answers "where" with a statement naming a place the question does not', async () => {
    expect(claimTexts(await engine.answerText('where did kabiru disappear')).join(' ')).toMatch(/near P/);
    // The trust fund statements name no place.
    expect((await engine.answerText('where is the mss trust fund held')).answered).toBe(false);
  });

  it('answers "how much" about money only with a sum of money', async () => {
    expect((await engine.answerText('how much are the kenyan police paid')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('how much did washington pledge for the mission')).join(' ')).toMatch(/\$\d/);
  });

  it('answers "how many X" only with a figure standing beside X: 500 freed inmates do not count the dead', async () => {
    expect((await engine.answerText('how many people died when gangs stormed mirebalais')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('how many inmates broke out at mirebalais')).join(' ')).toMatch(/500/);
  });

  it('counts one for a person named beside what "how many ... were killed" counts, and only for what happened to them', async () => {
    const killed = await engine.answerText('how many kenyan police were killed');
    expect(killed.answered).toBe(true);
    expect(claimTexts(killed)[0]).toMatch(/Kenyan officer Samuel Kaetuai was killed/);
    expect(claimTexts(await engine.answerText('how many officers went missing'))[0]).toMatch(/Benedict Kabiru/);
    // A short regular past ("died") is a verb too, unlike a noun of that spelling ("need").
    expect(claimTexts(await engine.answerText('how many kenyan officers died'))[0]).toMatch(/Samuel Kaetuai was killed/);
    // "How many police are in Haiti" asks a size, not what happened to someone: a named officer counts nothing there.
    const size = await engine.answerText('how many police are in haiti with the mss');
    expect(restsOn(size)).not.toContain('status-kenyan-casualties');
    expect(claimTexts(size)[0]).toMatch(/1,000/);
  });

  it('needs a figure for "how many" and a date for "when"', async () => {
    expect((await engine.answerText('how many blue helmets were deployed in haiti')).answered).toBe(false);
    const when = await engine.answerText('when was resolution 2699 adopted');
    expect(claimTexts(when).join(' ')).toMatch(/October 2023/);
  });

  it('answers "how many X" with a statement holding a figure, and a state of affairs as of its source\'s date', async () => {
    const police = claimTexts(await engine.answerText('how many kenyan police are there'));
    expect(police[0]).toMatch(/\d/);
    const troops = claimTexts(await engine.answerText('how many troops does the mss have'));
    expect(troops.join(' ')).toMatch(/about 1,000 (MSS )?personnel/i);
    // A statement that names no year of its own says when it held: its source's date.
    expect(claimTexts(await engine.answerText('how much is in the trust fund')).some((t) => /^As of March 2025: .*\$110 million/.test(t))).toBe(true);
  });

  it('puts first the statement whose curated question is the one asked, in whatever words', async () => {
    expect(['go-kenya-leads', 'status-kenya-leads']).toContain(restsOn(await engine.answerText('who leads the MSS'))[0]);
    expect(restsOn(await engine.answerText('who pays for the mission?'))).toContain('status-us-pays');
    expect(['status-kenyan-casualties', 'ev-kaetuai-killed']).toContain(restsOn(await engine.answerText('has any kenyan officer been killed?'))[0]);
  });

  it('reads "last" in a "when" question as which time, not as a word the answer must hold', async () => {
    const reply = await engine.answerText('when were blue helmets last in haiti');
    expect(reply.answered).toBe(true);
    expect(claimTexts(reply)[0]).toMatch(/2017/);
  });

  it('answers thanks with thanks, and a message that asks nothing with what can be asked, not with statements', async () => {
    const thanks = await engine.answerText('ok, got it, thanks!', { thread: { kind: 'status' } });
    expect(thanks).toMatchObject({ answered: false, intro: ["You're welcome."], sections: [], citations: [], warnings: [] });
    const more = await engine.answerText('can you explain more', { thread: { kind: 'status' } });
    expect(more).toMatchObject({ answered: false, sections: [], suggestions: ['status full'] });
    // A question that only points back is still read under its thread.
    expect((await engine.answerText('who pays for it?', { thread: { kind: 'status' } })).answered).toBe(true);
  });

  it('answers "who is the <role> of X" with a person named in that role beside X', async () => {
    // The sources name Kenya's president; of Haiti's they name only one killed in 2021, and Kenya's.
    expect(claimTexts(await engine.answerText('who is the president of kenya')).join(' ')).toMatch(/Ruto/);
    expect((await engine.answerText('who is the president of haiti')).answered).toBe(false);
    expect((await engine.answerText('who is the president of haiti right now?')).answered).toBe(false);
  });

  it('reads "right now" as "now", which asks nothing more', async () => {
    const texts = claimTexts(await engine.answerText('how many bases does it have right now?', { thread: { kind: 'status' } }));
    expect(texts[0]).toMatch(/three of the twelve forward operating bases/);
  });

  it('finds what the sources disagree on: a statement carrying a disagreement is filed under it', async () => {
    const reply = await engine.answerText('is there any disagreement about the waiver amount?');
    const first = reply.sections[0]?.claims[0];
    expect(first?.text).toMatch(/waiver/);
    expect(first?.disagreement?.text).toMatch(/40\.7 million/);
  });

  it('reads "different" as a word that frames a comparison, like "differ"', async () => {
    const a = claimTexts(await engine.answerText('how is the gsf different from the mss'));
    expect(a).toEqual(claimTexts(await engine.answerText('how does the gsf differ from the mss')));
    expect(a.join(' ')).toMatch(/Gang Suppression Force/);
  });

  it('reads "think" as what an analysis argues', async () => {
    expect(claimTexts(await engine.answerText('what does peoples dispatch think of the mss')).join(' ')).toMatch(/Peoples Dispatch argues/);
  });

  it('reads "foot the bill" and "spend" as paying', async () => {
    expect(claimTexts(await engine.answerText('who foots the bill for the kenyan-led mission?')).join(' ')).toMatch(/US|United States/);
    expect(claimTexts(await engine.answerText('how much has the us spent on the mission'))[0]).toMatch(/\$600 million/);
  });

  it('reads "guy" as no more than "someone": the missing guy is the missing officer', async () => {
    const texts = claimTexts(await engine.answerText('that guy who went missing - what was his name?', { thread: { kind: 'status' } }));
    expect(texts.join(' ')).toMatch(/Kabiru/);
  });

  it('says the sources cannot tell whether what a thread says still holds, and when they end', async () => {
    const reply = await engine.answerText('is that still true?', { thread: { kind: 'status' } });
    expect(reply).toMatchObject({ answered: false, sections: [], suggestions: ['new', 'dates'] });
    expect(reply.intro?.[0]).toMatch(/cannot say whether it still holds/);
    expect(reply.asOf).not.toBeNull();
  });

  it('reads "it" under an answer as the name most of its statements use', async () => {
    // All three statements of this answer name the GSF and the MSS it replaced; the GSF is the rarer name.
    const answer = await engine.answerText('what is the gang suppression force');
    const texts = claimTexts(await engine.answerText('when does it end', { thread: answer.context! }));
    expect(texts[0]).toMatch(/twelve months/);
  });

  it('keeps a follow-up to what its thread is about: "it" under the Gang Suppression Force is not the MSS', async () => {
    const first = await engine.answerText('what is the gang suppression force');
    const followUp = await engine.answerText('how many personnel can it have', { thread: first.context! });
    expect(claimTexts(followUp).length).toBeGreaterThan(0);
    for (const text of claimTexts(followUp)) expect(text).toMatch(/Gang Suppression Force/);
  });

  it('takes a consequence told in a relative clause ("..., which gives Washington influence") as a reason for "why", and not any "gives"', async () => {
    const sway = await engine.answerText('why does washington get to decide where the mss goes');
    expect(claimTexts(sway)[0]).toMatch(/main funder, which the article says gives Washington significant influence/);
    // "the registry gives the day" says when, not why.
    expect((await engine.answerText('why did the trump administration cut funding to the mission')).answered).toBe(false);
  });

  it('answers "which is bigger, A or B" with each side\'s own figure', async () => {
    const texts = claimTexts(await engine.answerText('which is bigger, the us pledge or the un trust fund')).join(' ');
    expect(texts).toMatch(/\$600 million/);
    expect(texts).toMatch(/\$100 million/);
    expect(claimTexts(await engine.answerText('is the gsf larger than the mss'))[0]).toMatch(/5,550 personnel/);
  });

  it('reads "do the sources agree on ..." as asking where they disagree', async () => {
    const reply = await engine.answerText('do sources agree on when the officers arrived');
    expect(reply.answered).toBe(true);
    expect(reply.sections.flatMap((s) => s.claims).some((c) => c.disagreement !== undefined)).toBe(true);
  });

  it('answers who wrote a document described by what it is about, from that document\'s own statements, and refuses for a publisher that names no author', async () => {
    const texts = claimTexts(await engine.answerText('who wrote the ipi piece about a un logistics package for the kenyan-led police')).join(' ');
    expect(texts).toMatch(/Daniel Forti wrote the article/);
    // The Nation's article has no byline: another outlet's author is not its author.
    expect((await engine.answerText('who wrote the nation article on kenya extending the mission')).answered).toBe(false);
  });

  it('names the 2022 letter\'s two medium-term options where it counts them, so the first statement answers "what were they"', async () => {
    const first = claimTexts(await engine.answerText('what were the medium-term options in the 2022 plan'))[0];
    expect(first).toMatch(/working group/);
    expect(first).toMatch(/special force/);
  });

  it('answers a comparison from one statement when one holds all of it, not from two that hold less each', async () => {
    const first = claimTexts(await engine.answerText('is a un peacekeeping mission better than the mss according to forti'))[0];
    expect(first).toMatch(/Forti argues .*UN peacekeeping operation .*better/);
  });

  it('takes what a feeling was about ("disappointed it did not ...") as a reason for "why"', async () => {
    const first = claimTexts(await engine.answerText('why were diplomats disappointed with the letter'))[0];
    expect(first).toMatch(/disappointed it did not seriously weigh/);
  });

  it('answers "who is the <role>" with a country or a body named just before the role, and still refuses roles nobody holds', async () => {
    expect(claimTexts(await engine.answerText('who is the biggest donor to haiti'))[0]).toMatch(/the US, Haiti's biggest donor/);
    // "The heads of the MSS, BINUH, ...": a body after the role is what it heads, not who does.
    expect((await engine.answerText('who is the head of binuh')).answered).toBe(false);
  });

  it('reads British "-ise" spellings as "-ize" ("authorised"), and dates the MSS from its authorization, not its end', async () => {
    for (const q of ['when was the mss authorized', 'when was the mss authorised']) expect(claimTexts(await engine.answerText(q))[0]).toMatch(/^Resolution 2699 authorizes the MSS/);
  });

  it('reads "is it still running?" as asking whether it ended', async () => {
    expect(claimTexts(await engine.answerText('is it still running', { thread: { kind: 'status' } }))[0]).toMatch(/MSS authorization ended on 2 October 2025/);
    expect(claimTexts(await engine.answerText('is the mss still active'))[0]).toMatch(/MSS authorization ended on 2 October 2025/);
  });

  it('answers "how long has X been ..." from the event its words match best, not the oldest they touch', async () => {
    // "deployed" and "deployment" stem alike; the MSS has been in Haiti since the first contingent, not since 2004.
    for (const q of ['how long have the kenyans been deployed', 'how long has the mss been deployed', 'how long have the kenyan police been in haiti']) {
      expect(restsOn(await engine.answerText(q)), q).toEqual(['ev-first-contingent-lands']);
    }
  });

  it('reads "who is Haiti\'s president" like "who is the president of Haiti": Kenya\'s president does not answer it', async () => {
    expect((await engine.answerText("who is haiti's president")).answered).toBe(false);
    expect(claimTexts(await engine.answerText("who is kenya's president"))[0]).toMatch(/President William Ruto/);
  });

  it('reads an irregular verb form that is no word of its own ("unfroze") as fully its verb', async () => {
    expect(claimTexts(await engine.answerText('who unfroze money for the mss in february')).join(' ')).toMatch(/Rubio/);
  });

  it('reads "how many weeks before X did Y" as the gap between two past events, counting weeks, not as the time left until X', async () => {
    expect(claimTexts(await engine.answerText('how many weeks before resolution 2699 did guterres flag logistics needs'))[0]).toMatch(/six weeks before the Council created the mission/);
    expect(claimTexts(await engine.answerText('how many months before the gsf mandate ends'))[0]).toMatch(/^In about \d+ months/);
  });

  it('answers "why has optimism faded" with what the article cites beside it', async () => {
    expect(claimTexts(await engine.answerText('why has optimism about the mss faded'))[0]).toMatch(/optimism had faded, citing reports that the MSS lacked adequate resources/);
  });

  it('reads "end up" as how things turned out, not as an end', async () => {
    expect(claimTexts(await engine.answerText('how did kenya end up leading the mission'))[0]).toMatch(/Kenya took the overall lead of the MSS/);
  });

  it('answers what a named source got wrong with its statements the registry notes an error in, each with the correction', async () => {
    const pd = await engine.answerText('what did peoples dispatch get wrong');
    expect(pd.sections.flatMap((s) => s.claims).every((c) => c.disagreement !== undefined)).toBe(true);
    expect(claimTexts(pd).join(' ')).toMatch(/December 2024/);
    expect(claimTexts(await engine.answerText('what did the ipi analysis get wrong'))[0]).toMatch(/waiver/);
    // "Global Daily" names Global Daily Update; its error is corrected in the statement itself.
    expect(claimTexts(await engine.answerText('are there errors in the global daily piece'))[0]).toMatch(/US deputy chief of\s+mission/);
    // A source with no known error: nothing to list, and no guess.
    expect((await engine.answerText('what did the security council get wrong')).answered).toBe(false);
  });

  it('reads two figures offered as alternatives ("100 or 110 million") as one thing asked, held by a statement holding either', async () => {
    expect(claimTexts(await engine.answerText('how much is in the trust fund, 100 or 110 million')).join(' ')).toMatch(/\$110 million|\$100 million/);
    expect(claimTexts(await engine.answerText('did 217 or 400 officers land in january 2025'))[0]).toMatch(/217/);
  });

  it('puts a statement after the record\'s only for a known error of its source, not for a note saying where its date comes from', async () => {
    // The byline statement's disagreement rests on a date note (the URL's date), no error: it answers first.
    expect(claimTexts(await engine.answerText('who wrote the global daily article'))[0]).toMatch(/Kimutai T\./);
  });

  it('does not let a name carry a question alone: "what is the GSF\'s budget" asks about a budget no statement gives', async () => {
    expect((await engine.answerText("what is the gsf's budget")).answered).toBe(false);
    expect(claimTexts(await engine.answerText('how big is the gsf')).join(' ')).toMatch(/5,550/);
  });

  it('compares what a follow-up points back to with what it names: "is that more than the trust fund?" under the US pledge', async () => {
    const first = await engine.answerText('how much did the us pledge');
    const texts = claimTexts(await engine.answerText('is that more than the trust fund', { thread: first.context! }));
    expect(texts[0]).toMatch(/\$600 million/);
    expect(texts[1]).toMatch(/trust fund/);
    const personnel = await engine.answerText('how many personnel does the mss have');
    const against = claimTexts(await engine.answerText('how does that compare with the gsf', { thread: personnel.context! }));
    expect(against[0]).toMatch(/1,000 personnel/);
    expect(against[1]).toMatch(/5,550/);
  });

  it('answers "what happened on <day>" first with what is dated that very day, not the same day a year earlier', async () => {
    const texts = claimTexts(await engine.answerText('what happened on 30 september 2025', { thread: { kind: 'dates' } }));
    expect(texts[0]).toMatch(/30 September 2025/);
    expect(texts.join(' ')).not.toMatch(/30 September 2024/);
    expect(claimTexts(await engine.answerText('what happened on september 30, 2024'))[0]).toMatch(/Resolution 2751/);
  });

  it('reads "which countries sent police" as asking for countries: an irregular past ("sent") ends the noun phrase, as "-ed" does', async () => {
    const texts = claimTexts(await engine.answerText('which countries sent police to Haiti'));
    expect(texts[0]).toMatch(/Kenyan police/);
    expect(texts.join(' ')).not.toMatch(/2022/);
    // "Country", the kind asked, still counts in matching a curated question: Kenya's lead, not a "lead photo" someone "took".
    expect(claimTexts(await engine.answerText('which country took the lead'))[0]).toMatch(/Kenya took/);
  });

  it('answers "why" with a statement whose curated questions ask what it was for ("set up to do"), not with any argument holding the words', async () => {
    const texts = claimTexts(await engine.answerText('why was the MSS authorized'));
    expect(texts[0]).toMatch(/to help the Haitian National Police/);
    expect(texts[0]).not.toMatch(/Forti argues/);
  });

  it('takes a role said beside what it is of in a curated question asking who holds it, not in one asking something else', async () => {
    // go-author shows "Daniel Forti wrote the article"; its curated question asks "Who is the author of the IPI analysis?".
    expect(claimTexts(await engine.answerText('who is the author of the ipi piece'))[0]).toMatch(/Daniel Forti wrote the article/);
    // "when was haiti's president killed" asks a date: the statement does not say who the president of Haiti is.
    expect((await engine.answerText('who is the president of haiti')).answered).toBe(false);
  });

  it('reads "who commands X" or "who would head X" as asking for X\'s commander or head, a person the sources never name', async () => {
    for (const q of ['who commands the GSF', 'who heads BINUH']) expect((await engine.answerText(q)).answered, q).toBe(false);
    const proposals = await engine.answerText('proposals');
    expect((await engine.answerText('who would head that office?', { thread: proposals.context! })).answered).toBe(false);
    // Leading is not a post: a country may lead.
    expect(claimTexts(await engine.answerText('who leads the MSS')).join(' ')).toMatch(/Kenya/);
    expect(claimTexts(await engine.answerText('who is in charge of the mss')).join(' ')).toMatch(/Kenya/);
    // ... but it is said of what is led: the US plan's "regional leadership" and the GSF it became do not say who leads the GSF.
    for (const q of ['who is in charge of the gang suppression force', 'who leads the GSF', 'who runs BINUH']) expect((await engine.answerText(q)).answered, q).toBe(false);
  });

  it('reads "a hundred million dollars" as the "$100 million" the statements write', async () => {
    expect(claimTexts(await engine.answerText('who set up the hundred million dollar fund'))[0]).toMatch(/\$100 million/);
  });

  it('reads "per the Global Daily report" as whose account is asked for, and "per year" as a rate', async () => {
    expect(claimTexts(await engine.answerText('what setbacks has the mss had, per the global daily report?'))[0]).toMatch(/shortages of manpower/);
    expect(claimTexts(await engine.answerText('what does the mission lack per the global daily article'))[0]).toMatch(/shortages of manpower/);
    expect((await engine.answerText('how much does the office cost per year')).answered).toBe(false);
  });

  it('reads past who wants to know ("my editor wants to know whether", "for a briefing I need the exact ...")', async () => {
    const fund = await engine.answerText('my editor wants to know whether the UN itself set up the fund Mudavadi talked about');
    expect(claimTexts(fund)[0]).toMatch(/trust fund/);
    const date = claimTexts(await engine.answerText('for a briefing note I need the exact date the security council first approved the kenyan-led force'));
    expect(date.join(' ')).toMatch(/2699/);
  });

  it('answers "where" with Haiti, the setting, only when no statement names another place', async () => {
    expect(claimTexts(await engine.answerText('where were the 217 officers sent'))[0]).toMatch(/217 Kenyan .*Haiti/);
    // Another place, where one answers: not Haiti.
    expect(claimTexts(await engine.answerText('where did the Kenyan officer go missing'))[0]).toMatch(/Pont-Sonde/);
  });

  it('reads "do the Nation and Peoples Dispatch agree on ..." as asking where they disagree, and "is the Nation right about ..." as asking about it', async () => {
    const agree = await engine.answerText('do the Nation and Peoples Dispatch agree on casualties');
    expect(agree.answered).toBe(true);
    expect(agree.sections.flatMap((s) => s.claims).some((c) => c.disagreement !== undefined)).toBe(true);
    expect(claimTexts(await engine.answerText('is the Nation right about the trust fund')).join(' ')).toMatch(/trust fund/);
  });

  it('reads "what did X say about Y" as asking for X\'s position on Y, not for a statement that says "says"', async () => {
    // Their opposition first, not the event whose text "says" what the Biden administration pushed for.
    expect(claimTexts(await engine.answerText('what did China and Russia say about peacekeepers'))[0]).toMatch(/^As of March 2025: China and Russia have so far opposed/);
    expect(claimTexts(await engine.answerText('what did the 2022 letter say about fuel'))[0]).toMatch(/^The 2022 force was meant to keep essential goods moving/);
  });

  it('answers "what is the HNP" or "what does HNP stand for" with a statement that defines the name, not any that uses it', async () => {
    expect(claimTexts(await engine.answerText('what is the MSS'))[0]).toMatch(/Multinational Security Support mission \(MSS\)/);
    for (const q of ['what is the HNP', 'what does HNP stand for']) expect(claimTexts(await engine.answerText(q))[0], q).toMatch(/Haitian National Police \(HNP\)/);
  });

  it('takes no word mostly a verb ("the author sees") for the name of a place', async () => {
    // Before, "Without firm US backing ..., the author sees ..." named a place (the Holy See) beside the US.
    expect(claimTexts(await engine.answerText('where does the MSS operate'))[0]).toMatch(/forward operating bases/);
  });

  it('weighs a resolution\'s number as a name: "who drafted resolution 2793" is not answered by the vote, which says nothing of drafting', async () => {
    expect((await engine.answerText('who drafted resolution 2793')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('when was resolution 2793 adopted')).join(' ')).toMatch(/30 September 2025/);
  });

  it('reads "how bad", "how serious", "how dire" as asking how things stand, not for a statement that says "bad"', async () => {
    expect(claimTexts(await engine.answerText('how bad are things in port-au-prince'))[0]).toMatch(/Port-au-Prince .*gangs/);
    expect(claimTexts(await engine.answerText('how serious is the humanitarian crisis'))[0]).toMatch(/humanitarian/);
  });

  it('answers why Haitians protest with the cause Peoples Dispatch gives (violence and government inaction)', async () => {
    for (const q of ['how did Haitians react to the violence', 'why are Haitians protesting']) expect(claimTexts(await engine.answerText(q))[0], q).toMatch(/in response to relentless violence and government inaction, thousands of Haitians have protested/);
  });

  it('takes a consequence ("hastened the collapse ..., leaving a power vacuum") or a purpose ("to safeguard") as a reason', async () => {
    expect(claimTexts(await engine.answerText('why is there a power vacuum in Haiti'))[0]).toMatch(/Moïse was assassinated in 2021/);
    expect(claimTexts(await engine.answerText('why did Kenya sign a deal with the Dominican Republic'))[0]).toMatch(/To safeguard its personnel/);
  });

  it('answers "why" from statements that carry the reasons their sources give', async () => {
    const first = async (q: string): Promise<string> => claimTexts(await engine.answerText(q))[0] ?? '';
    expect(await first('why would Kenya have to step down')).toMatch(/since regional participants would provide the force's strategic leadership/);
    expect(await first('why does the US have significant influence over the MSS')).toMatch(/main funder/);
    expect(await first('why did Kenya decide to lead the mission')).toMatch(/peacekeeping record/);
    expect(await first('why are the US and Panama seeking a UN support office')).toMatch(/Arguing that a greater share of the international community/);
  });

  it('shows both views of whether the MSS was on course: Kenya\'s government said so, Peoples Dispatch said it was faltering', async () => {
    const reply = await engine.answerText('do the sources agree on whether the MSS is on course');
    const first = reply.sections.flatMap((s) => s.claims)[0];
    expect(first?.text).toMatch(/Mudavadi said the operation remains on course/);
    expect(first?.disagreement?.text).toMatch(/Peoples Dispatch, an opinion outlet, .*faltering/);
  });

  it('reads "what percentage of", "what number of" as asking a figure, like "how many": "percentage" is no word the answer must hold', async () => {
    expect(claimTexts(await engine.answerText('what percentage of armored vehicles are broken'))[0]).toMatch(/(nearly|close to) half/);
    expect(claimTexts(await engine.answerText('what number of officers were in the second contingent'))[0]).toMatch(/217/);
  });

  it('reads past an opening before a colon ("Quick one:"), "in plain terms", and "so far"', async () => {
    expect(claimTexts(await engine.answerText('Quick one: who is the spokesperson for the MSS?'))[0]).toMatch(/Jack Ombaka/);
    expect(claimTexts(await engine.answerText("I'm writing a piece on funding: how much has the US put into the Kenyan-led mission so far?"))[0]).toMatch(/\$600 million/);
    expect((await engine.answerText('In plain terms, what would the UN logistics support office actually do for the mission?')).answered).toBe(true);
  });

  it('answers where the 2022 rapid force would work and where Kenyan forces served before, from statements that name them', async () => {
    expect(claimTexts(await engine.answerText('where would the rapid force operate'))[0]).toMatch(/rapid force's main job .*Port-au-Prince/);
    expect(claimTexts(await engine.answerText('where have Kenyan forces served before'))[0]).toMatch(/Somalia, South Sudan/);
  });

  it('lets no rare name carry a question of names alone: "what did France say about the MSS" is not answered by France\'s 1804 indemnity', async () => {
    expect((await engine.answerText('what did france say about the mss')).answered).toBe(false);
    // A lone name is still a question on that topic, and a question of two names is answered by a statement holding both.
    expect(claimTexts(await engine.answerText('binuh'))[0]).toMatch(/BINUH/);
    expect(claimTexts(await engine.answerText('what did mudavadi say about the mss')).join(' ')).toMatch(/Mudavadi/);
  });

  it('files the 2022 letter\'s statements under the rapid force they belong to', async () => {
    expect(claimTexts(await engine.answerText("what did the rapid force plan say about Haiti's government inviting troops"))[0]).toMatch(/only at the Haitian government's invitation/);
  });

  it('reads "what is the GSF\'s budget" as asking a sum of money, as "how much" does: a date or a plan is no answer', async () => {
    expect((await engine.answerText("what is the GSF's budget for 2026")).answered).toBe(false);
    expect((await engine.answerText('what was the cost of the logistics package')).answered).toBe(false);
    expect(claimTexts(await engine.answerText("what is the MSS's budget"))[0]).toMatch(/\$600 million/);
    // "What budget" asks which one: a name, not a sum.
    expect(claimTexts(await engine.answerText("what budget would pay for BINUH's extra work"))[0]).toMatch(/UN regular budget/);
  });

  it('reads "since the deployment started" and "based on the sources" as framing, not words the answer must hold', async () => {
    const reply = await engine.answerText('How many Kenyan police officers have been killed or gone missing since the deployment started, based on the sources?');
    // One killed, one missing: the officers named count one each (the Nation's tally of two injured leaves out the death).
    expect(claimTexts(reply)[0]).toMatch(/Samuel Kaetuai was killed .* Benedict Kabiru went missing/);
    // "Who pays" is answered by who pays: the US, not the UN whose support the MSS lacked.
    expect(claimTexts(await engine.answerText("I'm trying to understand who pays for the Kenyan-led mission"))[0]).toMatch(/committed more than \$600 million/);
  });

  it('reads "when" after another question word as joining a clause: "what did the US say when it thanked Kenya" asks what it said', async () => {
    const reply = await engine.answerText('what did the US say when it thanked Kenya');
    expect(claimTexts(reply)[0]).toMatch(/US statement thanking Kenya/);
  });

  it('knows "the Kenyan-led force" as a name of the MSS', async () => {
    expect(claimTexts(await engine.answerText('who pays for the MSS'))[0]).toMatch(/committed more than \$600 million/);
    expect((await engine.answerText('why did Kenya agree to lead the mission in Haiti')).answered).toBe(true);
  });

  it('takes "since 1965" for a time, not a reason, and reads "the ambassador to X" as the ambassador of that post', async () => {
    expect((await engine.answerText('why did the OAS stop leading missions after 1965')).answered).toBe(false);
    // Meg Whitman was the US ambassador to Kenya: not to the UN.
    expect((await engine.answerText('who is the US ambassador to the UN')).answered).toBe(false);
    expect(claimTexts(await engine.answerText('who is the spokesperson for the MSS'))[0]).toMatch(/Jack Ombaka/);
  });

  it('asks less of a long question than of a short one: a long one says more than any one statement holds', async () => {
    const texts = claimTexts(await engine.answerText('how many of the armoured vehicles sent to the mission were out of service in early 2025'));
    expect(texts[0]).toMatch(/half of the mission's armored personnel carriers/);
    // A short question still needs most of its words held.
    expect((await engine.answerText('who commands the gang suppression force')).answered).toBe(false);
  });

  it('reads "still in Haiti" as asking whether the mission ended (synonyms.yaml), not for what is said in Haiti', async () => {
    expect(claimTexts(await engine.answerText('is the mss still in haiti'))[0]).toMatch(/MSS authorization ended on 2 October 2025/);
  });

  it('reads "injuries" as "injured" (synonyms.yaml: Porter stems the noun and the verb apart)', async () => {
    expect(claimTexts(await engine.answerText('what did the Nation report about injuries'))[0]).toMatch(/two Kenyan officers injured/);
  });

  it('reads "Congress" and "lawmakers" as the Senate Rubio spoke to (synonyms.yaml)', async () => {
    expect(claimTexts(await engine.answerText('did rubio testify before lawmakers'))[0]).toMatch(/Rubio tells the Senate/);
  });

  it('reads "which three countries" as asking for countries, the number being how many the answer names', async () => {
    const reply = await engine.answerText('which three countries abstained when the security council voted to create the gang suppression force');
    expect(claimTexts(reply)[0]).toMatch(/China, Pakistan and Russia abstaining/);
  });

  it('compares two names and nothing else ("the difference between BINUH and the MSS") by what defines each', async () => {
    const texts = claimTexts(await engine.answerText("what's the difference between BINUH and the MSS"));
    expect(texts[0]).toMatch(/^BINUH is the UN political office/);
    expect(texts[1]).toMatch(/Multinational Security Support mission \(MSS\)/);
  });

  it('corrects typos against the knowledge base\'s words', async () => {
    const reply = await engine.answerText('how much money did washingotn comit to the mss');
    expect(reply.answered).toBe(true);
    expect(claimTexts(reply).join(' ')).toMatch(/\$600 million/);
  });

  it('reads a swap of two letters as one typo, drops contractions\' endings and reads a month\'s short name beside a number', async () => {
    expect(claimTexts(await engine.answerText('which security council memebrs abstained on 2793')).join(' ')).toMatch(/China|Russia/);
    expect(claimTexts(await engine.answerText("I've heard about a waiver from feb 2025, how much did it free up?")).join(' ')).toMatch(/\$\d/);
  });

  it('answers or refuses whatever words a question is made of: no input throws', async () => {
    // "which 's" once reached WordNet as an empty word, which matched its licence lines and threw.
    for (const q of ["which 's", "what 's the head", "who is the '", 'how many ... vs ?', '__proto__ vs constructor'])
      expect((await engine.answerText(`ask ${q}`)).kind).toBe('ask');
    const parts = ['who is the', 'which', 'what', 'how many', 'where', 'vs', 'than', '.', '?', '...', "'s", "'", 'constructor', '__proto__', 'Kenya', 'mss', 'feb', 'jan 5', "I've", '😀', '<@U123>', 'head', 'when', 'why', 'compare', "what's the name of", 'x'.repeat(300)];
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 1500; i++) {
      const q = Array.from({ length: 1 + next(12) }, () => parts[next(parts.length)]).join(next(2) ? ' ' : '');
      expect((await engine.answerText(`ask ${q}`)).kind, q).toBe('ask');
    }
  });

  it('does not take a real word for a typo of another with a different first letter ("weather" is not "death")', async () => {
    expect((await engine.answerText('what is the weather in haiti')).answered).toBe(false);
  });
});

describe('questions about time relative to now', () => {
  const first = (reply: Reply): string => reply.sections[0]?.claims[0]?.text ?? '';

  it('counts the days to a day-precise date, before and after it', async () => {
    expect(first(await at('2025-09-01T09:00:00Z').answerText('how long until the mandate ends?'))).toBe('In 31 days: The MSS authorization ends.');
    // After 2 October 2025 "the mandate" that ends next is the Gang Suppression Force's: naming the MSS asks for the past one.
    expect(first(await at('2025-10-15T09:00:00Z').answerText('how long until the MSS mandate ends?'))).toBe('13 days ago: The MSS authorization ends.');
  });

  it('speaks of a month-precise date in months, and a year-precise one in years', async () => {
    expect(first(await at('2025-03-01T09:00:00Z').answerText('when is the next milestone'))).toMatch(/^Next month: .*BINUH/);
    expect(first(await at('2025-04-10T09:00:00Z').answerText('when is the next milestone'))).toMatch(/^This month: /);
    expect(first(await at('2025-10-15T09:00:00Z').answerText('whats coming up next'))).toMatch(/^Next year: Haitian elections/);
  });

  it('says what happened last, and that nothing lies ahead when nothing does', async () => {
    const last = await at('2025-10-15T09:00:00Z').answerText('what happened last?', { thread: { kind: 'dates' } });
    expect(restsOn(last)).toEqual(['ev-mss-authorization-ends']);
    // "What's the latest on X" asks the newest event about X, not what X is (it reads like "what's the <name>").
    expect(restsOn(await at('2025-10-15T09:00:00Z').answerText("what's the latest on the mss"))).toEqual(['ev-mss-authorization-ends']);
    const none = await at('2027-01-01T00:00:00Z').answerText('what is next?');
    expect(none).toMatchObject({ answered: false, citations: [] });
    expect(none.intro).toEqual(['No dated event in the sources lies ahead of 1 January 2027.']);
  });

  it('reads "when is the next one?" under the dates as a look at what lies ahead, not as words to find', async () => {
    const next = await at('2025-10-15T09:00:00Z').answerText('when is the next one?', { thread: { kind: 'dates' } });
    expect(restsOn(next)).toEqual(['ev-elections-expected', 'ev-gsf-initial-authorization-ends']);
  });
});

describe('thread contexts', () => {
  it('encode the statements an answer rests on, and decode without state', () => {
    const id = encodeAnswerId(['go-personnel-on-ground', 'res-2793-ceiling']);
    expect(decodeAnswerId(id)).toEqual(['go-personnel-on-ground', 'res-2793-ceiling']);
    expect(decodeAnswerId('something else')).toEqual([]);
    expect(threadContextFromText('status')).toEqual({ kind: 'status' });
    expect(threadContextFromText(id)).toEqual({ kind: 'answer', id });
    expect(threadContextFromText('stauts')).toBeNull();
  });

  it('are read back from platform metadata only when they have the right shape', () => {
    expect(parseThreadContext({ kind: 'proposals' })).toEqual({ kind: 'proposals' });
    expect(parseThreadContext({ kind: 'answer', id: 'a1:res-2793-ceiling' })).toEqual({ kind: 'answer', id: 'a1:res-2793-ceiling' });
    for (const bad of [null, 'status', { kind: 'nonsense' }, { kind: 'answer' }, { kind: 'status', extra: 1 }]) {
      expect(parseThreadContext(bad)).toBeUndefined();
    }
  });

  it('are cached with a bound and an expiry on the injected clock, and rebuilt when gone', () => {
    const clock = new ManualClock('2025-10-15T09:00:00Z');
    const answers = new AnswerEngine(knowledge, clock);
    const cache = new FocusCache(answers.index, new TermPipeline(knowledge.synonyms), clock, { max: 2, ttlMs: 60_000 });
    const status = cache.focus({ kind: 'status' });
    expect(status?.ids.has('status-us-pays')).toBe(true);
    expect(cache.focus({ kind: 'status' })).toBe(status);
    cache.focus({ kind: 'proposals' });
    cache.focus({ kind: 'dates' });
    expect(cache.size).toBe(2);
    clock.advance(61_000);
    expect(cache.size).toBe(0);
    const rebuilt = cache.focus({ kind: 'status' });
    expect(rebuilt).not.toBe(status);
    expect([...rebuilt!.ids]).toEqual([...status!.ids]);
    expect(cache.focus({ kind: 'answer', id: 'a1:no-such-statement' })).toBeNull();
  });
});
