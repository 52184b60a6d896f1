import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_OFF, FAKE_APP_ID, RecordingEngine, startHarness, teamsMessage, type Harness } from './teams-harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function health(harness: Harness): Promise<number> {
  return (await fetch(harness.bot.url.replace('/api/messages', '/healthz'))).status;
}

describe('the Teams bot\'s HTTP endpoint', () => {
  it('answers an activity Teams sends again only once, sequential or concurrent', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    const activity = teamsMessage('status', { serviceUrl: h.connector.url, id: 'retried-1' });
    expect((await h.post(activity)).status).toBe(200);
    expect((await h.post(activity)).status).toBe(200);
    const again = teamsMessage('dates', { serviceUrl: h.connector.url, id: 'retried-2' });
    const statuses = await Promise.all([h.post(again), h.post(again), h.post(again)]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200]);
    expect(h.connector.calls.map((c) => c.replyToId)).toEqual(['retried-1', 'retried-2']);
    expect(engine.requests).toHaveLength(2);
    expect(h.logger.events.filter((e) => e.fields.event === 'teams.duplicate')).toHaveLength(3);
  });

  it('reuses a reply asked for again within seconds, but always runs remind', async () => {
    const engine = new RecordingEngine();
    h = await startHarness({ engine });
    let post = 5000;
    for (const text of ['status', 'status', 'remind list', 'remind list']) {
      // Each a new post in a channel, so none is read in the context of another.
      const where = { conversationType: 'channel' as const, conversationId: `19:general@thread.tacv2;messageid=${++post}`, mention: true };
      expect((await h.post(teamsMessage(text, { serviceUrl: h.connector.url, ...where }))).status).toBe(200);
    }
    expect(engine.requests.map((r) => r.text)).toEqual(['status', 'remind list', 'remind list']);
    expect(h.connector.delivered).toHaveLength(4);
    expect(h.connector.delivered[1]?.activity.attachments).toEqual(h.connector.delivered[0]?.activity.attachments);
  });

  it('answers the retry of an activity whose reply could not be delivered', async () => {
    h = await startHarness();
    h.connector.failNext(403);
    const activity = teamsMessage('status', { serviceUrl: h.connector.url, id: 'lost-once' });
    const first = await h.post(activity);
    expect(first.status).toBe(503);
    expect(first.text).not.toMatch(/Bearer|authorization/i);
    expect((await h.post(activity)).status).toBe(200);
    expect(h.connector.delivered.map((c) => c.replyToId)).toEqual(['lost-once']);
    expect(h.logger.events.find((e) => e.fields.event === 'teams.reply.failed')?.fields).toMatchObject({ status: 'HTTP 403' });
  });

  it('refuses a request without a valid token when an app id is configured (401), and keeps serving', async () => {
    h = await startHarness({
      config: { ...AUTH_OFF, auth: 'on', appId: FAKE_APP_ID, appPassword: 'not-a-real-secret' },
    });
    const activity = teamsMessage('status', { serviceUrl: h.connector.url });
    expect((await h.post(activity)).status).toBe(401);
    expect((await h.post(activity, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
    expect(await health(h)).toBe(200);
    expect(h.logger.events.filter((e) => e.fields.event === 'teams.request.unauthorized')).toHaveLength(2);
  });

  it('refuses malformed bodies with a 4xx and goes on answering', async () => {
    h = await startHarness();
    const bad = await h.post('{"type": "message", ');
    expect(bad).toEqual({ status: 400, text: 'The request body is not valid JSON.' });
    expect((await h.post('[1, 2, 3]')).status).toBe(400);
    expect((await h.post({ text: 'status' })).text).toMatch(/"type"/);
    expect((await h.post({ type: 'message', text: 'status' })).text).toMatch(/"serviceUrl"/);
    const { from: _from, ...noSender } = teamsMessage('status', { serviceUrl: h.connector.url });
    expect(await h.post(noSender)).toMatchObject({ status: 400, text: expect.stringMatching(/"from\.id"/) });
    const { recipient: _recipient, ...noBot } = teamsMessage('status', { serviceUrl: h.connector.url });
    expect(await h.post(noBot)).toMatchObject({ status: 400, text: expect.stringMatching(/"recipient\.id"/) });
    expect((await h.post('x'.repeat(300 * 1024))).status).toBe(413);
    expect((await fetch(h.bot.url)).status).toBe(405);
    expect((await fetch(h.bot.url.replace('/api/messages', '/nowhere'))).status).toBe(404);
    expect(h.connector.calls).toHaveLength(0);

    expect((await h.post(teamsMessage('status', { serviceUrl: h.connector.url }))).status).toBe(200);
    expect(h.connector.delivered).toHaveLength(1);
    expect(await health(h)).toBe(200);
  });
});
