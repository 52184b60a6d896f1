import { describe, expect, it } from 'vitest';
import { parseCommand, parseLeadDays } from '../../../src/core/commands/parse-command.js';

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

  it('reads "source <id>" and treats "source" alone as the registry', () => {
    expect(parseCommand('source nation-2025-05')).toEqual({ kind: 'source', id: 'nation-2025-05' });
    expect(parseCommand('Source NATION-2025-05')).toEqual({ kind: 'source', id: 'nation-2025-05' });
    expect(parseCommand('source')).toEqual({ kind: 'sources' });
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
    expect(parseCommand('remind on 14,3')).toEqual({ kind: 'remind', action: 'on', leadDays: [14, 3] });
    expect(parseCommand('remind on [1, 7, 30]')).toEqual({ kind: 'remind', action: 'on', leadDays: [30, 7, 1] });
    expect(parseCommand('Remind OFF')).toEqual({ kind: 'remind', action: 'off' });
    expect(parseCommand('remind list')).toEqual({ kind: 'remind', action: 'list' });
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
});
