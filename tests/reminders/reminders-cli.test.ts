import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { RecordingSender } from '../doubles/recording-sender.js';
import { runProcess } from '../doubles/run-process.js';

async function cli(argv: string[], env: Record<string, string | undefined> = {}, senders = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { REMINDER_TIME_ZONE: 'UTC', ...env }, cwd: PROJECT_ROOT, senders });
  return { code, out, err };
}

describe('brief reminders plan', () => {
  it('lists the reminders a default subscription gets in a window, as JSON', async () => {
    const { code, out } = await cli(['reminders', 'plan', '--from', '2025-08-01', '--to', '2025-10-31T23:59:59Z', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as { reminders: Record<string, unknown>[]; leadDays: number[]; timeZone: string; postAt: string };
    expect(plan).toMatchObject({ kind: 'reminders-plan', leadDays: [30, 7, 1], timeZone: 'UTC', postAt: '09:00' });
    expect(plan.reminders).toEqual([
      { milestoneId: 'ev-mss-authorization-ends', milestoneDate: '2025-10-02', precision: 'day', milestoneDateText: '2 October 2025', title: 'The MSS authorization ends', leadDays: 30, sendAt: '2025-09-02T09:00:00.000Z' },
      expect.objectContaining({ milestoneId: 'ev-mss-authorization-ends', leadDays: 7, sendAt: '2025-09-25T09:00:00.000Z' }),
      expect.objectContaining({ milestoneId: 'ev-mss-authorization-ends', leadDays: 1, sendAt: '2025-10-01T09:00:00.000Z' }),
    ]);
  });

  it('counts a month-precision milestone from its first day, in the configured time zone and hour, as text', async () => {
    const { code, out } = await cli(['reminders', 'plan', '--from=2025-02-01', '--to=2025-04-01'], { REMINDER_TIME_ZONE: 'America/Port-au-Prince', REMINDER_POST_AT: '07:00' });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Reminders from 2025-02-01T00:00:00.000Z to 2025-04-01T00:00:00.000Z for a channel subscribed 30, 7 and 1 days before each milestone, posted at 07:00 (America/Port-au-Prince):',
        '  2025-03-02T12:00:00.000Z   30 day(s) before  ev-binuh-council-meeting-2025 (April 2025)',
        '  2025-03-25T11:00:00.000Z    7 day(s) before  ev-binuh-council-meeting-2025 (April 2025)',
        '  2025-03-31T11:00:00.000Z    1 day(s) before  ev-binuh-council-meeting-2025 (April 2025)',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [['reminders', 'plan', '--from', '2025-08-01'], '"reminders plan" needs --from and --to.'],
    [['reminders', 'plan', '--from', 'August', '--to', '2025-10-01'], '--from wants an ISO-8601 instant'],
    [['reminders', 'plan', '--from', '2025-10-01', '--to', '2025-08-01'], '--to is before --from.'],
    [['reminders', 'plan', '--now', '2025-10-01'], '"reminders plan" does not take "--now".'],
    [['reminders', 'send'], '"reminders send" is not a command: use "reminders run" or "reminders plan".'],
    [['reminders'], 'Say "reminders run" or "reminders plan".'],
  ])('refuses %j with a clear message and exit status 2', async (argv, message) => {
    const { code, err, out } = await cli(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain('brief reminders run [--now <ISO>]');
  });

  it('refuses bad reminder configuration, naming the variable', async () => {
    const { code, err } = await cli(['reminders', 'plan', '--from', '2025-08-01', '--to', '2025-09-01'], { REMINDER_TIME_ZONE: 'Haiti/Port' });
    expect(code).toBe(2);
    expect(err).toContain('REMINDER_TIME_ZONE: must be an IANA time zone');
  });

  it('works as a real process through npm run brief', async () => {
    const result = await runProcess('npm', ['run', '--silent', 'brief', '--', 'reminders', 'plan', '--from', '2025-09-01', '--to', '2025-09-30', '--json'], { env: { DATABASE_URL: '', REMINDER_TIME_ZONE: 'UTC' } });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { reminders: { sendAt: string }[] }).reminders.map((r) => r.sendAt)).toEqual(['2025-09-02T09:00:00.000Z', '2025-09-25T09:00:00.000Z']);
  });
});

describe('brief reminders run', () => {
  it('runs one tick: sends what is due to the configured channels, once, and says what it did', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haiti-cli-'));
    const env = { DATA_DIR: dataDir, REMINDER_CHANNELS: 'slack:C0HAITI', LOG_LEVEL: 'info' };
    const sender = new RecordingSender();
    const first = await cli(['reminders', 'run', '--now', '2025-09-02T09:00:00Z'], env, { slack: sender });
    expect(first.code).toBe(0);
    expect(first.out).toBe('Reminder tick at 2025-09-02T09:00:00.000Z: 1 due, 1 sent, 0 to retry, 0 failed, 0 skipped.\n');
    expect(sender.lines()).toEqual(['slack:C0HAITI | Reminder: The MSS authorization ends']);
    const logged = first.err.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'reminder.sent', channel: 'slack:C0HAITI', milestone: 'ev-mss-authorization-ends', leadDays: 30 })]));

    const again = await cli(['reminders', 'run', '--now', '2025-09-02T09:01:00Z', '--json'], env, { slack: sender });
    expect(JSON.parse(again.out)).toMatchObject({ kind: 'reminders-run', at: '2025-09-02T09:01:00.000Z', due: 0, sent: 0 });
    const week = await cli(['reminders', 'run', '--now', '2025-09-25T09:00:00Z', '--json'], env, { slack: sender });
    expect(JSON.parse(week.out)).toMatchObject({ due: 1, sent: 1 });
    expect(sender.sent).toHaveLength(2);

    const store = new SqliteStore(join(dataDir, 'haiti-brief.sqlite'));
    expect((await store.deliveries()).map((d) => [d.subscriptionKey, d.leadDays, d.state])).toEqual([
      ['slack:C0HAITI', 30, 'sent'],
      ['slack:C0HAITI', 7, 'sent'],
    ]);
    await store.close();
  });

  it('keeps a reminder for a later tick when no sender for its platform is configured', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'haiti-cli-')), REMINDER_CHANNELS: 'teams:19:abc@thread.tacv2', LOG_LEVEL: 'silent' };
    const run = await cli(['reminders', 'run', '--now', '2025-09-02T09:00:00Z'], env);
    expect(run.code).toBe(0);
    expect(run.out).toContain('1 due, 0 sent, 1 to retry');
    const sender = new RecordingSender();
    const later = await cli(['reminders', 'run', '--now', '2025-09-02T09:05:00Z'], env, { teams: sender });
    expect(later.out).toContain('1 due, 1 sent');
    expect(sender.sent[0]?.channel).toEqual({ platform: 'teams', id: '19:abc@thread.tacv2' });
  });

  it('says which store could not be opened, without its password, and exits with status 1', async () => {
    const run = await cli(['reminders', 'run', '--now', '2025-09-02T09:00:00Z'], { DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/brief', LOG_LEVEL: 'silent' });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain('brief: the reminder store (PostgreSQL 127.0.0.1:1/brief) could not be opened:');
    expect(run.err).not.toContain('s3cret');
  });
});
