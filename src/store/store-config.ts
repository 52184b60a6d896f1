import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';

/** How long a call to PostgreSQL may take: a hung server fails calls after these, it does not stall them. */
export interface PostgresTimeouts {
  /** Connecting (and waiting for a free connection in the pool). */
  connectMs: number;
  /** One statement (enforced by the server, and by the client when the server does not answer at all). */
  statementMs: number;
  /** A session left idle inside a transaction is ended by the server after this. */
  idleInTransactionMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 3000, statementMs: 5000, idleInTransactionMs: 10_000 };
export const DEFAULT_SQLITE_BUSY_MS = 5000;

/** Where reminders are stored: a SQLite file (the embedded default) or a PostgreSQL server. */
export type StoreConfig = { kind: 'sqlite'; file: string; busyTimeoutMs?: number } | { kind: 'postgres'; url: string; timeouts?: PostgresTimeouts };

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'haiti-brief.sqlite';

const schema = z.object({
  DATA_DIR: z.string().trim().min(1).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((u) => /^postgres(ql)?:\/\/\S+$/.test(u), { message: 'must be a PostgreSQL URL, like postgres://user:password@host:5432/database' })
    .optional(),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  DATABASE_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
});

const KEYS = new Set(['DATA_DIR', 'DATABASE_URL', 'DATABASE_CONNECT_TIMEOUT_MS', 'DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_IDLE_TX_TIMEOUT_MS', 'SQLITE_BUSY_TIMEOUT_MS']);

/**
 * Reads the store's configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR (default
 * `data/` in the project folder). Fails naming the variable, never echoing the URL (it may hold a password).
 */
export function loadStoreConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): StoreConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => KEYS.has(k) && v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration:\n${result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n')}`);
  }
  const c = result.data;
  if (c.DATABASE_URL) {
    const timeouts = {
      connectMs: c.DATABASE_CONNECT_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.connectMs,
      statementMs: c.DATABASE_STATEMENT_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.statementMs,
      idleInTransactionMs: c.DATABASE_IDLE_TX_TIMEOUT_MS ?? DEFAULT_POSTGRES_TIMEOUTS.idleInTransactionMs,
    };
    return { kind: 'postgres', url: c.DATABASE_URL, timeouts };
  }
  const file = resolve(c.DATA_DIR ? resolve(cwd, c.DATA_DIR) : resolve(PROJECT_ROOT, 'data'), SQLITE_FILE);
  return { kind: 'sqlite', file, busyTimeoutMs: c.SQLITE_BUSY_TIMEOUT_MS ?? DEFAULT_SQLITE_BUSY_MS };
}

/** The store's location for log lines and messages, without credentials. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`;
  try {
    const url = new URL(config.url);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
