import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, parseCommand, parseLeadDays } from '../../../src/core/commands/parse-command.js';

describe('parsing what a user types after /haiti', () => {
  it.each([
    ['status', 'status'],
    ['Status', 'status'],
    ['STATUS please', 'status'],
    ['/haiti status', 'status'],
    ['  status.  ', 'status'],
    ['proposals', 'proposals'],
    ['proposal', 'proposals'],
    ['dates', 'dates'],
    ['date', 'dates'],
    ['timeline', 'dates'],
    ['sources', 'sources'],
    ['help', 'help'],
    ['', 'help'],
    ['/haiti', 'help'],
  ])('reads %j as %s', (input, kind) => {
    expect(parseCommand(input).kind).toBe(kind);
  });

  it('reads a brief\'s word followed by more than "full" or "please" as a question, not as the brief (and "source", "new" likewise)', () => {
    expect(parseCommand('date of the mirebalais prison attack?')).toEqual({ kind: 'ask', question: 'date of the mirebalais prison attack?' });
    expect(parseCommand('status of the trust fund')).toEqual({ kind: 'ask', question: 'status of the trust fund' });
    expect(parseCommand('dates full')).toEqual({ kind: 'dates', full: true });
    expect(parseCommand('status full please')).toEqual({ kind: 'status', full: true });
    expect(parseCommand('proposals pls')).toEqual({ kind: 'proposals' });
    // The same for "source" and "new": an id or a date makes the command; other words, a question.
    expect(parseCommand('source of the mss funding')).toEqual({ kind: 'ask', question: 'source of the mss funding' });
    expect(parseCommand('sources on kenyan casualties')).toEqual({ kind: 'ask', question: 'sources on kenyan casualties' });
    expect(parseCommand('source nation-2025-05')).toEqual({ kind: 'source', id: 'nation-2025-05' });
    expect(parseCommand('new force commander')).toEqual({ kind: 'ask', question: 'new force commander' });
    expect(parseCommand('new since 2026-11-01')).toEqual({ kind: 'new', since: '2026-11-01' });
    expect(parseCommand('new since yesterday').kind).toBe('invalid');
  });

  it('reads "source <id>" and treats "source" alone as the registry', () => {
    expect(parseCommand('source nation-2025-05')).toEqual({ kind: 'source', id: 'nation-2025-05' });
    expect(parseCommand('Source NATION-2025-05')).toEqual({ kind: 'source', id: 'nation-2025-05' });
    expect(parseCommand('source')).toEqual({ kind: 'sources' });
  });

  it('reads a question about the sources as a whole as the sources command, and one about what some sources say as a question', () => {
    for (const q of ['what are your sources?', 'which sources do you use', 'Where does this come from?', 'where do you get your information', 'ask what are your sources?', "what's the source for that?", 'whats the source'])
      expect(parseCommand(q), q).toEqual({ kind: 'sources' });
    for (const q of ['which sources disagree about the trust fund', 'what sources say kenya will leave', 'where does the money come from?'])
      expect(parseCommand(q).kind, q).toBe('ask');
  });

  it('reads a question asking for a brief as a whole as that brief, and one about something in it as a question', () => {
    for (const q of ['what is the current status?', "what's the situation", 'where do things stand now', 'ask what is the latest status?'])
      expect(parseCommand(q), q).toEqual({ kind: 'status' });
    for (const q of ['what are the proposals?', 'what are the options on the table', 'ask what were the main proposals'])
      expect(parseCommand(q), q).toEqual({ kind: 'proposals' });
    for (const q of ['what are the key dates?', 'what are the upcoming deadlines']) expect(parseCommand(q), q).toEqual({ kind: 'dates' });
    for (const q of ['what is the status of the gsf vote', 'what are the proposals for funding', 'what are the dates of the votes'])
      expect(parseCommand(q).kind, q).toBe('ask');
  });

  it('takes "ask" questions and bare questions alike', () => {
    expect(parseCommand('ask who pays for it?')).toEqual({ kind: 'ask', question: 'who pays for it?' });
    expect(parseCommand('who pays for it?')).toEqual({ kind: 'ask', question: 'who pays for it?' });
    expect(parseCommand('how many kenyans')).toEqual({ kind: 'ask', question: 'how many kenyans' });
    expect(parseCommand('kenyan police strength numbers')).toEqual({ kind: 'ask', question: 'kenyan police strength numbers' });
    expect(parseCommand('kenyan casualtys')).toEqual({ kind: 'ask', question: 'kenyan casualtys' });
  });

  it('refuses an empty question with what to type instead', () => {
    expect(parseCommand('ask')).toMatchObject({ kind: 'invalid', problem: 'Type your question after "ask".', topic: 'ask' });
  });

  it('answers an unknown command with the closest one', () => {
    expect(parseCommand('staus')).toMatchObject({ kind: 'invalid', suggestion: 'status' });
    expect(parseCommand('propsals')).toMatchObject({ kind: 'invalid', suggestion: 'proposals' });
    expect(parseCommand('remnd on')).toMatchObject({ kind: 'invalid', suggestion: 'remind' });
    expect(parseCommand('stauts')).toMatchObject({ kind: 'invalid', problem: 'I don\'t know the command "stauts".', suggestion: 'status' });
  });

  it('reads a word or a short phrase that is no near miss of a command as a question', () => {
    for (const text of ['funding', 'Rubio', 'GSF', 'kenya casualties', 'xyzzy', 'cholera']) expect(parseCommand(text)).toEqual({ kind: 'ask', question: text });
  });

  it('reads remind on/off/list with lead times in days', () => {
    expect(parseCommand('remind on')).toEqual({ kind: 'remind', action: 'on', leadDays: [30, 7, 1] });
    expect(parseCommand('remind on 14,3')).toEqual({ kind: 'remind', action: 'on', leadDays: [14, 3], leadsGiven: true });
    expect(parseCommand('remind on [1, 7, 30]')).toEqual({ kind: 'remind', action: 'on', leadDays: [30, 7, 1], leadsGiven: true });
    expect(parseCommand('Remind OFF')).toEqual({ kind: 'remind', action: 'off' });
    expect(parseCommand('remind list')).toEqual({ kind: 'remind', action: 'list' });
  });

  it('reads a posting time and a time zone after the lead times, and remind me for a direct message', () => {
    expect(parseCommand('remind on 30,7,1 at 9:00 in america/port-au-prince')).toEqual({
      kind: 'remind', action: 'on', leadDays: [30, 7, 1], leadsGiven: true, postAt: '09:00', timeZone: 'America/Port-au-Prince',
    });
    expect(parseCommand('remind on in Europe/Paris at 17:30')).toEqual({ kind: 'remind', action: 'on', leadDays: [30, 7, 1], postAt: '17:30', timeZone: 'Europe/Paris' });
    expect(parseCommand('remind on at 08:00 in utc')).toMatchObject({ postAt: '08:00', timeZone: 'UTC' });
    expect(parseCommand('remind me on 7')).toEqual({ kind: 'remind', action: 'on', leadDays: [7], leadsGiven: true, personal: true });
    expect(parseCommand('remind me off')).toEqual({ kind: 'remind', action: 'off', personal: true });
    expect(parseCommand('remind me list')).toEqual({ kind: 'remind', action: 'list', personal: true });
  });

  it.each([
    ['remind on at 25:00', '"25:00" is not a time of day'],
    ['remind on at noon', '"noon" is not a time of day'],
    ['remind on at', 'Give a time after "at"'],
    ['remind on in Haiti/Port', '"Haiti/Port" is not a time zone I know'],
    ['remind on in <!channel>', '"<!channel>" is not a time zone I know'],
    ['remind on in', 'Give an IANA time zone after "in"'],
    ['remind on at 09:00 7', '"7" is out of place'],
    ['remind me sometimes', '"sometimes" is not a reminder action'],
  ])('answers "%s" with what is wrong with it', (text, problem) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'invalid', topic: 'remind' });
    expect((parseCommand(text) as { problem: string }).problem).toContain(problem);
  });

  it.each([
    ['remind on -5', '"-5" is not a lead time'],
    ['remind on abc', '"abc" is not a lead time'],
    ['remind on 0', '"0" is not a lead time'],
    ['remind on 400', '"400" is not a lead time'],
    ['remind on 7.5', '"7.5" is not a lead time'],
    ['remind maybe', '"maybe" is not a reminder action. Use on, off or list.'],
    ['remind', 'Say what to do with reminders. Use on, off or list.'],
    ['remind off now', '"remind off" takes nothing after it.'],
  ])('refuses %j with a clear message', (input, message) => {
    const command = parseCommand(input);
    expect(command).toMatchObject({ kind: 'invalid', topic: 'remind' });
    expect(command.kind === 'invalid' && command.problem).toContain(message);
  });

  it('accepts lead times written with "d" or "days"', () => {
    expect(parseLeadDays('30d 7days 1day')).toEqual({ days: [30, 7, 1] });
  });

  // Issue 14, item 1: the command tables were plain objects read with a user's word as the key.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('never takes %j for a command, a help topic or a reminder action', (w) => {
    expect(['invalid', 'ask']).toContain(parseCommand(w).kind);
    expect(parseCommand(`help ${w}`)).toEqual({ kind: 'help' });
    expect(parseCommand(`remind ${w}`)).toMatchObject({ kind: 'invalid', topic: 'remind' });
  });

  it('refuses input over the size limit with a message saying so', () => {
    expect(parseCommand(`ask ${'why '.repeat((MAX_INPUT_CHARS - 4) / 4)}`).kind).toBe('ask');
    expect(parseCommand(`ask ${'a'.repeat(MAX_INPUT_CHARS)}`)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('at most 2,000') });
  });
});
