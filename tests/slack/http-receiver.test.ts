import { afterEach, describe, expect, it } from 'vitest';
import { commandBody, postToApp } from '../doubles/slack-requests.js';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
  await h?.fake.close();
});

const form = 'application/x-www-form-urlencoded';

describe('the HTTP receiver', () => {
  it('answers GET /healthz', async () => {
    h = await startHarness();
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, mode: 'http' });
  });

  it('refuses a request with a bad signature (401) and answers nothing', async () => {
    h = await startHarness();
    const body = commandBody({ text: 'status', responseUrl: h.fake.responseUrl('bad') });
    const sent = await postToApp(`${h.url}/slack/events`, body, { secret: '0'.repeat(32), contentType: form });
    expect(sent.status).toBe(401);
    const unsigned = await postToApp(`${h.url}/slack/events`, body, { secret: SIGNING_SECRET, contentType: form, sign: false });
    expect(unsigned.status).toBe(401);
    expect(h.engine.requests).toHaveLength(0);
  });

  it('refuses a correctly signed request with a timestamp over five minutes old (401)', async () => {
    h = await startHarness();
    const body = commandBody({ text: 'status', responseUrl: h.fake.responseUrl('stale') });
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await postToApp(`${h.url}/slack/events`, body, { secret: SIGNING_SECRET, contentType: form, timestamp: stale });
    expect(sent.status).toBe(401);
    expect(h.engine.requests).toHaveLength(0);
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    h = await startHarness();
    const broken = await postToApp(`${h.url}/slack/events`, '{"type": "event_callback", "event": {', { secret: SIGNING_SECRET, contentType: 'application/json' });
    expect(broken.status).toBe(400);
    const partial = new URLSearchParams({ command: '/haiti', text: 'status', user_id: 'U0JANE' }).toString();
    const incomplete = await postToApp(`${h.url}/slack/events`, partial, { secret: SIGNING_SECRET, contentType: form });
    expect(incomplete.status).toBe(400);
    await h.logs.waitFor((l) => l.event === 'slack.request.malformed' && /channel_id, response_url/.test(l.reason));

    const fine = await h.command({ text: 'status' });
    expect(fine.status).toBe(200);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(h.engine.requests).toHaveLength(1);
  });

  it('answers Slack’s URL verification challenge', async () => {
    h = await startHarness();
    const body = JSON.stringify({ token: 'x', challenge: 'c0ffee', type: 'url_verification' });
    const sent = await postToApp(`${h.url}/slack/events`, body, { secret: SIGNING_SECRET, contentType: 'application/json' });
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.text)).toEqual({ challenge: 'c0ffee' });
  });
});
