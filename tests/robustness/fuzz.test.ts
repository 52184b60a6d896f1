// Issue 14, item 1 (and the size limit of item 2): nothing a request can send crashes the process. The real bot
// runs as a child process (`src/main.ts`, Slack over HTTP and Teams with TEAMS_AUTH=off, in one process); the
// test sends it JSON null, arrays, scalars, odd shapes and prototype-looking words as bodies, commands, help
// topics, mentions and Teams activities, checks every answer, and checks that the process still lives.
// Before the fix, a signed JSON `null` ended the process (Bolt's "reading 'ssl_check'"), `[]` and scalars
// waited 3 s for a 404, `/haiti constructor` failed in the engine, `help constructor` was titled
// "function Object() { [native code] }", and odd Teams activities got a 500.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { BOT_USER_ID, FakeSlackApi } from '../doubles/fake-slack-api.js';
import { commandBody, eventBody, postToApp } from '../doubles/slack-requests.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.js';
import { teamsMessage } from '../teams/teams-harness.js';
import { MAIN_JS } from '../doubles/spawn-bot.js';

const PROTO_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const NATIVE = /native code|function Object|\[object Object\]|undefined/;

let fake: FakeSlackApi;
let connector: FakeBotConnector;
let child: ChildProcess;
let stderr = '';
let slackUrl = '';
let teamsUrl = '';

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  connector = new FakeBotConnector();
  await connector.start();
  child = spawn(process.execPath, [MAIN_JS], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'haiti-data-')),
      DATABASE_URL: '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      TEAMS_AUTH: 'off',
      TEAMS_PORT: '0',
      MicrosoftAppId: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 40 s:\n${stderr}`)), 40_000);
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const slack = /"event":"slack\.started","mode":"http","port":(\d+)/.exec(stderr);
      const teams = /Teams bot listening on (http:\/\/127\.0\.0\.1:\d+\/api\/messages)/.exec(stderr);
      if (slack && teams) {
        clearTimeout(timer);
        slackUrl = `http://127.0.0.1:${slack[1]}`;
        teamsUrl = teams[1] as string;
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`exited early:\n${stderr}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.close();
  await connector?.stop();
});

const signedJson = (body: string) => postToApp(`${slackUrl}/slack/events`, body, { secret: SIGNING_SECRET, contentType: 'application/json' });
const signedForm = (body: string) => postToApp(`${slackUrl}/slack/events`, body, { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' });
const teams = async (body: unknown) => {
  const res = await fetch(teamsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};

function alive(): void {
  expect(child.exitCode).toBeNull();
  expect(stderr).not.toMatch(/stopped on an unexpected error|Unhandled|uncaught/i);
}

describe('the bot as a process, fed what no real platform sends', () => {
  it('answers malformed signed Slack bodies with a 400 at once, and lives', async () => {
    const bodies = ['null', '[]', '[{"type":"event_callback"}]', '"str"', '123', 'true', '{}', '{"type":5}', '{"type":"event_callback"}',
      '{"type":"event_callback","event_id":"Ev1","event":null}', '{"type":"event_callback","event_id":"Ev2","event":[]}',
      '{"type":"event_callback","event_id":"Ev3","event":{"type":"app_mention","text":5,"user":"U1","channel":"C1","ts":"1.1"}}',
      '{"type":"event_callback","event_id":"Ev4","event":{"type":"message","user":{"id":1},"channel":"C1","ts":"1.1"}}',
      '{"__proto__":{"type":"event_callback"}}', '{"constructor":{"prototype":{}}}', '{"type":"url_verification"}'];
    for (const body of bodies) {
      const sent = await signedJson(body);
      expect([body, sent.status]).toEqual([body, 400]);
      expect(sent.ms).toBeLessThan(2000);
    }
    for (const body of ['payload=null', 'payload=%5B%5D', 'payload=5', 'payload=%7B%7D', 'x=1', 'command=5&text=status']) {
      expect([body, (await signedForm(body)).status]).toEqual([body, 400]);
    }
    alive();
  });

  it('answers prototype-looking words as slash commands and help topics, with clear messages', async () => {
    const texts = [...PROTO_WORDS, ...PROTO_WORDS.map((w) => `help ${w}`), ...PROTO_WORDS.map((w) => `remind ${w}`), 'source __proto__', 'source constructor', 'x'.repeat(5000)];
    for (const [i, text] of texts.entries()) {
      const channel = `C0FUZZ${i}`;
      const responseUrl = fake.responseUrl(`fuzz-${i}`);
      const sent = await postToApp(`${slackUrl}/slack/events`, commandBody({ text, channel, responseUrl }), { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' });
      expect([text.slice(0, 30), sent.status]).toEqual([text.slice(0, 30), 200]);
      const answer = await fake.waitFor((c) => (c.method === 'response_url' && c.path === `/respond/fuzz-${i}`) || (c.method === 'chat.postMessage' && c.body.channel === channel), 15_000);
      const shown = JSON.stringify([answer.body.text, answer.body.blocks]);
      expect(shown).not.toMatch(NATIVE);
      if (text.startsWith('help ')) expect(shown).toContain('Haiti Brief: commands');
      if (text.length > 2000) expect(shown).toContain('I read at most 2,000');
    }
    expect(stderr).not.toContain('"outcome":"engine_failed"');
    alive();
  }, 120_000);

  it('answers prototype-looking words in @mentions', async () => {
    for (const [i, word] of PROTO_WORDS.entries()) {
      const channel = `C0MENTION${i}`;
      const event = { type: 'app_mention', user: 'U0ANALYST', text: `<@${BOT_USER_ID}> ${word}`, ts: `1750000000.00${i}`, channel, event_ts: `1750000000.00${i}` };
      expect((await signedJson(eventBody(event, `EvFuzz${i}`))).status).toBe(200);
      const answer = await fake.waitFor((c) => /^chat\.post/.test(c.method) && c.body.channel === channel, 15_000);
      expect(JSON.stringify([answer.body.text, answer.body.blocks])).not.toMatch(NATIVE);
    }
    alive();
  }, 60_000);

  it('answers odd Teams bodies and activities with a 400 or a sensible reply, never a 5xx', async () => {
    for (const body of ['null', '[]', '"str"', '123', 'true', '{}']) expect([body, (await teams(body)).status]).toEqual([body, 400]);
    const base = teamsMessage('status', { serviceUrl: connector.url });
    const odd: Record<string, unknown>[] = [
      { ...base, text: 5 },
      { ...base, text: { a: 1 } },
      { ...base, entities: 5 },
      { ...base, entities: [null] },
      { ...base, id: 5 },
      { ...base, conversation: { id: 'c', conversationType: 5 } },
      { ...base, from: 'someone' },
      { ...base, type: 'invoke', name: 'adaptiveCard/action', value: 'junk' },
      { ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: 5 } },
      { ...base, type: 'invoke', name: 5, value: [1] },
      { ...base, channelData: 5 },
    ];
    for (const [i, activity] of odd.entries()) {
      const answer = await teams({ ...activity, ...(typeof activity.id === 'string' ? { id: `odd-${i}` } : {}) });
      expect([i, answer.status]).toEqual([i, 400]);
      expect(answer.text).not.toMatch(/Cannot read|TypeError/);
    }
    const sensible = [{ ...base, type: 'invoke', name: 'application/search', value: {} }, { ...base, text: undefined, value: 'junk' }, { ...base, text: '', value: null }, { ...base, type: 'conversationUpdate', membersAdded: 5 }];
    for (const [i, activity] of sensible.entries()) {
      const status = (await teams({ ...activity, id: `sensible-${i}` })).status;
      expect([i, status < 500 || status === 501]).toEqual([i, true]);
    }
    for (const [i, word] of [...PROTO_WORDS, ...PROTO_WORDS.map((w) => `help ${w}`)].entries()) {
      const before = connector.delivered.length;
      expect((await teams(teamsMessage(word, { serviceUrl: connector.url, id: `proto-${i}`, conversationId: `a:proto-${i}` }))).status).toBe(200);
      const reply = connector.delivered[before];
      expect(JSON.stringify(reply?.activity ?? null)).not.toMatch(/native code|function Object/);
      expect(reply).toBeDefined();
    }
    alive();
  }, 60_000);

  it('still answers a plain status on both platforms, and its health checks say so', async () => {
    expect((await fetch(`${slackUrl}/healthz`)).status).toBe(200);
    expect((await fetch(teamsUrl.replace('/api/messages', '/healthz'))).status).toBe(200);
    expect(await (await fetch(`${slackUrl}/readyz`)).json()).toEqual({ ready: true });
    expect(await (await fetch(teamsUrl.replace('/api/messages', '/readyz'))).json()).toEqual({ ready: true });
    const sent = await postToApp(`${slackUrl}/slack/events`, commandBody({ text: 'status', channel: 'C0AFTER', responseUrl: fake.responseUrl('after') }), { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' });
    expect(sent.status).toBe(200);
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0AFTER', 15_000);
    expect((await teams(teamsMessage('status', { serviceUrl: connector.url, id: 'after' }))).status).toBe(200);
    alive();
  }, 30_000);
});
