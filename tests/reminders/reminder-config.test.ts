import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { syncConfiguredChannels } from '../../src/core/reminders/config-subscriptions.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadReminderConfig } from '../../src/scheduler/reminder-config.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { describeStore, loadStoreConfig } from '../../src/store/store-config.js';
import { subscription } from './delivery-harness.js';

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('the reminders configuration', () => {
  it('defaults to a tick every minute, 09:00 in Port-au-Prince, a 24-hour grace period and lead times 30, 7 and 1', () => {
    expect(loadReminderConfig({})).toEqual({
      schedule: '* * * * *',
      defaults: { timeZone: 'America/Port-au-Prince', postAt: '09:00' },
      graceMs: 24 * 3_600_000,
      leadDays: [30, 7, 1],
      channels: [],
    });
  });

  it('reads operator channels as a short list or as JSON with lead times, time zone and a Teams reference', () => {
    const short = loadReminderConfig({ REMINDER_CHANNELS: 'slack:C0123 teams:19:abc@thread.tacv2', REMINDER_LEAD_DAYS: '14,2', REMINDER_TIME_ZONE: 'America/Port-au-Prince', REMINDER_POST_AT: '08:30' });
    expect(short.channels).toEqual([
      { channel: { platform: 'slack', id: 'C0123' }, leadDays: [14, 2], timeZone: null, postAt: null },
      { channel: { platform: 'teams', id: '19:abc@thread.tacv2' }, leadDays: [14, 2], timeZone: null, postAt: null },
    ]);
    expect(short.defaults).toEqual({ timeZone: 'America/Port-au-Prince', postAt: '08:30' });
    const json = loadReminderConfig({
      REMINDER_CHANNELS: JSON.stringify([{ platform: 'teams', id: '19:x', reference: { serviceUrl: 'https://smba.example/' }, leadDays: [1, 7], timeZone: 'Europe/Paris', postAt: '10:00' }]),
    });
    expect(json.channels).toEqual([{ channel: { platform: 'teams', id: '19:x', reference: { serviceUrl: 'https://smba.example/' } }, leadDays: [7, 1], timeZone: 'Europe/Paris', postAt: '10:00' }]);
  });

  it.each([
    [{ REMINDER_TIME_ZONE: 'Haiti' }, 'REMINDER_TIME_ZONE: must be an IANA time zone'],
    [{ REMINDER_POST_AT: '9am' }, 'REMINDER_POST_AT: must be a time of day as HH:MM'],
    [{ REMINDER_LEAD_DAYS: '30,-5' }, 'REMINDER_LEAD_DAYS: "-5" is not a lead time'],
    [{ REMINDER_GRACE_HOURS: 'a day' }, 'REMINDER_GRACE_HOURS: must be a number of hours'],
    [{ REMINDER_SCHEDULE: 'every minute' }, 'REMINDER_SCHEDULE: must be a cron expression'],
    [{ REMINDER_CHANNELS: 'discord:123' }, 'REMINDER_CHANNELS: channel 0.platform'],
    [{ REMINDER_CHANNELS: 'slack:' }, 'REMINDER_CHANNELS: channel 0.id'],
    [{ REMINDER_CHANNELS: '[{"platform": "slack"' }, 'REMINDER_CHANNELS: starts with "[" but is not valid JSON'],
    [{ REMINDER_CHANNELS: '[{"platform":"slack","id":"C1","timeZone":"Nowhere"}]' }, 'REMINDER_CHANNELS: channel 0.timeZone: must be an IANA time zone'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(problem(() => loadReminderConfig(env))).toContain(message);
  });
});

describe('the store configuration', () => {
  it('is a SQLite file under data/ by default, moved by DATA_DIR, and PostgreSQL when DATABASE_URL is set', () => {
    expect(loadStoreConfig({})).toEqual({ kind: 'sqlite', file: resolve(PROJECT_ROOT, 'data', 'haiti-brief.sqlite'), busyTimeoutMs: 5000 });
    expect(loadStoreConfig({ DATA_DIR: 'var/brief' }, '/srv')).toEqual({ kind: 'sqlite', file: '/srv/var/brief/haiti-brief.sqlite', busyTimeoutMs: 5000 });
    const pg = loadStoreConfig({ DATABASE_URL: 'postgres://bot:s3cret@db.internal:5432/brief' });
    expect(pg).toEqual({ kind: 'postgres', url: 'postgres://bot:s3cret@db.internal:5432/brief', timeouts: { connectMs: 3000, statementMs: 5000, idleInTransactionMs: 10_000 } });
    expect(describeStore(pg)).toBe('PostgreSQL db.internal:5432/brief');
  });

  it('bounds every store call: PostgreSQL connect, statement and idle-in-transaction timeouts, SQLite busy timeout (issue 14, item 5)', () => {
    const env = { DATABASE_URL: 'postgres://db/brief', DATABASE_CONNECT_TIMEOUT_MS: '1500', DATABASE_STATEMENT_TIMEOUT_MS: '2500', DATABASE_IDLE_TX_TIMEOUT_MS: '4000' };
    expect(loadStoreConfig(env)).toMatchObject({ timeouts: { connectMs: 1500, statementMs: 2500, idleInTransactionMs: 4000 } });
    expect(loadStoreConfig({ SQLITE_BUSY_TIMEOUT_MS: '250' })).toMatchObject({ kind: 'sqlite', busyTimeoutMs: 250 });
    expect(problem(() => loadStoreConfig({ DATABASE_URL: 'postgres://db/brief', DATABASE_STATEMENT_TIMEOUT_MS: 'soon' }))).toMatch(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL without echoing it', () => {
    const message = problem(() => loadStoreConfig({ DATABASE_URL: 'mysql://root:hunter2@db/brief' }));
    expect(message).toContain('DATABASE_URL: must be a PostgreSQL URL');
    expect(message).not.toContain('hunter2');
  });
});

describe('operator subscriptions from the configuration', () => {
  it('adds and updates configured channels, removes those no longer configured, and leaves chat subscriptions alone', async () => {
    const store = new MemoryStore();
    const t0 = new Date('2025-09-01T00:00:00Z');
    await store.saveSubscription(subscription('CHAT', { leadDays: [2] }));
    await store.saveSubscription(subscription('OLD', { origin: 'config' }));
    const configured = (id: string, leadDays: number[]) => ({ channel: { platform: 'slack' as const, id }, leadDays, timeZone: null, postAt: null });
    expect(await syncConfiguredChannels(store, [configured('NEW', [7]), configured('CHAT', [30])], t0)).toEqual({ saved: ['slack:NEW'], removed: ['slack:OLD'], keptFromChat: ['slack:CHAT'] });
    expect((await store.listSubscriptions()).map((s) => [s.key, s.origin, s.leadDays])).toEqual([
      ['slack:CHAT', 'chat', [2]],
      ['slack:NEW', 'config', [7]],
    ]);
    await syncConfiguredChannels(store, [configured('NEW', [7, 1])], new Date('2025-10-01T00:00:00Z'));
    expect(await store.getSubscription('slack:NEW')).toMatchObject({ leadDays: [7, 1], since: t0 });
  });
});
