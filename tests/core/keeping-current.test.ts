import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse-command.js';
import { BriefingEngine } from '../../src/core/engine.js';
import { KnowledgeHolder } from '../../src/core/knowledge/knowledge-holder.js';
import { parseKnowledge, type Knowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { readKnowledgeTexts } from '../../src/core/knowledge/read-knowledge.js';
import { knowledgeOn } from '../../src/core/news/knowledge-on.js';
import { fixedClock, type Clock } from '../../src/core/ports.js';
import { ReminderDelivery } from '../../src/core/reminders/reminder-delivery.js';
import type { Subscription } from '../../src/core/reminders/model.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { RecordingSender } from '../doubles/recording-sender.js';
import { SHIPPED_KB } from '../doubles/fixture-kb.js';

/** A source and statements written for these tests, added to the shipped knowledge. */
const ADDED = `sources:
  - id: test-bulletin-2026-11
    kind: reference
    publisher: Test Bulletin
    title: A bulletin written for the tests
    date: "2026-11-26"
    precision: day
    url: null
facts:
  - id: test-bulletin-staff
    text: The test bulletin counts 1,250 staff at the support office.
    cite:
      - source: test-bulletin-2026-11
events:
  - id: test-bulletin-review
    date: "2027-01-05"
    precision: day
    kind: other
    title: The support office's first review
    milestone: true
    stake: The review decides the office's next year.
    stakeCite:
      - source: test-bulletin-2026-11
    cite:
      - source: test-bulletin-2026-11
`;

function knowledge(extra?: string): Knowledge {
  const texts = readKnowledgeTexts(SHIPPED_KB, PROJECT_ROOT);
  if (extra) texts.push({ name: 'briefs/facts/test-bulletin.yaml', text: extra });
  const result = parseKnowledge(texts);
  if (!result.knowledge) throw new Error(JSON.stringify(result.problems));
  return result.knowledge;
}

const shipped = knowledge();
const grown = knowledge(ADDED);
const channel = { platform: 'slack' as const, id: 'C0NEWS' };

class MovableClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
}

describe('parsing `new` and `remind on ... no-digest`', () => {
  it.each([
    ['new', { kind: 'new' }],
    ['whatsnew', { kind: 'new' }],
    ["what's new", { kind: 'new' }],
    ['whats new since 2026-11-01', { kind: 'new', since: '2026-11-01' }],
    ['New since 2026-11-01', { kind: 'new', since: '2026-11-01' }],
    ['new 2026-11-01', { kind: 'new', since: '2026-11-01' }],
    ['remind on 14,2 no-digest', { kind: 'remind', action: 'on', leadDays: [14, 2], leadsGiven: true, digest: false }],
    ['remind on without digest', { kind: 'remind', action: 'on', leadDays: [30, 7, 1], digest: false }],
    ['remind on', { kind: 'remind', action: 'on', leadDays: [30, 7, 1] }],
  ])('reads "%s"', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('says what is wrong with a date that is not one', () => {
    expect(parseCommand('new since 2026-02-30')).toMatchObject({ kind: 'invalid', topic: 'new', problem: expect.stringContaining('"2026-02-30" is not a date') });
    expect(parseCommand('new since yesterday')).toMatchObject({ kind: 'invalid', topic: 'new' });
  });
});

describe('honest replays: the bot answers as it would have on the clock\'s day', () => {
  it('leaves out the sources published after now, and every statement resting only on them', async () => {
    const engine = new BriefingEngine(shipped, fixedClock(new Date('2025-06-01T12:00:00Z')));
    for (const command of ['status', 'proposals', 'dates', 'sources', 'ask what did resolution 2793 do?']) {
      const reply = await engine.answerText(command);
      for (const source of reply.sources) expect(source.date.date <= '2025-06-01', `${command}: ${source.id}`).toBe(true);
    }
    // The full brief rests on every claim known then; the short one on its key points alone.
    expect((await engine.answerText('status full')).detail?.asOf).toEqual({ date: '2025-05-22', precision: 'day' });
    const later = await new BriefingEngine(shipped, fixedClock(new Date('2025-10-15T12:00:00Z'))).answerText('status');
    expect(later.asOf).toEqual({ date: '2025-09-30', precision: 'day' });
  });

  it('never lists as upcoming an event its own sources already report', async () => {
    const withReport = knowledge(`sources:
  - id: test-monthly-2025-10
    kind: reference
    publisher: Test Monthly
    title: A monthly written for the tests
    date: "2025-10"
    precision: month
    url: null
events:
  - id: test-handover
    date: "2025-10-20"
    precision: day
    kind: other
    title: A handover the monthly reports as done
    cite:
      - source: test-monthly-2025-10
`);
    const reply = await new BriefingEngine(withReport, fixedClock(new Date('2025-10-10T12:00:00Z'))).answerText('dates');
    const upcoming = reply.sections.find((s) => s.heading === 'Ahead')?.claims ?? [];
    const past = reply.sections.find((s) => s.heading === 'The last twelve months')?.claims ?? [];
    expect(upcoming.some((c) => c.text.startsWith('A handover'))).toBe(false);
    expect(past.some((c) => c.text.startsWith('A handover'))).toBe(true);
  });

  it('builds one view per knowledge and cut-off, and none when nothing is later', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(knowledgeOn(shipped, now)).toBe(knowledgeOn(shipped, now));
    expect(knowledgeOn(shipped, new Date('2030-01-01T00:00:00Z'))).toBe(shipped);
  });
});

describe('what is new to a channel', () => {
  it('counts in a brief\'s first line the statements new since the channel\'s last brief, and `new` lists them once', async () => {
    const store = new MemoryStore();
    const holder = new KnowledgeHolder(shipped);
    const clock = new MovableClock(new Date('2026-11-20T10:00:00Z'));
    const engine = new BriefingEngine(holder, clock, { news: store });
    const first = await engine.answerText('status', { channel });
    expect(first.intro?.[0] ?? '').not.toMatch(/new since/);
    expect(await store.channelMark('slack:C0NEWS')).toEqual({ newest: { date: '2025-09-30', precision: 'day' }, at: clock.at });

    holder.swap(grown);
    clock.at = new Date('2026-11-30T10:00:00Z');
    const status = await engine.answerText('status', { channel });
    expect(status.intro?.[0]).toBe('2 statements are new since this channel\'s last brief on 20 November 2026: type "new" to see them.');
    // Other channels have their own marks.
    expect((await engine.answerText('status', { channel: { platform: 'slack', id: 'C0OTHER' } })).intro?.[0] ?? '').not.toMatch(/new since/);

    store.recordChannelMark('slack:C0NEWS2', { newest: { date: '2025-09-30', precision: 'day' }, at: new Date('2026-11-20T10:00:00Z') });
    const news = await engine.answerText('new', { channel: { platform: 'slack', id: 'C0NEWS2' } });
    expect(news).toMatchObject({ kind: 'new', answered: true });
    expect(news.intro?.[0]).toContain('1 source newer than this channel\'s last brief (20 November 2026, current to 30 September 2025); 2 statements rest on them.');
    expect(news.sections.map((s) => s.heading)).toEqual(['New sources', 'New statements']);
    expect(news.sections[1]!.claims.map((c) => c.text)).toEqual(['The test bulletin counts 1,250 staff at the support office.', "The support office's first review"]);
    const again = await engine.answerText('new', { channel: { platform: 'slack', id: 'C0NEWS2' } });
    expect(again).toMatchObject({ answered: false });
    expect(again.intro?.[0]).toMatch(/^Nothing new newer than this channel's last brief/);

    const since = await engine.answerText('new since 2026-11-26');
    expect(since.sections[1]!.claims).toHaveLength(2);
    const none = await engine.answerText('new since 2026-11-27');
    expect(none.intro?.[0]).toBe('Nothing new published since 27 November 2026: the newest source is dated 26 November 2026.');
  });

  it('replays `new` honestly: on an earlier day the later source does not exist yet', async () => {
    const engine = new BriefingEngine(grown, fixedClock(new Date('2026-11-01T00:00:00Z')));
    const reply = await engine.answerText('new since 2026-10-01');
    expect(reply.answered).toBe(false);
  });
});

describe('the "New in Haiti Brief" digest', () => {
  const sub = (id: string, extra: Partial<Subscription> = {}): Subscription => ({
    key: `slack:${id}`, channel: { platform: 'slack', id }, leadDays: [30, 7, 1], timeZone: null, postAt: null, origin: 'chat', since: new Date('2026-11-01T00:00:00Z'), ...extra,
  });

  it('goes once per channel and knowledge version to subscribed channels whose last brief is older, unless they turned it off', async () => {
    const store = new MemoryStore();
    const holder = new KnowledgeHolder(shipped);
    const clock = new MovableClock(new Date('2026-11-28T09:00:00Z'));
    const sender = new RecordingSender();
    const logger = new RecordingLogger();
    const seen = { newest: { date: '2025-09-30', precision: 'day' as const }, at: new Date('2026-11-02T00:00:00Z') };
    for (const s of [sub('C1'), sub('C2', { digest: false }), sub('C3')]) {
      await store.saveSubscription(s);
      await store.recordChannelMark(s.key, seen);
    }
    const delivery = new ReminderDelivery({ knowledge: holder, store, sender, clock, logger });
    expect((await delivery.tick()).digests).toBe(0);

    holder.swap(grown);
    clock.at = new Date('2026-11-28T09:01:00Z');
    const report = await delivery.tick();
    expect(report.digests).toBe(2);
    expect(sender.sent.map((m) => [m.channel.id, m.reply.kind, m.reply.title])).toEqual([
      ['C1', 'digest', 'New in Haiti Brief'],
      ['C3', 'digest', 'New in Haiti Brief'],
    ]);
    expect(sender.sent[0]!.reply.intro?.[0]).toBe(
      'A new source since the last brief this channel was sent (current to 30 September 2025): Test Bulletin, "A bulletin written for the tests" (26 November 2026). 2 statements rest on it.',
    );
    expect(await store.channelMark('slack:C1')).toMatchObject({ newest: { date: '2026-11-26' } });

    // More ticks, a second replica on the same store, and a restart send nothing more.
    clock.at = new Date('2026-11-28T09:02:00Z');
    await delivery.tick();
    const replica = new ReminderDelivery({ knowledge: grown, store, sender, clock, logger });
    expect((await replica.tick()).digests).toBe(0);
    expect(sender.sent).toHaveLength(2);
    expect(logger.named('digest.sent')).toHaveLength(2);
  });

  it('reminds of a milestone added while running from the next tick on', async () => {
    const store = new MemoryStore();
    const holder = new KnowledgeHolder(shipped);
    await store.saveSubscription(sub('C1'));
    await store.recordChannelMark('slack:C1', { newest: { date: '2026-11-26', precision: 'day' }, at: new Date('2026-11-27T00:00:00Z') });
    const clock = new MovableClock(new Date('2026-12-06T08:00:00Z'));
    const sender = new RecordingSender();
    const delivery = new ReminderDelivery({ knowledge: holder, store, sender, clock, logger: new RecordingLogger() });
    await delivery.tick();
    holder.swap(grown);
    clock.at = new Date('2026-12-06T09:00:00Z');
    const report = await delivery.tick();
    expect(report.sent).toBe(1);
    expect(sender.sent[0]!.reply.title).toBe("Reminder: The support office's first review");
  });
});

describe('`remind on no-digest` through the engine', () => {
  it('keeps the reminders and turns the digest off; "remind on" turns it back on; the subscription marks what the channel has', async () => {
    const { createRemindHandler } = await import('../../src/core/reminders/remind-handler.js');
    const store = new MemoryStore();
    const holder = new KnowledgeHolder(shipped);
    const remind = createRemindHandler({ knowledge: holder, store, defaults: { timeZone: 'UTC', postAt: '09:00' }, canDeliver: () => true });
    const engine = new BriefingEngine(holder, fixedClock(new Date('2026-11-20T10:00:00Z')), { remind, news: store });
    const off = await engine.answerText('remind on 14,2 no-digest', { channel });
    expect(off.intro).toContain('No "New in Haiti Brief" posts here: type "remind on" to have them again.');
    expect(await store.getSubscription('slack:C0NEWS')).toMatchObject({ leadDays: [14, 2], digest: false });
    expect(await store.channelMark('slack:C0NEWS')).toMatchObject({ newest: { date: '2025-09-30' } });
    const on = await engine.answerText('remind on 14,2', { channel });
    expect(on.intro?.join(' ')).toContain('this channel also gets one short "New in Haiti Brief" post');
    expect((await store.getSubscription('slack:C0NEWS'))?.digest).toBeUndefined();
    const list = await engine.answerText('remind list', { channel });
    expect(list.intro?.join(' ')).toContain('"remind on no-digest" turns it off');
  });
});

describe('reloading the knowledge of a running bot', async () => {
  const { KnowledgeReloader } = await import('../../src/reload/knowledge-reloader.js');
  const { fixtureDir } = await import('../doubles/fixture-kb.js');

  it('swaps in a valid change on SIGHUP and on a file change, and keeps the previous knowledge on an invalid one, logging every file:line', async () => {
    const dir = fixtureDir();
    const first = parseKnowledge(readKnowledgeTexts(dir)).knowledge!;
    const holder = new KnowledgeHolder(first);
    const logger = new RecordingLogger();
    const reloader = new KnowledgeReloader({ holder, knowledgeDir: dir, corpusDir: join(dir, 'none'), logger, debounceMs: 50 });
    reloader.start();
    try {
      const reloaded = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (holder.generation >= 1) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
      process.kill(process.pid, 'SIGHUP');
      await reloaded;
      expect(logger.named('knowledge.reloaded')[0]!.fields).toMatchObject({ reason: 'SIGHUP' });

      const current = holder.current();
      writeFileSync(join(dir, 'facts.yaml'), 'facts:\n  - id: Bad Id\n    text: ""\n    cite: []\n');
      await new Promise((resolve) => setTimeout(resolve, 400));
      const failed = logger.named('knowledge.reload-failed');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      const problems = failed.at(-1)!.fields.problems as string[];
      expect(problems.length).toBeGreaterThanOrEqual(3);
      for (const p of problems) expect(p).toMatch(/facts\.yaml:\d+: /);
      expect(holder.current()).toBe(current);

      // A draft never triggers a reload (nor is it loaded).
      const before = logger.events.length;
      const drafts = join(dir, 'drafts');
      mkdirSync(drafts, { recursive: true });
      writeFileSync(join(drafts, 'x.yaml'), 'not: [valid');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(logger.events.slice(before).filter((e) => String(e.fields.event).startsWith('knowledge.reload'))).toEqual([]);
    } finally {
      reloader.stop();
    }
  });
});
