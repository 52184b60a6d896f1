import { inject } from 'vitest';
import { createDatabase } from './postgres-cluster.js';

/** A fresh, empty database on the tests' PostgreSQL server (see tests/setup/postgres.ts); drop it when done. */
export function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createDatabase(inject('databaseUrl'));
}
