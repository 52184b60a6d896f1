import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import type { Store } from '../../src/core/reminders/store.js';
import { createRemindHandler } from '../../src/core/reminders/remind-handler.js';
import type { ChannelRef } from '../../src/core/request.js';
import { renderText } from '../../src/render/text.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { reminderKnowledge } from '../doubles/reminder-knowledge.js';

const slack: ChannelRef = { platform: 'slack', id: 'C0HAITI' };
const teams: ChannelRef = { platform: 'teams', id: '19:abc@thread.tacv2', reference: { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.example/' } };

describe('the remind command, through the engine', () => {
  let store: Store;
  let clock: ManualClock;
  let engine: BriefingEngine;

  beforeEach(() => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'haiti-remind-')), 'brief.sqlite'));
    clock = new ManualClock('2025-10-05T12:00:00Z');
    const knowledge = reminderKnowledge();
    const remind = createRemindHandler({ knowledge, store, defaults: { timeZone: 'UTC', postAt: '09:00' }, canDeliver: (p) => p !== 'console' });
    engine = new BriefingEngine(knowledge, clock, { remind });
  });

  it('subscribes the channel with its lead times and lists the next reminders with their dates', async () => {
    const reply = await engine.answerText('remind on 30,7', { channel: slack });
    expect(reply).toMatchObject({ kind: 'remind', answered: true });
    expect(reply.intro?.[0]).toBe('Reminders are on for this channel: 30 and 7 days before each milestone, posted at 09:00 (UTC).');
    expect(reply.sections[0]?.heading).toBe('Next reminders');
    expect(reply.sections[0]?.claims.map((c) => `${c.label} | ${c.text}`)).toEqual([
      '11 October 2025, 09:00 UTC | 30 days before: The council votes on the harbour mission (10 November 2025)',
      '3 November 2025, 09:00 UTC | 7 days before: The council votes on the harbour mission (10 November 2025)',
      '13 February 2026, 09:00 UTC | 30 days before: The spring review of the harbour mission (15 March 2026)',
      '8 March 2026, 09:00 UTC | 7 days before: The spring review of the harbour mission (15 March 2026)',
    ]);
    expect(reply.sections[0]?.claims.every((c) => c.citations.length > 0)).toBe(true);
    expect(await store.getSubscription('slack:C0HAITI')).toMatchObject({ channel: slack, leadDays: [30, 7], origin: 'chat', since: clock.now() });
  });

  it('says which reminders are already past when a channel subscribes late', async () => {
    clock.set('2025-10-20T12:00:00Z');
    const reply = await engine.answerText('remind on', { channel: slack });
    expect(reply.intro).toContain('Already past, so not sent late: 30 days before The council votes on the harbour mission (10 November 2025).');
    expect(reply.sections[0]?.claims[0]?.label).toBe('3 November 2025, 09:00 UTC');
  });

  it('changes the lead times of a subscribed channel and keeps when it began', async () => {
    await engine.answerText('remind on', { channel: slack });
    clock.set('2025-10-06T12:00:00Z');
    const reply = await engine.answerText('remind on 14 2', { channel: slack });
    expect(reply.intro?.[0]).toBe('Reminders for this channel now come 14 and 2 days before each milestone (they came 30, 7 and 1 days before), posted at 09:00 (UTC).');
    expect(await store.getSubscription('slack:C0HAITI')).toMatchObject({ leadDays: [14, 2], since: new Date('2025-10-05T12:00:00Z') });
    expect((await engine.answerText('remind on 2,14', { channel: slack })).intro?.[0]).toBe(
      'Reminders were already on for this channel, 14 and 2 days before each milestone; nothing was changed.',
    );
  });

  it('lists a channel\'s subscription, or says it has none', async () => {
    const none = await engine.answerText('remind list', { channel: slack });
    expect(none.intro?.[0]).toMatch(/^This channel has no reminders\. Type "remind on"/);
    expect(none.sections.map((s) => s.heading)).toEqual(['Milestones ahead']);
    await engine.answerText('remind on 1', { channel: slack });
    const list = await engine.answerText('remind list', { channel: slack });
    expect(list.intro?.[0]).toBe('This channel gets reminders 1 day before each milestone, posted at 09:00 (UTC).');
    expect(list.sections[0]?.claims.map((c) => c.label)).toEqual(['9 November 2025, 09:00 UTC', '14 March 2026, 09:00 UTC']);
  });

  it('unsubscribes the channel, and says so when there was nothing to stop', async () => {
    await engine.answerText('remind on', { channel: slack });
    expect((await engine.answerText('remind off', { channel: slack })).intro?.[0]).toBe('Reminders are off for this channel: no more will be posted here.');
    expect(await store.getSubscription('slack:C0HAITI')).toBeNull();
    expect((await engine.answerText('remind off', { channel: slack })).intro?.[0]).toBe('This channel had no reminders, so nothing was changed.');
  });

  it.each([
    ['remind on -5', '"-5" is not a lead time: lead times are whole numbers of days from 1 to 365, like "remind on 30,7,1".'],
    ['remind on abc', '"abc" is not a lead time: lead times are whole numbers of days from 1 to 365, like "remind on 30,7,1".'],
    ['remind on 400', '"400" is not a lead time: lead times are whole numbers of days from 1 to 365, like "remind on 30,7,1".'],
  ])('answers "%s" with a clear message and changes nothing', async (text, problem) => {
    await engine.answerText('remind on 30,7', { channel: slack });
    const before = await store.listSubscriptions();
    const reply = await engine.answerText(text, { channel: slack });
    expect(reply).toMatchObject({ kind: 'error', answered: false });
    expect(reply.intro?.[0]).toBe(problem);
    expect(renderText(reply)).toContain('remind on [30,7,1] | remind off | remind list');
    expect(await store.listSubscriptions()).toEqual(before);
    expect(await engine.answerText(text, { channel: { platform: 'slack', id: 'COTHER' } })).toMatchObject({ kind: 'error' });
    expect(await store.getSubscription('slack:COTHER')).toBeNull();
  });

  it('keeps a Teams channel\'s conversation reference, to post there later', async () => {
    await engine.answerText('remind on', { channel: teams });
    expect((await store.getSubscription('teams:19:abc@thread.tacv2'))?.channel).toEqual(teams);
  });

  it('changes nothing where reminders cannot be posted: the local console, or no channel at all', async () => {
    const console = await engine.answerText('remind on', { channel: { platform: 'console', id: 'local-console' } });
    expect(console).toMatchObject({ kind: 'remind', answered: false });
    expect(console.intro?.[0]).toBe('Reminders are posted to Slack and Teams channels, and this bot cannot post to the local console, so nothing was changed.');
    const nowhere = await engine.answerText('remind on');
    expect(nowhere.intro?.[0]).toBe('Reminders are posted to a channel: type this in the Slack or Teams channel that should get them. Nothing was changed.');
    expect(await store.listSubscriptions()).toEqual([]);
  });
});
