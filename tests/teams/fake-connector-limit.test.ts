import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotConnector, TEAMS_MAX_ACTIVITY_BYTES } from '../doubles/fake-bot-connector.js';

const connector = new FakeBotConnector();
let url = '';
beforeAll(async () => {
  url = await connector.start();
});
afterAll(() => connector.stop());

const send = (text: string): Promise<Response> =>
  fetch(`${url}v3/conversations/a%3A1/activities/m1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text }) });

describe('the fake Bot Connector enforces Teams’ message size', () => {
  it('takes a message up to about 28 KB and refuses a larger one with 413, as Teams does', async () => {
    expect((await send('x'.repeat(TEAMS_MAX_ACTIVITY_BYTES - 100))).status).toBe(201);
    const refused = await send('x'.repeat(TEAMS_MAX_ACTIVITY_BYTES + 1));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
    expect(connector.delivered).toHaveLength(1);
  });
});
