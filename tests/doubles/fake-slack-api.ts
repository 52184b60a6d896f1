import { EventEmitter } from 'node:events';
import { waitForItem } from './wait-for-item.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received: a Web API method (`chat.postMessage`) or a `response_url` POST. */
export interface RecordedCall {
  method: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The parsed body; form fields holding JSON (blocks, metadata) are parsed too. */
  body: Record<string, any>;
  /** The HTTP status the fake answered with. */
  status: number;
  /** What the fake answered (chat.postMessage's includes the message's `ts`). */
  response: Record<string, any>;
  /** The request's path (which response_url, say). */
  path?: string;
}

/** A scripted answer for the next call to a method. */
export interface Scripted {
  /** HTTP status (429 and 5xx as Slack's edge answers them); 200 when absent. */
  status?: number;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number;
  /** A platform error (`{ ok: false, error }` with status 200), e.g. not_in_channel. */
  error?: string;
}

/** A message as the fake stores it, shaped like conversations.history returns it. */
export interface StoredMessage {
  type: 'message';
  ts: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  text?: string;
  thread_ts?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export const BOT_USER_ID = 'U0HAITIBOT';
export const BOT_ID = 'B0HAITIBOT';
export const APP_ID = 'A0HAITIAPP';
export const TEAM_ID = 'T0HAITITEAM';

/** Slack's limits on one message, as its servers enforce them (the total is undocumented; bolt-js 2509, 2867). */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, messageText: 12_000, text: 40_000 } as const;

/**
 * Why Slack would refuse a message's text and blocks, as the error it answers, or null when it takes them:
 * `invalid_blocks` for a block over its own limit or more than 50 blocks, `msg_blocks_too_long` when the
 * blocks together hold more than about 12,000 characters of text, `msg_too_long` for text over 40,000.
 */
export function slackRefusal(text: unknown, blocks: unknown): string | null {
  if (typeof text === 'string' && text.length > SLACK_LIMITS.text) return 'msg_too_long';
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks) || blocks.length > SLACK_LIMITS.blocks) return 'invalid_blocks';
  let total = 0;
  for (const b of blocks as any[]) {
    if (b?.type === 'header') {
      const t = String(b.text?.text ?? '');
      if (t.length === 0 || t.length > SLACK_LIMITS.headerText) return 'invalid_blocks';
      total += t.length;
    } else if (b?.type === 'section') {
      const t = String(b.text?.text ?? '');
      if (t.length > SLACK_LIMITS.sectionText) return 'invalid_blocks';
      total += t.length;
      for (const f of b.fields ?? []) total += String(f?.text ?? '').length;
    } else if (b?.type === 'context') {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements) return 'invalid_blocks';
      for (const e of elements) total += String(e?.text ?? '').length;
    } else if (b?.type === 'actions') {
      // Slack: at most 25 elements; a button's text at most 75 characters, its action_id 255, its value 2,000.
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0 || elements.length > 25) return 'invalid_blocks';
      for (const e of elements) {
        if (e?.type !== 'button' || e.text?.type !== 'plain_text') return 'invalid_blocks';
        const label = String(e.text?.text ?? '');
        if (label.length === 0 || label.length > 75 || String(e.action_id ?? '').length > 255 || String(e.value ?? '').length > 2000) return 'invalid_blocks';
      }
    } else if (b?.type !== 'divider') {
      return 'invalid_blocks';
    }
  }
  return total > SLACK_LIMITS.messageText ? 'msg_blocks_too_long' : null;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * A local stand-in for Slack's Web API (at `${url}/api/`) and for response_urls (at `${url}/respond/<id>`),
 * on 127.0.0.1. It refuses messages over Slack's limits as Slack does (`slackRefusal`), records every call, keeps the messages the bot posts (with their metadata) so
 * conversations.replies/history can read them back, answers not_in_channel for channels the bot is not in,
 * and plays scripted failures (429 with Retry-After, 5xx, platform errors) in order.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  // Every waiter (a test's or a benchmark's, many at once) listens until its call comes.
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly outside = new Set<string>();
  private seq = 0;
  private readonly holds: { method: string; match: (body: Record<string, any>) => boolean }[] = [];
  socketUrl = '';

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly lean: boolean,
    private readonly latencyMs: number,
  ) {}

  /**
   * With `lean`, calls are counted but their bodies are neither parsed nor kept, nor the messages (benchmarks).
   * With `latencyMs`, every answer leaves that long after its request came in, as Slack's do over the internet.
   */
  static async start(options: { lean?: boolean; latencyMs?: number } = {}): Promise<FakeSlackApi> {
    let fake: FakeSlackApi | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlackApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options.lean ?? false, options.latencyMs ?? 0);
    return fake;
  }

  /** The Web API base URL to configure (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next calls to `method` get these answers, in order; later calls succeed again. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  /** Channels the bot is not a member of: chat.postMessage there answers not_in_channel. */
  leave(channel: string): void {
    this.outside.add(channel);
  }

  /** Stores a message someone else posted (a person's message that starts a thread, say). */
  seed(channel: string, message: Omit<StoredMessage, 'type'>): void {
    this.store(channel, { type: 'message', ...message });
  }

  nextTs(): string {
    this.seq += 1;
    return `${1_750_000_000 + this.seq}.${String(this.seq).padStart(6, '0')}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already made or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(match: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return waitForItem(this.calls, this.events, 'call', match, timeoutMs, (c) => c.method);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private store(channel: string, message: StoredMessage): void {
    if (this.lean) return;
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const method = path.startsWith('/respond/') ? 'response_url' : path.replace(/^\/api\//, '');
    const contentType = req.headers['content-type'];
    let body: Record<string, any>;
    try {
      // Lean (benchmarks): the fake stands for Slack's servers, so it spends no time reading what it is sent.
      body = this.lean ? {} : parseBody(Buffer.concat(chunks).toString('utf8'), contentType);
    } catch {
      res.writeHead(400).end('invalid body');
      return;
    }
    const scripted = this.scripts.get(method)?.shift();
    const { status, payload, headers } = scripted ? this.scriptedAnswer(scripted) : this.answer(method, body, req.headers.authorization);
    const held = this.holding(method, body, status);
    const call: RecordedCall = this.lean
      ? { method, authorization: undefined, contentType, body: {}, status, response: {} }
      : { method, authorization: req.headers.authorization, contentType, body, status, response: payload as Record<string, any>, path };
    this.calls.push(call);
    if (held) {
      // Slack took the call (a posted message is stored) but its answer never reaches the caller.
      this.events.emit('call', call);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(method === 'response_url' && status === 200 ? 'ok' : JSON.stringify(payload));
    this.events.emit('call', call);
  }

  private scriptedAnswer(s: Scripted): { status: number; payload: unknown; headers: Record<string, string> } {
    const status = s.status ?? 200;
    const headers: Record<string, string> = s.retryAfter !== undefined ? { 'retry-after': String(s.retryAfter) } : {};
    return { status, payload: { ok: false, error: s.error ?? (status === 429 ? 'ratelimited' : 'fatal_error') }, headers };
  }

  private answer(method: string, body: Record<string, any>, authorization: string | undefined): { status: number; payload: unknown; headers: Record<string, string> } {
    const ok = (payload: Record<string, unknown>) => ({ status: 200, payload: { ok: true, ...payload }, headers: {} });
    const fail = (error: string) => ({ status: 200, payload: { ok: false, error }, headers: {} });
    if (method === 'response_url') {
      const refused = slackRefusal(body.text, body.blocks);
      return refused ? { status: 400, payload: { ok: false, error: refused }, headers: {} } : ok({});
    }
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      const refused = slackRefusal(body.text, body.blocks);
      if (refused) return fail(refused);
    }
    if (!/^Bearer x(ox[bp]|app)-/.test(authorization ?? '')) return fail('not_authed');
    switch (method) {
      case 'auth.test':
        return ok({ url: 'https://haiti-test.slack.com/', team: 'Haiti Test', user: 'haiti_brief', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID });
      case 'apps.connections.open':
        return this.socketUrl ? ok({ url: this.socketUrl }) : fail('invalid_auth');
      case 'chat.postMessage': {
        const channel = String(body.channel);
        if (this.outside.has(channel)) return fail('not_in_channel');
        const message: StoredMessage = { type: 'message', ts: this.nextTs(), user: BOT_USER_ID, bot_id: BOT_ID, app_id: APP_ID, text: body.text };
        if (body.thread_ts) message.thread_ts = String(body.thread_ts);
        if (body.blocks) message.blocks = body.blocks;
        if (body.metadata) message.metadata = body.metadata;
        this.store(channel, message);
        return ok({ channel, ts: message.ts, message });
      }
      case 'views.publish': {
        // Slack: a Home tab view holds at most 100 blocks, each within its own limits.
        const view = body.view as { type?: string; blocks?: unknown[] } | undefined;
        if (!body.user_id || view?.type !== 'home') return fail('invalid_arguments');
        if ((view.blocks?.length ?? 0) > 100) return fail('invalid_arguments');
        const refused = slackRefusal(undefined, view.blocks ?? []);
        if (refused === 'invalid_blocks') return fail('invalid_blocks');
        return ok({ view: { id: `V${this.nextTs().replace('.', '')}`, type: 'home', blocks: view.blocks } });
      }
      case 'chat.postEphemeral':
        return ok({ message_ts: this.nextTs() });
      case 'conversations.replies': {
        const all = this.messages.get(String(body.channel)) ?? [];
        const parent = all.find((m) => m.ts === body.ts);
        if (!parent) return fail('thread_not_found');
        const thread = [parent, ...all.filter((m) => m.thread_ts === body.ts && m.ts !== body.ts)];
        return ok({ messages: this.visible(thread.slice(0, Number(body.limit ?? 1000)), body.include_all_metadata), has_more: false });
      }
      case 'conversations.history': {
        const all = (this.messages.get(String(body.channel)) ?? []).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
        const latest = body.latest ? Number(body.latest) : Infinity;
        const inclusive = body.inclusive === 'true' || body.inclusive === true;
        const page = all
          .filter((m) => (inclusive ? Number(m.ts) <= latest : Number(m.ts) < latest))
          .reverse()
          .slice(0, Number(body.limit ?? 100));
        return ok({ messages: this.visible(page, body.include_all_metadata), has_more: false });
      }
      default:
        return fail('unknown_method');
    }
  }

  /**
   * Calls to `method` that `match` are carried out (a message is posted and kept) but never answered: the
   * caller waits, as when a bot dies between Slack taking its post and hearing back. `release()` stops it.
   */
  hold(method: string, match: (body: Record<string, any>) => boolean): { release(): void } {
    const entry = { method, match };
    this.holds.push(entry);
    return { release: () => void this.holds.splice(this.holds.indexOf(entry) >>> 0, 1) };
  }

  private holding(method: string, body: Record<string, any>, status: number): boolean {
    return status === 200 && this.holds.some((h) => h.method === method && h.match(body));
  }

  /** Slack returns metadata only when asked with include_all_metadata. */
  private visible(messages: StoredMessage[], includeMetadata: unknown): StoredMessage[] {
    if (includeMetadata === 'true' || includeMetadata === true) return messages;
    return messages.map(({ metadata: _metadata, ...rest }) => rest);
  }
}
