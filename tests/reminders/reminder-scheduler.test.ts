import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/ports.js';
import { openReminders } from '../../src/scheduler/open-reminders.js';
import { loadReminderConfig } from '../../src/scheduler/reminder-config.js';
import { scheduleReminders } from '../../src/scheduler/reminder-scheduler.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { RecordingSender } from '../doubles/recording-sender.js';
import { reminderKnowledge } from '../doubles/reminder-knowledge.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-process reminder schedule (node-cron)', () => {
  it('runs the tick at the start of every minute, never two at once, until stopped', async () => {
    vi.useFakeTimers({ now: new Date('2025-11-03T08:58:30Z') });
    const ticks: string[] = [];
    let release: () => void = () => undefined;
    const schedule = scheduleReminders(
      async () => {
        ticks.push(new Date().toISOString());
        if (ticks.length === 2) await new Promise<void>((r) => (release = r));
      },
      { expression: '* * * * *', logger: new RecordingLogger() },
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(ticks).toEqual(['2025-11-03T08:59:00.000Z']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ticks).toEqual(['2025-11-03T08:59:00.000Z', '2025-11-03T09:00:00.000Z']);
    // The 09:00 tick is still running at 09:01 and 09:02: those runs are not started on top of it.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ticks).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ticks.at(-1)).toBe('2025-11-03T09:03:00.000Z');
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(ticks.at(-1)).toBe('2025-11-03T09:03:00.000Z');
  });

  it('delivers a due reminder from the schedule, end to end', async () => {
    vi.useFakeTimers({ now: new Date('2025-11-03T08:58:00Z') });
    const logger = new RecordingLogger();
    const dir = mkdtempSync(join(tmpdir(), 'haiti-schedule-'));
    const reminders = await openReminders({
      knowledge: reminderKnowledge(),
      clock: systemClock,
      logger,
      config: loadReminderConfig({ REMINDER_CHANNELS: 'slack:C0HAITI', REMINDER_LEAD_DAYS: '7', REMINDER_TIME_ZONE: 'UTC' }),
      storeConfig: { kind: 'sqlite', file: join(dir, 'brief.sqlite') },
    });
    const sender = new RecordingSender();
    reminders.sender.register('slack', sender);
    reminders.startSchedule();
    await vi.advanceTimersByTimeAsync(90_000);
    expect(sender.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sender.lines()).toEqual(['slack:C0HAITI | Reminder: The council votes on the harbour mission']);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sender.sent).toHaveLength(1);
    await reminders.close();
    expect(logger.named('reminder.sent')).toHaveLength(1);
    expect(logger.named('reminders.tick-failed')).toEqual([]);
  });

  it('logs a failed tick and runs the next one', async () => {
    vi.useFakeTimers({ now: new Date('2025-11-03T08:59:30Z') });
    const logger = new RecordingLogger();
    let runs = 0;
    const schedule = scheduleReminders(
      async () => {
        if (++runs === 1) throw new Error('database is locked');
      },
      { expression: '* * * * *', logger },
    );
    await vi.advanceTimersByTimeAsync(90_000);
    expect(runs).toBe(2);
    expect(logger.named('reminders.tick-failed')).toMatchObject([{ level: 'error', fields: { error: 'database is locked' } }]);
    await schedule.stop();
  });
});
