// Issue 14, item 4: a token that fails verification is a 401 (never a 503), with no key material in any output;
// only an identity provider that cannot be reached is a 503. Before the fix, a token signed with a random key
// but naming a published key id got a 503, an error-level log line, and the public key on standard error.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUTH_OFF, FAKE_APP_ID, startHarness, teamsMessage, type Harness } from './teams-harness.js';

// Installed before any adapter exists, so it sees what botbuilder prints after our filter.
const printed = vi.spyOn(console, 'error');

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(signature)}`;
}

/** A stand-in for the Bot Framework's identity provider: OpenID metadata and one published signing key. */
async function fakeIdentityProvider(publicJwk: Record<string, unknown>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/keys') return res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: 'published-key', use: 'sig', endorsements: ['msteams'] }] }));
    return res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openidconfiguration`, server };
}

const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publishedJwk = published.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
const publicPem = published.publicKey.export({ format: 'pem', type: 'spki' }).toString();

let idp: { url: string; server: Server };
let h: Harness;

beforeAll(async () => {
  idp = await fakeIdentityProvider(publishedJwk);
  h = await startHarness({ config: { ...AUTH_OFF, auth: 'on', appId: FAKE_APP_ID, appPassword: 'not-a-real-secret', openIdMetadataUrl: idp.url } });
});
afterAll(async () => {
  await h.close();
  idp.server.close();
});

const now = (): number => Math.floor(Date.now() / 1000);
function claims(serviceUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: 'https://api.botframework.com', aud: FAKE_APP_ID, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600, ...extra };
}

function keyMaterialIn(text: string): boolean {
  const modulus = String(publishedJwk.n);
  return text.includes('BEGIN') || text.includes(modulus.slice(0, 40)) || text.includes(publicPem.split('\n')[1] ?? 'never');
}

describe('Teams token checks (authentication on)', () => {
  it('takes a token signed with the published key (the control: the fake identity provider works)', async () => {
    const activity = teamsMessage('status', { serviceUrl: h.connector.url, id: 'control' });
    const token = jwt(published.privateKey, 'published-key', claims(h.connector.url));
    const answer = await h.post(activity, { authorization: `Bearer ${token}` });
    // Past authentication, the bot answered; sending the reply needs a token from Microsoft's login service,
    // which these machines cannot reach, so the reply itself fails (503, Teams would send it again).
    expect(h.logger.events.some((e) => e.fields.event === 'teams.request.unauthorized')).toBe(false);
    expect(h.logger.events.find((e) => e.fields.event === 'teams.reply.failed')?.fields).toMatchObject({ kind: 'status' });
    expect(answer.status).toBe(503);
  });

  it('refuses with 401 every token that fails verification, printing and logging no key material', async () => {
    const activity = teamsMessage('status', { serviceUrl: h.connector.url });
    const forged = jwt(attacker.privateKey, 'published-key', claims(h.connector.url));
    const expired = jwt(published.privateKey, 'published-key', claims(h.connector.url, { nbf: now() - 7200, exp: now() - 3600 }));
    const unknownKid = jwt(attacker.privateKey, 'no-such-key', claims(h.connector.url));
    const wrongAudience = jwt(published.privateKey, 'published-key', claims(h.connector.url, { aud: 'someone-else' }));
    const tokens = [forged, expired, unknownKid, wrongAudience, 'a.b.c', 'not-a-jwt', `${forged.split('.').slice(0, 2).join('.')}.`];
    printed.mockClear();
    const before = h.logger.events.length;
    const statuses = [];
    for (const token of tokens) statuses.push((await h.post({ ...activity, id: `t-${statuses.length}` }, { authorization: `Bearer ${token}` })).status);
    expect(statuses).toEqual(tokens.map(() => 401));
    const shown = printed.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
    expect(keyMaterialIn(shown)).toBe(false);
    const logged = JSON.stringify(h.logger.events);
    expect(keyMaterialIn(logged)).toBe(false);
    const refused = h.logger.events.slice(before);
    expect(refused.map((e) => [e.level, e.fields.event])).toEqual(tokens.map(() => ['warn', 'teams.request.unauthorized']));
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe('Teams token checks when the identity provider cannot be reached', () => {
  it('answers 503 (try again), not 401', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await startHarness({
      config: { ...AUTH_OFF, auth: 'on', appId: FAKE_APP_ID, appPassword: 'not-a-real-secret', openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration` },
    });
    try {
      const token = jwt(published.privateKey, 'published-key', claims(unreachable.connector.url));
      const answer = await unreachable.post(teamsMessage('status', { serviceUrl: unreachable.connector.url }), { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(503);
      expect(unreachable.logger.events.find((e) => e.fields.event === 'teams.request.auth-failed')).toBeDefined();
    } finally {
      await unreachable.close();
    }
  });
});
