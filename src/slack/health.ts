import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { StorePing } from '../core/chat-state.js';
import { readinessHandler } from '../readiness.js';

/** GET /healthz: 200 with `{"ok":true,"mode":...}` while the app serves. */
export function healthHandler(mode: 'http' | 'socket') {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ok: true, mode }));
  };
}

/** Socket Mode has no HTTP receiver: a small server answers /healthz, /readyz, and /metrics when given (404 for anything else). */
export function healthServer(store?: Partial<StorePing>, metrics?: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const handle = healthHandler('socket');
  const ready = readinessHandler(store);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/healthz') return handle(req, res);
    if (req.method === 'GET' && path === '/readyz') return ready(req, res);
    if (req.method === 'GET' && path === '/metrics' && metrics) return metrics(req, res);
    res.writeHead(404).end();
  });
}
