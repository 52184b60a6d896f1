import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { commandBody, postToApp } from '../doubles/slack-requests.js';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.js';

let h: Harness;
const others: Harness[] = [];
afterEach(async () => {
  for (const o of others.splice(0)) await o.stop();
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

  it("answers Slack's unsigned ssl_check and nothing riding on it", async () => {
    h = await startHarness();
    const body = `ssl_check=1&${commandBody({ text: 'status', responseUrl: h.fake.responseUrl('ssl') })}`;
    const sent = await postToApp(`${h.url}/slack/events`, body, { secret: SIGNING_SECRET, contentType: form, sign: false });
    expect(sent.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
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

  // Issue 14, item 3: before, the same body and signature sent twice both got 200 and two posts, and a timestamp
  // an hour in the future was accepted.
  it('answers a replayed request once, whichever copy of the app receives it, and refuses future timestamps', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'haiti-replay-')), 'haiti-brief.sqlite'));
    h = await startHarness({ store });
    const replica = await startHarness({ fake: h.fake, store: new SqliteStore(store.file) });
    others.push(replica);
    const body = commandBody({ text: 'status', channel: 'C0REPLAY', responseUrl: h.fake.responseUrl('replay') });
    const timestamp = Math.floor(Date.now() / 1000);
    const send = (url: string) => postToApp(`${url}/slack/events`, body, { secret: SIGNING_SECRET, contentType: form, timestamp });
    expect((await send(h.url)).status).toBe(200);
    expect((await send(h.url)).status).toBe(401);
    expect((await send(replica.url)).status).toBe(401);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0REPLAY');
    await h.logs.waitFor((l) => l.event === 'slack.request.replayed');
    await replica.logs.waitFor((l) => l.event === 'slack.request.replayed');
    expect(h.engine.requests.length + replica.engine.requests.length).toBe(1);

    const later = commandBody({ text: 'status', channel: 'C0FUTURE', responseUrl: h.fake.responseUrl('future') });
    const hourAhead = Math.floor(Date.now() / 1000) + 3600;
    expect((await postToApp(`${h.url}/slack/events`, later, { secret: SIGNING_SECRET, contentType: form, timestamp: hourAhead })).status).toBe(401);
    const minuteAhead = Math.floor(Date.now() / 1000) + 60; // clocks differ a little: within five minutes is fine
    expect((await postToApp(`${h.url}/slack/events`, later, { secret: SIGNING_SECRET, contentType: form, timestamp: minuteAhead })).status).toBe(200);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0FUTURE');
    await store.close();
  });

  it('says so when a command is over the size limit, and answers nothing else', async () => {
    h = await startHarness();
    expect((await h.command({ text: `ask ${'why '.repeat(1000)}` })).status).toBe(200);
    const told = await h.fake.waitFor((c) => c.method === 'response_url');
    expect(JSON.stringify(told.body)).toContain('I read at most 2,000');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
