import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  kind: 'reply' | 'post' | 'create';
  conversationId: string;
  /** For replies: the activity replied to. */
  replyToId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
  /** The status the fake answered with. */
  status: number;
}

interface Failure {
  status: number;
  headers: Record<string, string>;
}

/** The most a Teams message may weigh, as the connector counts it: the whole activity, about 28 KB. */
export const TEAMS_MAX_ACTIVITY_BYTES = 28 * 1024;

const REPLY = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/;
const POST = /^\/v3\/conversations\/([^/]+)\/activities\/?$/;
const CREATE = /^\/v3\/conversations\/?$/;

/**
 * A local stand-in for the Bot Framework's connector service (an activity's `serviceUrl`). It records what
 * the bot sends (refusing, with 413, an activity over Teams' 28 KB): replies at POST /v3/conversations/{id}/activities/{replyToId} and new posts at
 * POST /v3/conversations/{id}/activities, answering each with a new message id. `failNext` makes it answer
 * the next calls with an error (e.g. 429 then success).
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: Failure[] = [];
  private server: Server | null = null;
  private nextId = 1;
  url = '';

  /** Calls that were answered with success. */
  get delivered(): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300);
  }

  /** The next `times` calls are answered with this status (and headers, e.g. Retry-After). */
  failNext(status: number, times = 1, headers: Record<string, string> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, headers });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (req.method === 'POST' && CREATE.test(path)) {
          // Creates (or finds) a 1:1 conversation with the member named, as the connector does.
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { members?: Array<{ id?: string }> };
          const member = body.members?.[0]?.id;
          const failure = this.failures.shift();
          const status = failure?.status ?? (member ? 201 : 400);
          this.calls.push({ kind: 'create', conversationId: '', activity: body as Record<string, unknown>, status, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
          res.writeHead(status, { 'content-type': 'application/json', ...(failure?.headers ?? {}) });
          res.end(JSON.stringify(status < 300 ? { id: `a:direct-${member}` } : { error: { code: 'BadArgument', message: 'no member' } }));
          return;
        }
        const reply = REPLY.exec(path);
        const post = reply ? null : POST.exec(path);
        if (req.method !== 'POST' || (!reply && !post)) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${path}` } }));
          return;
        }
        const raw = Buffer.concat(chunks);
        // Teams refuses a message over its size limit (HTTP 413, "MessageSizeTooBig"), whatever else is scripted.
        const tooBig = raw.length > TEAMS_MAX_ACTIVITY_BYTES;
        const failure = tooBig
          ? { status: 413, headers: {}, code: 'MessageSizeTooBig' }
          : this.failures.shift();
        const status = failure?.status ?? 201;
        const match = (reply ?? post) as RegExpExecArray;
        const call: ConnectorCall = {
          kind: reply ? 'reply' : 'post',
          conversationId: decodeURIComponent(match[1] ?? ''),
          activity: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>,
          status,
        };
        if (reply) call.replyToId = decodeURIComponent(reply[2] ?? '');
        if (req.headers.authorization) call.authorization = req.headers.authorization;
        this.calls.push(call);
        if (failure) {
          res.writeHead(status, { 'content-type': 'application/json', ...failure.headers });
          const code = 'code' in failure ? failure.code : 'Failure';
          res.end(JSON.stringify({ error: { code, message: `fake failure ${status}` } }));
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `bot-message-${this.nextId++}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.server = null;
  }
}
