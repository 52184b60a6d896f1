import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { runProcess } from '../doubles/run-process.js';

const quiet = { DATABASE_URL: '', SLACK_BOT_TOKEN: undefined, SLACK_APP_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined };

describe('the bot\'s composition root and reminders', () => {
  it('opens the store from the configuration at start, and the console says it cannot take reminders', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haiti-main-'));
    const result = await runProcess('npm', ['start', '--silent'], { input: 'remind on 30,7\nquit\n', env: { ...quiet, DATA_DIR: dataDir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Reminders are posted to Slack and Teams channels, and this bot cannot post to the local console, so nothing was changed.');
    const file = join(dataDir, 'haiti-brief.sqlite');
    expect(existsSync(file)).toBe(true);
    const store = new SqliteStore(file);
    expect(await store.listSubscriptions()).toEqual([]);
    await store.close();
  });

  it('refuses to start, saying which store and why, when the store cannot be opened', async () => {
    const result = await runProcess('npm', ['start', '--silent'], { input: 'quit\n', env: { ...quiet, DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/brief' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Haiti Brief cannot start: the reminder store (PostgreSQL 127.0.0.1:1/brief) could not be opened:');
    expect(result.stderr).not.toContain('s3cret');
  });

  it('syncs the operator\'s channels into the store and stops cleanly on SIGTERM while a chat adapter runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'haiti-main-'));
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...quiet, DATA_DIR: dataDir, TEAMS_AUTH: 'off', TEAMS_PORT: '0', LOG_LEVEL: 'info', REMINDER_CHANNELS: 'slack:C0HAITI' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const listening = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('"event":"reminders.delivering"')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await listening;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('"event":"reminders.configured-channels"');
    const store = new SqliteStore(join(dataDir, 'haiti-brief.sqlite'));
    expect((await store.listSubscriptions()).map((s) => [s.key, s.origin])).toEqual([['slack:C0HAITI', 'config']]);
    await store.close();
  });
});
