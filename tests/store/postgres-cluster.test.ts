import { describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../doubles/postgres-cluster.js';

describe('the throwaway PostgreSQL cluster of the test setup', () => {
  it('fails, saying what to install, where no PostgreSQL server is installed', async () => {
    await expect(startPostgresCluster({ root: '/nonexistent/postgresql' })).rejects.toThrow(
      'No PostgreSQL server found (/nonexistent/postgresql/*/bin/initdb). The store tests run against a real PostgreSQL: install the server (Debian/Ubuntu: apt-get install -y postgresql)',
    );
  });
});
