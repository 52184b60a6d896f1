import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';
import { teamsMessage } from '../teams/teams-harness.js';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { BOT_USER_ID, FakeSlackApi } from '../doubles/fake-slack-api.js';
import { eventBody, postToApp } from '../doubles/slack-requests.js';

const THREAD = '19:general@thread.tacv2;messageid=1001';
const clean = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', PORT: '', HOST: '', DATABASE_URL: '', MicrosoftAppId: '' };

let fake: FakeSlackApi | undefined;
let connector: FakeBotConnector | undefined;
afterEach(async () => {
  await fake?.close();
  await connector?.stop();
});

interface Running {
  slackPort: number;
  teamsPort: number;
  stop(): Promise<number | null>;
}

/** `npm start` (node dist/main.js) with Slack over HTTP and Teams without authentication, on 127.0.0.1. */
async function startBot(dataDir: string, slackApi: string): Promise<Running> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      ...clean,
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi,
      PORT: '0',
      HOST: '127.0.0.1',
      TEAMS_AUTH: 'off',
      TEAMS_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ports = await new Promise<[number, number]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const slack = /"event":"slack\.started","mode":"http","port":(\d+)/.exec(stderr);
      const teams = /"event":"teams\.listening","host":"127\.0\.0\.1","port":(\d+)/.exec(stderr);
      if (slack && teams) {
        clearTimeout(timer);
        resolve([Number(slack[1]), Number(teams[1])]);
      }
    });
    void exited.then(() => reject(new Error(`exited early:\n${stderr}`)));
  });
  return {
    slackPort: ports[0],
    teamsPort: ports[1],
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('`npm start` keeps the chat adapters\' state in the configured store', () => {
  it('drops, after a restart, the repeated delivery of a Slack event and a Teams activity it answered, and keeps the thread\'s context', async () => {
    fake = await FakeSlackApi.start();
    connector = new FakeBotConnector();
    await connector.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'haiti-chat-state-'));
    const ts = fake.nextTs();
    const said = `<@${BOT_USER_ID}> status`;
    fake.seed('C0BRIEFS', { ts, user: 'U0JANE', text: said });
    const slackEvent = eventBody({ type: 'app_mention', channel: 'C0BRIEFS', user: 'U0JANE', text: said, ts, event_ts: ts }, 'Ev0MAINSTORE');
    const activity = teamsMessage('status', { serviceUrl: connector.url, conversationType: 'channel', conversationId: THREAD, id: '1001', mention: true });
    const deliver = async (bot: Running, retry: boolean) => {
      const slack = await postToApp(`http://127.0.0.1:${bot.slackPort}/slack/events`, slackEvent, {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
        headers: retry ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {},
      });
      const teams = await fetch(`http://127.0.0.1:${bot.teamsPort}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return [slack.status, teams.status];
    };

    const first = await startBot(dataDir, fake.apiUrl);
    expect(await deliver(first, false)).toEqual([200, 200]);
    await fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(await first.stop()).toBe(0);

    const second = await startBot(dataDir, fake.apiUrl);
    expect(await deliver(second, true)).toEqual([200, 200]);
    expect(await second.stop()).toBe(0); // stopping waits for every answer acknowledged
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(connector.delivered.map((c) => c.replyToId)).toEqual(['1001']);

    const store = new SqliteStore(join(dataDir, 'haiti-brief.sqlite'));
    expect(await store.threadContext('teams', THREAD, new Date())).toEqual({ kind: 'status' });
    await store.close();
  });
});
