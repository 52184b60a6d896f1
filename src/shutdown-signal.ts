import { once } from 'node:events';

/** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
export function shutdownSignal(): Promise<unknown> {
  return Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
}
