// Issue 14, item 7: exactly once across crashes on Slack. A real bot process posts a reminder; the fake Slack
// Web API takes the post (it is in the channel's history) but never answers, and the test kills the bot with
// SIGKILL there: between Slack accepting the post and the bot recording it. Once the claim's lease has run out,
// a restarted bot looks the reminder up in the channel's recent history (conversations.history, by the
// delivery key in the message's metadata), records it, and does not post it again.
// Before the fix, the restarted bot posted the reminder a second time (15 duplicates over 5 kill -9 trials).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { FakeSlackApi, type RecordedCall } from '../doubles/fake-slack-api.js';
import { FIXTURE_CORPUS, fixtureDir } from '../doubles/fixture-kb.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';
import { MAIN_JS } from '../doubles/spawn-bot.js';

const CHANNEL = 'C0REMINDED';
let fake: FakeSlackApi | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
});

const isReminder = (c: RecordedCall): boolean => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && typeof c.body.metadata?.event_payload?.haiti_delivery === 'string';

/** Starts the real bot (Slack over HTTP) and resolves with its stderr so far once the reminders tick runs. */
function startBot(env: Record<string, string>): { child: ChildProcess; log: () => string; started: Promise<void> } {
  const child = spawn(process.execPath, [MAIN_JS], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stdout?.resume();
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 40 s:\n${stderr}`)), 40_000);
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('"event":"reminders.delivering"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code, signal) => reject(new Error(`exited early (${code ?? signal}):\n${stderr}`)));
  });
  return { child, log: () => stderr, started };
}

describe('a reminder whose post Slack took, when the bot is killed before recording it', () => {
  it('is recorded from the channel history after a restart, not posted again', async () => {
    fake = await FakeSlackApi.start();
    // A milestone tomorrow and a 1-day reminder due two minutes ago (posting time HH:MM), within the grace period.
    const due = new Date(Date.now() - 2 * 60_000);
    const milestone = new Date(due.getTime() + 86_400_000).toISOString().slice(0, 10);
    const postAt = due.toISOString().slice(11, 16);
    const knowledgeDir = fixtureDir({ 'timeline.yaml': (t) => t.replace('date: "2025-06"\n    precision: month', `date: "${milestone}"\n    precision: day`) });
    const dataDir = mkdtempSync(join(tmpdir(), 'haiti-crash-'));
    const file = join(dataDir, 'haiti-brief.sqlite');
    const seed = new SqliteStore(file);
    await seed.saveSubscription({ key: `slack:${CHANNEL}`, channel: { platform: 'slack', id: CHANNEL }, leadDays: [1], timeZone: 'UTC', postAt, origin: 'chat', since: new Date('2025-01-01T00:00:00Z') });
    await seed.close();
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      KNOWLEDGE_DIR: knowledgeDir,
      CORPUS_DIR: FIXTURE_CORPUS,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      REMINDER_SCHEDULE: '* * * * * *', // every second
      REMINDER_CHANNELS: '',
      LOG_LEVEL: 'info',
    };

    // 1. The first bot posts the reminder; Slack takes it but the answer never comes back; kill -9 there.
    const held = fake.hold('chat.postMessage', (body) => body.channel === CHANNEL);
    const first = startBot(env);
    await first.started;
    await fake.waitFor(isReminder, 30_000);
    const killed = new Promise((resolve) => first.child.on('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    held.release();
    expect(fake.calls.filter(isReminder)).toHaveLength(1);

    // 2. The ledger holds a claim never recorded; let its 10-minute lease run out (as if the bot had been down that long).
    const db = new Database(file);
    expect(db.prepare('SELECT state FROM deliveries').all()).toEqual([{ state: 'claimed' }]);
    db.prepare('UPDATE deliveries SET lease_until = ?').run(Date.now() - 1000);
    db.close();

    // 3. A restarted bot takes the reminder over, finds it in the channel, records it, and posts nothing.
    const second = startBot(env);
    await second.started;
    await fake.waitFor((c) => c.method === 'conversations.history' && c.body.channel === CHANNEL && c.body.include_all_metadata === 'true', 30_000);
    const deadline = Date.now() + 15_000;
    let state = '';
    while (Date.now() < deadline && state !== 'sent') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const check = new Database(file, { readonly: true });
      state = (check.prepare('SELECT state FROM deliveries').get() as { state: string }).state;
      check.close();
    }
    expect(state).toBe('sent');
    expect(second.log()).toContain('"event":"reminder.found-sent"');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a few more ticks: still nothing new
    expect(fake.calls.filter(isReminder)).toHaveLength(1);
    second.child.kill('SIGTERM');
  }, 120_000);
});
