import type { Store } from '../core/reminders/store.js';
import type { StoreConfig } from './store-config.js';

/** Opens the configured store and brings its schema up to date; only the configured driver is loaded. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'postgres') return (await import('./postgres-store.js')).PostgresStore.open(config.url, config.timeouts);
  return new (await import('./sqlite-store.js')).SqliteStore(config.file, { busyTimeoutMs: config.busyTimeoutMs });
}
