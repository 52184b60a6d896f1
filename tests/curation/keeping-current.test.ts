import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { formatDate } from '../../src/core/dates.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FakeSlackApi, type RecordedCall } from '../doubles/fake-slack-api.js';
import { createTestDatabase } from '../doubles/postgres-database.js';
import { commandBody, postToApp } from '../doubles/slack-requests.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';
import { MAIN_JS } from '../doubles/spawn-bot.js';

const DAY = 86_400_000;
const CHANNEL = 'C0KEEP';
const ID = 'testwire-review-board';
/** Environment without any chat or store setting the developer's shell may hold. */
const CLEAN: Record<string, string | undefined> = Object.fromEntries(
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'HOST', 'DATABASE_URL', 'REMINDER_CHANNELS', 'TEAMS_AUTH', 'TEAMS_PORT', 'MicrosoftAppId', 'MicrosoftAppPassword', 'CORPUS_DIR', 'KNOWLEDGE_DIR'].map((k) => [k, undefined]),
);
// Reminders post at 09:00 in UTC here (the bot's default zone is America/Port-au-Prince).
CLEAN.REMINDER_TIME_ZONE = 'UTC';

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
const words = (day: string): string => formatDate({ date: day, precision: 'day' });

// Dates relative to the real clock: the bot runs on it. The document is from yesterday; its milestone lies
// 40 days ahead of today.
const today = new Date(`${dayOf(new Date())}T00:00:00Z`);
const documentDay = dayOf(new Date(today.getTime() - DAY));
const milestoneDay = dayOf(new Date(today.getTime() + 40 * DAY));
/** The 30-day reminder of the milestone: 09:00 UTC, 30 days before it. */
const reminderAt = new Date(new Date(`${milestoneDay}T09:00:00Z`).getTime() - 30 * DAY);

/** A short wire story written for this test (not a real article). */
const DOCUMENT = `Review board sets a date for the police support office

PORT-AU-PRINCE, ${words(documentDay)}. The review board of the international police support office met on Tuesday and set its first formal review for ${words(milestoneDay)}, its chair told reporters.

The office now counts 1,250 staff in three bases, against 2,000 planned. Funding ran short last September, and donors promised a new round next year.

Local officials in Gonaives welcomed the decision.
`;

interface Bot {
  url: string;
  logs: Record<string, unknown>[];
  waitLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<number | null>;
}

/** The bot as `npm start` runs it (node dist/main.js, built by `npm test`) in Slack HTTP mode, on 127.0.0.1. */
async function startBot(env: Record<string, string>): Promise<Bot> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [MAIN_JS], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...CLEAN, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let rest = '';
  child.stderr.on('data', (d: Buffer) => {
    rest += d.toString();
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ raw: line });
      }
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitLog = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = logs.find(match);
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no such log line within ${timeoutMs} ms; the bot logged:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const started = await waitLog((l) => l.event === 'slack.started');
  await waitLog((l) => l.event === 'knowledge.watching');
  return {
    url: `http://127.0.0.1:${String(started.port)}`,
    logs,
    waitLog,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('keeping it current: a curator adds a document and the running bot uses it at once', () => {
  let fake: FakeSlackApi;
  let db: { url: string; drop(): Promise<void> };
  let bot: Bot | undefined;
  let knowledgeDir: string;
  let env: Record<string, string>;
  let responses = 0;

  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'haiti-curator-'));
    knowledgeDir = join(dir, 'briefs');
    // A copy of the shipped knowledge: the test never touches the repository's own briefs/.
    cpSync(join(PROJECT_ROOT, 'briefs'), knowledgeDir, { recursive: true });
    writeFileSync(join(dir, 'review-board.txt'), DOCUMENT);
    env = {
      KNOWLEDGE_DIR: knowledgeDir,
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // A tick every second, so the digest does not wait a minute.
      REMINDER_SCHEDULE: '* * * * * *',
    };
  });

  afterAll(async () => {
    await bot?.stop();
    await fake.close();
    await db.drop();
  });

  const cli = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: { ...CLEAN, ...env } });
    return { code, out, err };
  };

  const command = async (text: string): Promise<void> => {
    const sent = await postToApp(`${bot!.url}/slack/events`, commandBody({ text, channel: CHANNEL, responseUrl: fake.responseUrl(`keep${++responses}`) }), {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(sent.status).toBe(200);
  };

  /** The next call to the fake (from now on) whose body mentions `text`. */
  const nextCallWith = (text: string, timeoutMs = 15_000): Promise<RecordedCall> => {
    const from = fake.calls.length;
    return fake.waitFor((c) => fake.calls.indexOf(c) >= from && JSON.stringify(c.body).includes(text), timeoutMs);
  };

  const digestPosts = (): RecordedCall[] =>
    fake.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL && String(c.body.text).startsWith('New in Haiti Brief'));

  it('adds, drafts, accepts; the running bot reloads, answers from it, posts one digest, and keeps serving through an invalid edit', async () => {
    bot = await startBot(env);
    // The channel subscribes to reminders while the knowledge is still the shipped one.
    const subscribed = nextCallWith('Reminders are on for this channel');
    await command('remind on');
    await subscribed;

    // 1. Register the document: bad metadata changes nothing, good metadata registers it.
    const registry = readFileSync(join(knowledgeDir, 'sources.yaml'), 'utf8');
    const bad = await cli(['add-source', join(knowledgeDir, '..', 'review-board.txt'), '--id', 'nation-2025-05', '--publisher', 'Test Wire', '--title', 'x', '--date', '2026-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('"nation-2025-05" is already a source in sources.yaml');
    expect(bad.err).toContain('is not a real day');
    expect(readFileSync(join(knowledgeDir, 'sources.yaml'), 'utf8')).toBe(registry);
    const added = await cli([
      'add-source', join(knowledgeDir, '..', 'review-board.txt'), '--id', ID, '--publisher', 'Test Wire', '--title', 'Review board sets a date for the police support office', '--date', documentDay, '--url', 'https://example.org/review-board',
    ]);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const after = readFileSync(join(knowledgeDir, 'sources.yaml'), 'utf8');
    expect(after.startsWith(registry.trimEnd())).toBe(true); // comments and layout kept: the entry is added at the end
    expect(readFileSync(join(knowledgeDir, 'corpus', `${ID}.txt`), 'utf8')).toBe(DOCUMENT);

    // 2. Draft: candidate events with their dates read against the document's date, and candidate facts.
    const drafted = await cli(['draft', ID]);
    expect(drafted.code).toBe(0);
    const draftPath = join(knowledgeDir, 'drafts', `${ID}.yaml`);
    const draft = parse(readFileSync(draftPath, 'utf8')) as { events: Record<string, any>[]; facts: Record<string, any>[] };
    const milestone = draft.events.find((e) => e.date === milestoneDay)!;
    expect(milestone).toMatchObject({ precision: 'day', title: '', asks: [] });
    expect(draft.events.find((e) => e.found === 'September')).toMatchObject({ precision: 'month' });
    expect(draft.events.find((e) => e.found === 'next year')).toMatchObject({ precision: 'year', date: String(Number(documentDay.slice(0, 4)) + 1) });
    const staff = draft.facts.find((f) => String(f.cite[0].quote).includes('1,250 staff'))!;
    expect(staff).toMatchObject({ text: '', asks: [] });

    // 3. The curator writes two items in their own words; the rest stay empty.
    Object.assign(milestone, { title: 'First formal review of the police support office', milestone: true, stake: 'The board reviews the support office for the first time.', stakeCite: milestone.cite, asks: ['when is the support office review?', 'support office first formal review date'] });
    Object.assign(staff, { text: 'The police support office has 1,250 staff in three bases, short of the 2,000 it planned.', asks: ['how many staff does the support office have?', 'support office headcount vs plan'] });
    writeFileSync(draftPath, stringify(draft));
    const checkBefore = await cli(['check']);
    expect(checkBefore.code).toBe(0);
    expect(checkBefore.out).toContain(`Open draft (not loaded): drafts/${ID}.yaml: 2 of`);

    // 4. Accept: the two written items move into the knowledge, the untouched ones stay in the draft.
    const accepted = await cli(['accept', ID]);
    expect(accepted.err).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain(`Accepted 2 item(s)`);
    expect(readFileSync(join(knowledgeDir, 'timeline.yaml'), 'utf8')).toContain('First formal review of the police support office');
    expect(existsSync(join(knowledgeDir, 'facts', `${ID}.yaml`))).toBe(true);
    const check = await cli(['check']);
    expect(check.code).toBe(0);
    expect(check.out).toContain('OK: no problems found.');

    // 5. The running bot picked the change up without a restart...
    await bot.waitLog((l) => l.event === 'knowledge.reloaded' && JSON.stringify(l).includes('facts'), 20_000);
    // ...posts one "New in Haiti Brief" digest to the subscribed channel...
    const digest = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && String(c.body.text).startsWith('New in Haiti Brief'), 20_000);
    expect(JSON.stringify(digest.body)).toContain('1,250 staff');
    // ...and answers from it.
    const answer = nextCallWith('1,250 staff in three bases');
    await command('ask how many staff does the support office have?');
    expect(JSON.stringify((await answer).body)).toContain('Test Wire');
    const news = nextCallWith("What's new in Haiti Brief");
    await command(`new since ${documentDay}`);
    expect(JSON.stringify((await news).body)).toContain('First formal review of the police support office');

    // 6. An invalid edit: logged with its file:line, and the bot keeps serving the previous knowledge.
    const factsPath = join(knowledgeDir, 'facts', `${ID}.yaml`);
    const good = readFileSync(factsPath, 'utf8');
    writeFileSync(factsPath, `${good.replace('1,250 staff', '9,999 staff')}  - id: broken-fact\n    text: A fact citing a source nobody registered.\n    cite:\n      - source: no-such-source\n`);
    const failed = await bot.waitLog((l) => l.event === 'knowledge.reload-failed');
    expect((failed.problems as string[]).some((p) => new RegExp(`facts/${ID}\\.yaml:\\d+: .*unknown source "no-such-source"`).test(p))).toBe(true);
    const still = nextCallWith('1,250 staff in three bases');
    await command('ask how many staff does the support office have?');
    expect(JSON.stringify((await still).body)).not.toContain('9,999');
    writeFileSync(factsPath, good);
    await bot.waitLog((l) => l.event === 'knowledge.reloaded' && bot!.logs.indexOf(l) > bot!.logs.indexOf(failed));

    // The digest went out once, however many ticks ran since.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(digestPosts()).toHaveLength(1);
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  }, 120_000);

  it('reminds the channel of the new milestone 30 days ahead at 09:00 UTC, exactly once with two ticks at that instant on PostgreSQL', async () => {
    const reminders = (): RecordedCall[] =>
      fake.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL && String(c.body.text).startsWith('Reminder: First formal review'));
    const early = await cli(['reminders', 'run', '--now', new Date(reminderAt.getTime() - 60_000).toISOString(), '--json']);
    expect(early.code).toBe(0);
    expect(reminders()).toHaveLength(0);
    const [a, b] = await Promise.all([
      cli(['reminders', 'run', '--now', reminderAt.toISOString(), '--json']),
      cli(['reminders', 'run', '--now', reminderAt.toISOString(), '--json']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const sent = [a, b].map((r) => (JSON.parse(r.out) as { sent: number }).sent);
    expect(sent.sort()).toEqual([0, 1]);
    expect(reminders()).toHaveLength(1);
    expect(String(reminders()[0]!.body.text)).toContain(`${words(milestoneDay)}, in 30 days`);
    // Neither tick posted the digest again: it went out once, through the same ledger.
    expect(digestPosts()).toHaveLength(1);
  }, 60_000);
});
