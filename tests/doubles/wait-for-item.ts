import type { EventEmitter } from 'node:events';

/**
 * Resolves with the first item of `items` (recorded already, or emitted later as `event`) that matches;
 * rejects after `timeoutMs`, listing what was recorded (each item described by `describe`).
 */
export function waitForItem<T>(
  items: readonly T[],
  emitter: EventEmitter,
  event: string,
  match: (item: T) => boolean,
  timeoutMs: number,
  describe: (item: T) => string,
): Promise<T> {
  const found = items.find(match);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const onItem = (item: T): void => {
      if (!match(item)) return;
      clearTimeout(timer);
      emitter.off(event, onItem);
      resolve(item);
    };
    const timer = setTimeout(() => {
      emitter.off(event, onItem);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms; recorded: ${items.map(describe).join(', ') || 'none'}`));
    }, timeoutMs);
    emitter.on(event, onItem);
  });
}
