import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/core/reminders/store.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { createTestDatabase } from './postgres-database.js';

/** One database that several copies of the bot (or one bot, restarted) connect to, each with its own connection. */
export interface SharedDatabase {
  /** A new connection to the database, as a bot process opens it at start. */
  connect(): Promise<Store>;
  /** Closes every connection made and deletes the database. */
  drop(): Promise<void>;
}

export interface SharedStoreBackend {
  name: string;
  create(): Promise<SharedDatabase>;
}

function tracking(open: () => Promise<Store>, remove: () => Promise<void>): SharedDatabase {
  const opened: Store[] = [];
  return {
    connect: async () => {
      const store = await open();
      opened.push(store);
      return store;
    },
    drop: async () => {
      for (const store of opened) await store.close();
      await remove();
    },
  };
}

/** A SQLite file in a temporary folder, and a fresh database on the tests' PostgreSQL server. */
export const sharedStoreBackends: SharedStoreBackend[] = [
  {
    name: 'SQLite',
    create: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'haiti-shared-'));
      return tracking(async () => new SqliteStore(join(dir, 'haiti-brief.sqlite')), async () => rmSync(dir, { recursive: true, force: true }));
    },
  },
  {
    name: 'PostgreSQL',
    create: async () => {
      const db = await createTestDatabase();
      return tracking(() => PostgresStore.open(db.url), db.drop);
    },
  },
];
