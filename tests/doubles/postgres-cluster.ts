import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server for tests and benchmarks, on 127.0.0.1 and a free port. */
export interface PostgresCluster {
  url: string;
  /** The cluster's data folder (its postmaster.pid names the server process). */
  dataDir: string;
  stop(): void;
}

/** The server process and its children (backends, background workers) of a cluster this test started. */
function clusterPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)]).toString().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no children
  }
  return [postmaster, ...children];
}

/**
 * Freezes a cluster this test started (SIGSTOP to its server and every backend): connections stay open and
 * nothing answers, as with a hung database server. Returns a function that thaws it (SIGCONT).
 */
export function freezeCluster(cluster: PostgresCluster): () => void {
  const pids = clusterPids(cluster.dataDir);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone
      }
    }
  };
}

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL server's bin folder, or null. */
export function findPostgresBin(root = PG_ROOT): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL cluster in a temporary folder (initdb, then pg_ctl start), as FIELD-NOTES describes.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user. Throws, saying what to
 * install, when no server binaries exist.
 */
export async function startPostgresCluster(options: { root?: string } = {}): Promise<PostgresCluster> {
  const root = options.root ?? PG_ROOT;
  const bin = findPostgresBin(root);
  if (!bin) {
    throw new Error(
      `No PostgreSQL server found (${root}/*/bin/initdb). The store tests run against a real PostgreSQL: ` +
        'install the server (Debian/Ubuntu: apt-get install -y postgresql), or set DATABASE_URL to a server where the tests may create databases.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const dir = mkdtempSync(join(tmpdir(), 'haiti-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run('initdb', ['-D', dir, '--no-sync', '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
    run('pg_ctl', ['-D', dir, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, '-l', join(dir, 'log'), '-w', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`Could not start a throwaway PostgreSQL with ${bin}: ${stderr || String(error)}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir: dir,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dir, 'stop', '-m', 'fast', '-w']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh, empty database on a PostgreSQL server (given by an admin URL); drop it when done. */
export async function createDatabase(adminUrl: string, prefix = 'haiti_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
