import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StorePing } from './core/chat-state.js';

/** How long /readyz waits for the store before saying it does not answer. */
export const READY_WAIT_MS = 2000;

/** Whether the store answers a trivial round trip within `waitMs`; never throws. */
export async function storeAnswers(store: Partial<StorePing> | undefined, waitMs = READY_WAIT_MS): Promise<{ ok: boolean; reason?: string }> {
  if (!store?.ping) return { ok: true };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${waitMs} ms` }), waitMs);
  });
  try {
    return await Promise.race([store.ping().then(() => ({ ok: true })), late]);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /readyz: 200 `{"ready":true}` when the store answers, 503 `{"ready":false,"store":"..."}` when it does not
 * (a load balancer then sends requests elsewhere). /healthz stays a liveness check: the process serves.
 */
export function readinessHandler(store: Partial<StorePing> | undefined, waitMs = READY_WAIT_MS) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    void storeAnswers(store, waitMs).then((answer) => {
      res.writeHead(answer.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(answer.ok ? { ready: true } : { ready: false, store: answer.reason }));
    });
  };
}
