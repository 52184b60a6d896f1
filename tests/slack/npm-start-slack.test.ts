import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FakeSlackApi } from '../doubles/fake-slack-api.js';
import { runProcess } from '../doubles/run-process.js';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.js';

let fake: FakeSlackApi | undefined;
afterEach(() => fake?.close());

/** Environment without any chat credential the developer's shell may hold. */
const clean = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', PORT: '', HOST: '' };

describe('`npm start` with Slack credentials', () => {
  it('stops with a message naming a malformed variable and its shape', async () => {
    const result = await runProcess('npm', ['start', '--silent'], { env: { ...clean, SLACK_BOT_TOKEN: 'xoxp-a-user-token', SLACK_SIGNING_SECRET: SIGNING_SECRET } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Haiti Brief cannot start. Invalid Slack configuration:');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN should be the bot token, like xoxb-');
    expect(result.stderr).not.toContain('xoxp-a-user-token');
    expect(result.stdout).not.toContain('local console');
  });

  it('runs the Slack app in HTTP mode (what npm start runs), serves /healthz, and stops cleanly on SIGTERM', async () => {
    fake = await FakeSlackApi.start();
    // What `npm start` runs (node dist/main.js), in one process, so the signal reaches the app itself.
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...clean, DATA_DIR: mkdtempSync(join(tmpdir(), 'haiti-data-')), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${stderr}`)), 20_000);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const started = /"event":"slack\.started","mode":"http","port":(\d+)/.exec(stderr);
        if (started) {
          clearTimeout(timer);
          resolve(Number(started[1]));
        }
      });
      child.on('exit', () => reject(new Error(`exited early:\n${stderr}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ ok: true, mode: 'http' });
    expect(fake.callsTo('auth.test')).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('"event":"slack.stopped"');
    expect(stderr).not.toContain(BOT_TOKEN);
  });

  it('stops with status 1 and says what to check when Slack refuses the bot token', async () => {
    fake = await FakeSlackApi.start();
    fake.script('auth.test', { error: 'invalid_auth' });
    const result = await runProcess(process.execPath, ['dist/main.js'], {
      env: { ...clean, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Haiti Brief cannot start the Slack app. Slack did not accept SLACK_BOT_TOKEN (auth.test: invalid_auth).');
    expect(result.stderr).not.toContain(BOT_TOKEN);
  });
});
