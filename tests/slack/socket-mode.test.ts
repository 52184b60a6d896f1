import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp } from '../../src/slack/slack-app.js';
import { loadSlackConfig } from '../../src/slack/slack-config.js';
import { FakeSlackApi, TEAM_ID } from '../doubles/fake-slack-api.js';
import { blockActionBody } from '../doubles/slack-requests.js';
import { FakeSocketMode } from '../doubles/fake-socket-mode.js';
import { LogLines } from '../doubles/log-lines.js';
import { BOT_TOKEN, FAST_RETRY, knowledge, NOW, RecordingEngine } from './harness.js';

const APP_TOKEN = 'xapp-1-A0HAITIAPP-1234-abcdef';
let fake: FakeSlackApi;
let socket: FakeSocketMode;
let slack: SlackApp | undefined;

afterEach(async () => {
  await slack?.stop();
  await socket.close();
  await fake.close();
});

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects with the app-level token, acknowledges a slash command over the socket and posts the answer', async () => {
    fake = await FakeSlackApi.start();
    socket = await FakeSocketMode.start();
    fake.socketUrl = socket.url;
    const config = loadSlackConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, PORT: '0', HOST: '127.0.0.1' });
    expect(config?.mode).toBe('socket');
    if (!config) return;
    const engine = new RecordingEngine(knowledge(), fixedClock(NOW));
    slack = createSlackApp({ config, engine, logger: createLogger('info', new LogLines()), retry: FAST_RETRY });
    const { port } = await slack.start();
    await socket.connected();

    expect(fake.callsTo('apps.connections.open')[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, mode: 'socket' });

    const ack = await socket.deliver({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'x', team_id: TEAM_ID, team_domain: 'haiti-test', channel_id: 'C0BRIEFS', channel_name: 'briefs', user_id: 'U0JANE',
        user_name: 'jane', command: '/haiti', text: 'dates', api_app_id: 'A0HAITIAPP', is_enterprise_install: 'false',
        response_url: fake.responseUrl('socket'), trigger_id: '1.2.3',
      },
    });
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const post = await fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body).toMatchObject({ channel: 'C0BRIEFS', metadata: { event_payload: { kind: 'dates' } } });

    // A button press comes over the socket too (interactivity in Socket Mode), and is acknowledged.
    const ts = String(post.response.ts);
    const pressed = await socket.deliver({
      envelope_id: 'env-2',
      type: 'interactive',
      accepts_response_payload: false,
      payload: JSON.parse(new URLSearchParams(blockActionBody({ user: 'U0JANE', channel: 'C0BRIEFS', messageTs: ts, actionId: 'haiti_full_brief', value: 'dates', responseUrl: fake.responseUrl('press') })).get('payload') ?? '{}'),
    });
    expect(pressed).toMatchObject({ envelope_id: 'env-2' });
    const full = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(full.response.ok).toBe(true);
  });
});
