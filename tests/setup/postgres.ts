import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../doubles/postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server where tests may create databases: DATABASE_URL, or a throwaway cluster. */
    databaseUrl: string;
  }
}

/**
 * Global setup: the store tests need a real PostgreSQL. With DATABASE_URL set, they use that server; otherwise
 * a throwaway cluster is started here and stopped at teardown. With no PostgreSQL server installed, the run
 * fails with a message saying what to install: CI must not silently skip the PostgreSQL half of the contract.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const configured = process.env.DATABASE_URL;
  const cluster = configured ? null : await startPostgresCluster();
  project.provide('databaseUrl', configured ?? cluster!.url);
  return () => cluster?.stop();
}
