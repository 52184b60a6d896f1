import type { Store } from '../core/reminders/store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { StoreConfig } from './store-config.js';

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig): Promise<Store> {
  return config.kind === 'postgres' ? PostgresStore.open(config.url, config.timeouts) : new SqliteStore(config.file, { busyTimeoutMs: config.busyTimeoutMs });
}
