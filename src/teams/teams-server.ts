import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Activity, ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
// Not re-exported by botbuilder's index: the same fix-up (timestamps to Dates) its adapter applies in process().
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import type { StorePing } from '../core/chat-state.js';
import type { Logger } from '../core/ports.js';
import { readinessHandler } from '../readiness.js';
import { REPLY_FAILED } from './haiti-teams-bot.js';
import { BodyTooLarge, readBody } from '../http-body.js';

export interface TeamsServerOptions {
  adapter: CloudAdapter;
  /** The adapter's authentication, to refuse a request without a valid token before the adapter sees it. */
  auth: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
  bot: ActivityHandler;
  logger: Logger;
  /** The largest request body taken, in bytes (default 256 KB; Teams' activities are far smaller). */
  maxBodyBytes?: number;
  /** GET /metrics (Prometheus), when metrics are on. */
  metrics?: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  /** The store /readyz checks. */
  store?: Partial<StorePing> | undefined;
}

export const MESSAGES_PATH = '/api/messages';
export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(text);
}

// Why a body is not an activity the adapter can take, or null when it is one.
function activityProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a Bot Framework activity: a JSON object';
  const a = body as { type?: unknown; serviceUrl?: unknown; conversation?: { id?: unknown }; from?: { id?: unknown }; recipient?: { id?: unknown } };
  if (typeof a.type !== 'string' || a.type === '') return 'expected a Bot Framework activity with a "type"';
  if (typeof a.serviceUrl !== 'string' || a.serviceUrl === '') return 'expected a Bot Framework activity with a "serviceUrl"';
  if (typeof a.conversation?.id !== 'string' || a.conversation.id === '') return 'expected a Bot Framework activity with a "conversation.id"';
  // Every activity names its sender and the bot; without them the turn would fail later with a 500.
  if (typeof a.from?.id !== 'string') return 'expected a Bot Framework activity with a "from.id"';
  if (typeof a.recipient?.id !== 'string') return 'expected a Bot Framework activity with a "recipient.id"';
  return fieldProblem(body as Record<string, unknown>);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STRING_FIELDS = ['id', 'text', 'replyToId', 'locale', 'textFormat', 'name', 'channelId'] as const;
const NESTED_STRINGS = { from: ['name', 'aadObjectId'], recipient: ['name'], conversation: ['conversationType', 'tenantId', 'name'] } as const;

/**
 * Well-framed activities with odd fields (a number for `text`, `entities: 5` or `[null]`, an invoke whose
 * `value` is not an object): botbuilder and the bot would fail on them with a 500, so they are refused here.
 */
function fieldProblem(a: Record<string, unknown>): string | null {
  const odd = STRING_FIELDS.find((k) => a[k] !== undefined && a[k] !== null && typeof a[k] !== 'string');
  if (odd) return `expected "${odd}" to be a string`;
  for (const [parent, keys] of Object.entries(NESTED_STRINGS)) {
    const value = a[parent];
    if (!isObject(value)) return `expected "${parent}" to be an object`;
    const bad = keys.find((k) => value[k] !== undefined && value[k] !== null && typeof value[k] !== 'string');
    if (bad) return `expected "${parent}.${bad}" to be a string`;
  }
  if (a.entities !== undefined && !(Array.isArray(a.entities) && a.entities.every(isObject))) return 'expected "entities" to be a list of objects';
  if (a.attachments !== undefined && !(Array.isArray(a.attachments) && a.attachments.every(isObject))) return 'expected "attachments" to be a list of objects';
  if (a.channelData !== undefined && a.channelData !== null && !isObject(a.channelData)) return 'expected "channelData" to be an object';
  if (a.type === 'invoke') {
    if (typeof a.name !== 'string') return 'expected an invoke with a "name"';
    if (a.value !== undefined && !isObject(a.value)) return 'expected the invoke\'s "value" to be an object';
    if (a.name === 'adaptiveCard/action' && !isObject(a.value?.action)) return 'expected the invoke\'s "value.action" to be an object';
  }
  return null;
}

// The response object botbuilder's adapter writes to (status, header, send, end). It only records: the
// server writes the response once the turn is over, so it can still turn it into an error.
function recordedResponse(res: ServerResponse) {
  const recorded = { status: 200, headers: {} as Record<string, string>, body: undefined as string | undefined };
  const shim = {
    socket: res.socket,
    status(code: number) {
      recorded.status = code;
    },
    header(name: string, value: unknown) {
      recorded.headers[name.toLowerCase()] = String(value);
    },
    send(value: unknown) {
      if (value === undefined) return;
      recorded.body = typeof value === 'string' ? value : JSON.stringify(value);
      recorded.headers['content-type'] ??= typeof value === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    },
    end() {},
  };
  return { shim, recorded };
}

function statusCodeOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether a failed token check failed because the identity provider (its OpenID metadata or signing keys)
 * could not be reached or answered with an error: only then is it a 503 (try again). Every other failure
 * (a bad signature, an unknown key, an expired or malformed token, a wrong audience or issuer) is a 401.
 */
export function identityProviderUnreachable(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; errno?: unknown; type?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.name === 'FetchError' || e.type === 'system' || (typeof e.code === 'string' && NETWORK_CODES.has(e.code))) return true;
  // botbuilder's AuthenticationError for "Failed to load openID config / Keys: <status>" carries a 500.
  return (statusCodeOf(error) ?? 0) >= 500 && typeof e.message === 'string' && /^Failed to load/.test(e.message);
}

/** A short, key-free word for why a token failed (a JsonWebTokenError's message can name the key). */
function authFailureKind(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  const status = statusCodeOf(error);
  return typeof name === 'string' ? `${name}${status ? ` (${status})` : ''}` : 'unknown';
}

async function messages(req: IncomingMessage, res: ServerResponse, options: TeamsServerOptions): Promise<void> {
  const { adapter, auth, bot, logger } = options;
  let raw: string;
  try {
    raw = (await readBody(req, options.maxBodyBytes ?? 256 * 1024)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      logger.warn({ event: 'teams.request.rejected', status: 413 }, 'a request body over the size limit was refused');
      reply(res, 413, 'Request body too large.', { connection: 'close' });
      return;
    }
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    logger.warn({ event: 'teams.request.rejected', status: 400, reason: 'not JSON' }, 'a request body that is not JSON was refused');
    reply(res, 400, 'The request body is not valid JSON.');
    return;
  }
  const problem = activityProblem(body);
  if (problem) {
    logger.warn({ event: 'teams.request.rejected', status: 400, reason: problem }, 'a request that is not an activity was refused');
    reply(res, 400, `${problem}.`);
    return;
  }
  // The adapter checks the token again; checking it first keeps a refused request to one log line, where
  // the adapter would print the error's stack.
  const authorization = req.headers.authorization ?? '';
  let authenticated: Awaited<ReturnType<typeof auth.authenticateRequest>>;
  try {
    authenticated = await auth.authenticateRequest(body as Activity, authorization);
  } catch (error) {
    const status = identityProviderUnreachable(error) ? 503 : 401;
    // Neither the error's message nor its stack is logged: botbuilder's can hold key material.
    if (status === 401) logger.warn({ event: 'teams.request.unauthorized', status, reason: authFailureKind(error) }, 'a request without a valid Bot Framework token was refused');
    else logger.error({ event: 'teams.request.auth-failed', status, reason: authFailureKind(error) }, 'the token could not be checked: the identity provider did not answer');
    reply(res, status, status === 401 ? 'Unauthorized.' : 'The token could not be checked; try again.');
    return;
  }
  let failed = false;
  const logic = async (context: TurnContext): Promise<void> => {
    await bot.run(context);
    failed = context.turnState.get(REPLY_FAILED) === true;
  };
  const { shim, recorded } = recordedResponse(res);
  if ((body as Activity).type === 'invoke') {
    // Invokes answer in the HTTP response (an InvokeResponse), which only the adapter's own door writes.
    const request = { method: 'POST', headers: req.headers as Record<string, string | string[] | undefined>, body: body as Record<string, unknown> };
    await adapter.process(request, shim, logic);
  } else {
    // The token was checked above: hand the adapter that result rather than have it check again.
    try {
      await adapter.processActivityDirect(authenticated, validateAndFixActivity(body as Activity), logic);
    } catch (error) {
      logger.error({ event: 'teams.request.failed', status: 500, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'an activity could not be handled');
      reply(res, 500, 'The activity could not be handled.');
      return;
    }
  }
  if (failed) {
    reply(res, 503, 'The reply could not be delivered; send the activity again.');
    return;
  }
  if (recorded.status >= 500) logger.error({ event: 'teams.request.failed', status: recorded.status }, 'an activity could not be handled');
  res.writeHead(recorded.status, recorded.headers);
  res.end(recorded.body);
}

/**
 * The Teams bot's HTTP server: POST /api/messages hands each activity to botbuilder's adapter (which checks
 * the token) and GET /healthz says it is up. A reply that could not be delivered gets a 503 so Teams sends
 * the activity again. Bodies that are not JSON activities get a 400, oversize ones a
 * 413, and the server goes on serving.
 */
export function createTeamsServer(options: TeamsServerOptions): Server {
  const ready = readinessHandler(options.store);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let handled: Promise<void>;
    if (path === READY_PATH && req.method === 'GET') {
      handled = Promise.resolve(ready(req, res));
    } else if (path === HEALTH_PATH) {
      handled = Promise.resolve(req.method === 'GET' || req.method === 'HEAD' ? reply(res, 200, { status: 'ok' }) : reply(res, 405, 'Use GET.', { allow: 'GET, HEAD' }));
    } else if (path === '/metrics' && options.metrics) {
      handled = Promise.resolve(req.method === 'GET' ? options.metrics(req, res) : reply(res, 405, 'Use GET.', { allow: 'GET' }));
    } else if (path === MESSAGES_PATH) {
      handled = req.method === 'POST' ? messages(req, res, options) : Promise.resolve(reply(res, 405, 'Use POST.', { allow: 'POST' }));
    } else {
      handled = Promise.resolve(reply(res, 404, 'Not found.'));
    }
    handled.catch((error: unknown) => {
      options.logger.error({ event: 'teams.request.failed', err: error }, 'a request failed');
      if (!res.headersSent) reply(res, 500, 'Internal error.');
      else if (!res.writableEnded) res.end();
    });
  });
}
