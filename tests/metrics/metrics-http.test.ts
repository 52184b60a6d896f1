import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';
import { teamsMessage } from '../teams/teams-harness.js';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { BOT_USER_ID, FakeSlackApi } from '../doubles/fake-slack-api.js';
import { commandBody, eventBody, postToApp } from '../doubles/slack-requests.js';
import { loadedPackages, spawnBot, type SpawnedBot } from '../doubles/spawn-bot.js';
import { sample } from './prometheus-text.js';

let fake: FakeSlackApi | undefined;
let connector: FakeBotConnector | undefined;
let bot: SpawnedBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake?.close();
  await connector?.stop();
});

const scrape = async (port: number | undefined): Promise<string> => {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return res.text();
};

describe('`npm start` serves Prometheus metrics at /metrics', () => {
  it('on the Slack receiver and the Teams server, counting real requests, acks, answers and the knowledge served', async () => {
    fake = await FakeSlackApi.start();
    connector = new FakeBotConnector();
    await connector.start();
    bot = await spawnBot(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1', TEAMS_AUTH: 'off', TEAMS_PORT: '0' },
      { slack: true, teams: true },
    );
    const before = await scrape(bot.slackPort);
    expect(sample(before, 'haiti_brief_requests_total', { platform: 'slack', kind: 'status' })).toBeUndefined();
    expect(sample(before, 'haiti_brief_reminders_total', { outcome: 'sent' })).toBe(0);
    expect(sample(before, 'haiti_brief_answer_queue_depth', { platform: 'slack' })).toBe(0);

    // A slash command, an @mention with a question, a request with a bad signature, and a Teams message.
    const url = `http://127.0.0.1:${bot.slackPort}/slack/events`;
    const command = commandBody({ text: 'status', channel: 'C0METRICS', user: 'U0JANE', responseUrl: fake.responseUrl('m1') });
    expect((await postToApp(url, command, { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    const ts = fake.nextTs();
    const said = `<@${BOT_USER_ID}> who pays for the mission?`;
    fake.seed('C0METRICS', { ts, user: 'U0JANE', text: said });
    const mention = eventBody({ type: 'app_mention', channel: 'C0METRICS', user: 'U0JANE', text: said, ts, event_ts: ts }, 'Ev0METRICS1');
    expect((await postToApp(url, mention, { secret: SIGNING_SECRET, contentType: 'application/json' })).status).toBe(200);
    expect((await postToApp(url, command, { secret: 'not-the-secret', contentType: 'application/x-www-form-urlencoded' })).status).toBe(401);
    const activity = teamsMessage('dates', { serviceUrl: connector.url, conversationType: 'channel', conversationId: '19:metrics@thread.tacv2;messageid=7', id: '7', mention: true });
    const teams = await fetch(`http://127.0.0.1:${bot.teamsPort}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(teams.status).toBe(200);
    // Both Slack answers delivered (the command's and the mention's).
    for (let tries = 0; sample(await scrape(bot.slackPort), 'haiti_brief_answer_delivery_seconds_count', { platform: 'slack' }) !== 2; tries++) {
      if (tries > 100) throw new Error('the Slack answers were not delivered within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fake.callsTo('chat.postMessage').length + fake.callsTo('response_url').length).toBeGreaterThanOrEqual(2);

    // Both doors serve the same registry.
    for (const port of [bot.slackPort, bot.teamsPort]) {
      const text = await scrape(port);
      expect(sample(text, 'haiti_brief_requests_total', { platform: 'slack', kind: 'status' })).toBe(1);
      expect(sample(text, 'haiti_brief_requests_total', { platform: 'slack', kind: 'ask' })).toBe(1);
      expect(sample(text, 'haiti_brief_requests_total', { platform: 'teams', kind: 'dates' })).toBe(1);
      expect(sample(text, 'haiti_brief_answer_seconds_count', { platform: 'slack', kind: 'ask' })).toBe(1);
      expect(sample(text, 'haiti_brief_ack_seconds_count', { platform: 'slack' })).toBe(3);
      expect(sample(text, 'haiti_brief_http_responses_total', { platform: 'slack', status: '200' })).toBe(2);
      expect(sample(text, 'haiti_brief_http_responses_total', { platform: 'slack', status: '401' })).toBe(1);
      expect(sample(text, 'haiti_brief_ack_seconds_count', { platform: 'teams' })).toBe(1);
      expect(sample(text, 'haiti_brief_answer_delivery_seconds_count', { platform: 'slack' })).toBe(2);
      expect(sample(text, 'haiti_brief_answer_queue_depth', { platform: 'slack' })).toBe(0);
      expect(sample(text, 'haiti_brief_store_errors_total')).toBeUndefined();
      expect(text).toMatch(/^haiti_brief_knowledge_info\{version="[0-9a-f]{12}",as_of="\d{4}(-\d{2}){0,2}"\} 1$/m);
      expect(sample(text, 'haiti_brief_knowledge_age_seconds')).toBeGreaterThan(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  });

  it('in a Slack-only process, without loading botbuilder or the PostgreSQL driver', async () => {
    fake = await FakeSlackApi.start();
    bot = await spawnBot({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' }, { slack: true });
    expect(sample(await scrape(bot.slackPort), 'haiti_brief_reminders_total', { outcome: 'failed' })).toBe(0);
    const running = bot;
    bot = undefined;
    expect(await running.stop()).toBe(0);
    const loaded = loadedPackages(running.stderr());
    expect(loaded).toEqual(expect.arrayContaining(['@slack/bolt', 'better-sqlite3', 'prom-client']));
    expect(loaded).not.toContain('botbuilder');
    expect(loaded).not.toContain('pg');
  });
});
