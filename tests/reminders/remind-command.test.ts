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
    expect(reply.intro?.[0]).toBe('Reminders for this channel now come 14 and 2 days before each milestone, posted at 09:00 (UTC) (before: 30, 7 and 1 days, posted at 09:00 (UTC)).');
    expect(reply.announce).toBe('changed milestone reminders here to 14 and 2 days before, at 09:00 UTC');
    expect(await store.getSubscription('slack:C0HAITI')).toMatchObject({ leadDays: [14, 2], since: new Date('2025-10-05T12:00:00Z') });
    expect((await engine.answerText('remind on 2,14', { channel: slack })).intro?.[0]).toBe(
      'Reminders were already on for this channel, 14 and 2 days before each milestone, posted at 09:00 (UTC); nothing was changed.',
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
    expect(renderText(reply)).toContain('remind on [30,7,1] [at HH:MM] [in Area/City] | remind off | remind list');
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

  it('sets the posting time and time zone for the channel, announces it, and lists the next reminders in local time', async () => {
    const reply = await engine.answerText('remind on 30,7,1 at 09:00 in America/Port-au-Prince', { channel: slack, user: { id: 'U0ANA' } });
    expect(reply.intro?.[0]).toBe('Reminders are on for this channel: 30, 7 and 1 days before each milestone, posted at 09:00 (America/Port-au-Prince).');
    expect(reply.announce).toBe('turned on milestone reminders here: 30, 7 and 1 days before, at 09:00 America/Port-au-Prince');
    // 10 November 2025 is after the US change back to standard time (2 November): 09:00 in Port-au-Prince is 14:00 UTC;
    // 11 October is still in daylight saving time: 13:00 UTC.
    expect(reply.sections[0]?.claims.slice(0, 3).map((c) => c.label)).toEqual([
      '11 October 2025, 09:00 (America/Port-au-Prince)',
      '3 November 2025, 09:00 (America/Port-au-Prince)',
      '9 November 2025, 09:00 (America/Port-au-Prince)',
    ]);
    const sub = await store.getSubscription('slack:C0HAITI');
    expect(sub).toMatchObject({ leadDays: [30, 7, 1], timeZone: 'America/Port-au-Prince', postAt: '09:00' });
    const { planReminders } = await import('../../src/core/reminders/reminder-schedule.js');
    const plan = planReminders(reminderKnowledge().events.filter((e) => e.milestone), [sub!], { after: clock.now(), until: new Date('2025-11-30T00:00:00Z') }, { timeZone: 'UTC', postAt: '09:00' });
    expect(plan.map((p) => p.sendAt.toISOString())).toEqual(['2025-10-11T13:00:00.000Z', '2025-11-03T14:00:00.000Z', '2025-11-09T14:00:00.000Z']);
    const list = await engine.answerText('remind list', { channel: slack });
    expect(list.intro?.[0]).toBe('This channel gets reminders 30, 7 and 1 days before each milestone, posted at 09:00 (America/Port-au-Prince).');
    expect(list.announce).toBeUndefined();
  });

  it('keeps the lead times when only the time or the zone changes, and says nothing to the channel when nothing changed', async () => {
    await engine.answerText('remind on 14', { channel: slack });
    const moved = await engine.answerText('remind on in Asia/Tokyo at 23:30', { channel: slack });
    expect(await store.getSubscription('slack:C0HAITI')).toMatchObject({ leadDays: [14], timeZone: 'Asia/Tokyo', postAt: '23:30' });
    expect(moved.announce).toBe('changed milestone reminders here to 14 days before, at 23:30 Asia/Tokyo');
    // 23:30 in Tokyo on 27 October is 14:30 UTC that same day.
    expect(moved.sections[0]?.claims[0]?.label).toBe('27 October 2025, 23:30 (Asia/Tokyo)');
    const again = await engine.answerText('remind on at 23:30', { channel: slack });
    expect(again.intro?.[0]).toMatch(/^Reminders were already on for this channel.*nothing was changed\.$/);
    expect(again.announce).toBeUndefined();
    const off = await engine.answerText('remind off', { channel: slack });
    expect(off.announce).toBe('turned off milestone reminders here');
    expect((await engine.answerText('remind off', { channel: slack })).announce).toBeUndefined();
  });

  it('keeps local time across a daylight-saving change in Europe', async () => {
    clock.set('2026-02-01T12:00:00Z');
    const reply = await engine.answerText('remind on 30,7 at 08:00 in Europe/Paris', { channel: slack });
    // 13 February is winter time (UTC+1), 8 March too; the clocks change on 29 March, after the milestone.
    const sub = (await store.getSubscription('slack:C0HAITI'))!;
    const { planReminders } = await import('../../src/core/reminders/reminder-schedule.js');
    const plan = planReminders(reminderKnowledge().events.filter((e) => e.milestone), [{ ...sub, leadDays: [30, 7, 1] }], { after: clock.now(), until: new Date('2026-12-31T00:00:00Z') }, { timeZone: 'UTC', postAt: '09:00' });
    expect(plan.map((p) => p.sendAt.toISOString())).toEqual(['2026-02-13T07:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-14T07:00:00.000Z']);
    expect(reply.sections[0]?.claims.map((c) => c.label)).toEqual(['13 February 2026, 08:00 (Europe/Paris)', '8 March 2026, 08:00 (Europe/Paris)']);
  });

  it.each(['remind on at 24:00', 'remind on in Mars/Olympus', 'remind on 7 at 9:61 in UTC'])('changes nothing on "%s"', async (text) => {
    await engine.answerText('remind on 30 at 10:00 in America/Port-au-Prince', { channel: slack });
    const before = await store.listSubscriptions();
    const reply = await engine.answerText(text, { channel: slack });
    expect(reply).toMatchObject({ kind: 'error', answered: false });
    expect(reply.announce).toBeUndefined();
    expect(await store.listSubscriptions()).toEqual(before);
  });

  it('remind me: subscribes the person in a direct message, apart from the channel, and announces nothing', async () => {
    const direct = async (): Promise<ChannelRef> => ({ platform: 'slack', id: 'U0ANA' });
    const on = await engine.answerText('remind me on 7 at 07:15 in America/New_York', { channel: slack, user: { id: 'U0ANA' }, direct });
    expect(on.intro?.[0]).toBe('Reminders are on for you, in a direct message: 7 days before each milestone, posted at 07:15 (America/New_York).');
    expect(on.announce).toBeUndefined();
    expect(on.suggestions).toEqual(['remind me list', 'remind me off']);
    expect(await store.getSubscription('slack:U0ANA')).toMatchObject({ channel: { platform: 'slack', id: 'U0ANA' }, leadDays: [7], timeZone: 'America/New_York' });
    expect(await store.getSubscription('slack:C0HAITI')).toBeNull();
    const list = await engine.answerText('remind me list', { channel: slack, direct });
    expect(list.intro?.[0]).toBe('You get, in a direct message, reminders 7 days before each milestone, posted at 07:15 (America/New_York).');
    const off = await engine.answerText('remind me off', { channel: slack, direct });
    expect(off.intro?.[0]).toBe('Reminders are off for you, in a direct message: no more will be posted in your direct messages.');
    expect(await store.getSubscription('slack:U0ANA')).toBeNull();
    const nowhere = await engine.answerText('remind me on', { channel: slack });
    expect(nowhere).toMatchObject({ answered: false });
    expect(await store.listSubscriptions()).toEqual([]);
  });
});
