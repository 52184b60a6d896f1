/** How long to wait after failed attempt `attempt` (1-based): doubling from `baseMs` up to `maxMs`, never less than the platform asked. */
export function retryDelay(attempt: number, options: { baseMs: number; maxMs: number; retryAfterMs?: number | undefined }): number {
  const doubled = Math.min(options.baseMs * 2 ** Math.max(0, attempt - 1), options.maxMs);
  return Math.max(doubled, options.retryAfterMs ?? 0);
}
