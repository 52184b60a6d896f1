import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { upTo } from '../lru-count.js';
import { REQUEST_SIGNATURE_KEEP_MS, type RequestSignatureStore } from '../core/chat-state.js';
import type { SlackLogger } from './slack-deps.js';
import { BodyTooLarge, readBody } from '../http-body.js';

export interface RequestGuardOptions {
  signingSecret: string;
  logger: SlackLogger;
  /** Where signatures are remembered for every copy of the app; without it, this process's memory only. */
  store?: Partial<RequestSignatureStore> | undefined;
  /** Milliseconds since the epoch (tests may move it). */
  now?: () => number;
  /** How long a request waits for the store's answer before it is taken on this process's memory alone. */
  storeWaitMs?: number;
  /** The largest body taken, in bytes (Slack's payloads are a few KB). */
  maxBodyBytes?: number;
}

const EVENTS_PATH = '/slack/events';
const FORM = 'application/x-www-form-urlencoded';
/** Slack refuses requests more than five minutes off; Bolt checks the past, this the future. */
const MAX_SKEW_S = 5 * 60;
/** The fields of an event the listeners read: when present, each must be a string. */
/** The slash commands the app answers (the manifest's). */
const SLASH_COMMANDS = new Set(['/haiti']);
const EVENT_STRINGS = ['type', 'user', 'channel', 'text', 'ts', 'thread_ts', 'subtype', 'bot_id'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a signed body is not one Slack would send, or null when it has the shape of one. */
export function payloadProblem(raw: string, contentType: string | undefined, form = contentType === FORM ? parseQuery(raw) : undefined): string | null {
  if (form) {
    if (typeof form.payload === 'string') {
      let payload: unknown;
      try {
        payload = JSON.parse(form.payload);
      } catch {
        return 'an interaction payload that is not JSON';
      }
      return isObject(payload) && typeof payload.type === 'string' ? null : 'an interaction payload that is not an object with a "type"';
    }
    // The slash command listener checks the rest of its fields (and answers 400 too).
    if (typeof form.command === 'string') return SLASH_COMMANDS.has(form.command) ? null : `the slash command "${form.command.slice(0, 40)}", which this app does not have`;
    if (form.ssl_check !== undefined) return null;
    return 'a form body that is neither a slash command nor an interaction';
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'a body that is not JSON';
  }
  if (!isObject(body)) return `a JSON body that is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object`;
  if (typeof body.type !== 'string') return 'a JSON body without a "type"';
  if (body.type === 'url_verification') return typeof body.challenge === 'string' ? null : 'a URL verification without a "challenge"';
  if (body.type !== 'event_callback') return null;
  if (typeof body.event_id !== 'string') return 'an event callback without an "event_id"';
  const event = body.event;
  if (!isObject(event)) return 'an event callback whose "event" is not an object';
  if (typeof event.type !== 'string') return 'an event without a "type"';
  const odd = EVENT_STRINGS.find((k) => event[k] !== undefined && typeof event[k] !== 'string');
  return odd ? `an event whose "${odd}" is not a string` : null;
}

/**
 * What stands in front of Bolt's HTTP receiver at /slack/events: the one signature check (Bolt's own is turned
 * off), so a request unsigned or wrongly signed is refused (401); a signed body that is not one Slack would send
 * (JSON `null`, an array, a scalar, an event of the wrong shape) is answered 400 before Bolt sees it (Bolt 5.1
 * throws on some of them, which ends the process); a timestamp more than five minutes in the future is refused
 * (401); and a correctly signed request is answered once per signature: the signature is remembered for its
 * five-minute window in the store, so that every copy of the app refuses a replay (401).
 * When the store does not answer within `storeWaitMs`, the request is taken on this process's memory alone
 * (and the log says so), so an answer never waits on a hung database. Everything else is Bolt's.
 */
export function guardRequests(listener: RequestListener, options: RequestGuardOptions): RequestListener {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const seen = new LRUCache<string, true>({ ...upTo(50_000), ttl: REQUEST_SIGNATURE_KEEP_MS * 2, ttlAutopurge: false, perf: { now } });
  const refuse = (res: ServerResponse, status: number, event: string, reason: string): false => {
    logger.warn({ event, status, reason }, `refused a request (${status}): ${reason}`);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(status === 400 ? `Malformed request: ${reason}.` : '');
    return false;
  };

  const firstTime = async (signature: string, timestampS: number): Promise<boolean> => {
    if (seen.has(signature)) return false;
    seen.set(signature, true);
    const remember = options.store?.rememberSignature;
    if (!remember) return true;
    const at = now();
    const until = new Date(Math.max(at, timestampS * 1000) + REQUEST_SIGNATURE_KEEP_MS);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.storeWaitMs ?? 1000);
    });
    try {
      const fresh = await Promise.race([remember.call(options.store, 'slack', signature, new Date(at), until), waited]);
      if (fresh === 'late') {
        logger.warn({ event: 'slack.replay_check.unavailable', reason: 'the store did not answer in time' }, 'replay check on this process only: the store did not answer');
        return true;
      }
      return fresh;
    } catch (error) {
      logger.warn({ event: 'slack.replay_check.unavailable', reason: error instanceof Error ? error.message : String(error) }, 'replay check on this process only: the store failed');
      return true;
    } finally {
      clearTimeout(timer);
    }
  };

  const check = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    let raw: Buffer;
    try {
      raw = await readBody(req, options.maxBodyBytes ?? 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(res, 413, 'slack.request.too_large', 'the body is over the size limit');
      throw error;
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw; // Bolt reads a buffered body as it is
    const text = raw.toString('utf8');
    const contentType = req.headers['content-type'];
    const form = contentType === FORM ? parseQuery(text) : undefined; // read once, here and for its shape below
    if (form?.ssl_check === '1') return true; // unsigned by design; Bolt answers it
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return refuse(res, 401, 'slack.request.refused', 'it is not signed');
    if (timestamp > now() / 1000 + MAX_SKEW_S) return refuse(res, 401, 'slack.request.refused', 'its timestamp is more than five minutes in the future');
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp };
    // The one signature check (Bolt's own is off: it would hash every body a second time).
    if (!isValidSlackRequest({ signingSecret: options.signingSecret, body: text, headers, nowMilliseconds: now() })) return refuse(res, 401, 'slack.request.refused', 'its signature does not match, or it is more than five minutes old');
    const problem = payloadProblem(text, contentType, form);
    if (problem) return refuse(res, 400, 'slack.request.malformed', problem);
    // A retry of an event (X-Slack-Retry-Num) counts apart from its first delivery: the event's own id is what
    // keeps it from being answered twice (see the event claims), and a copy of the same retry is a replay.
    const retry = req.headers['x-slack-retry-num'];
    const key = typeof retry === 'string' && retry !== '' ? `${signature}#${retry.slice(0, 8)}` : signature;
    if (!(await firstTime(key, timestamp))) return refuse(res, 401, 'slack.request.replayed', 'a request with this signature was already answered');
    return true;
  };

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== EVENTS_PATH) {
      listener(req, res);
      return;
    }
    check(req, res).then(
      (pass) => {
        if (pass) listener(req, res);
      },
      (error: unknown) => {
        logger.error({ event: 'slack.request.failed', reason: error instanceof Error ? error.message : String(error) }, 'a request could not be read');
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
}
