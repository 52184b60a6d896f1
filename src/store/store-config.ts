import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';

/** Where reminders are stored: a SQLite file (the embedded default) or a PostgreSQL server. */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'haiti-brief.sqlite';

const schema = z.object({
  DATA_DIR: z.string().trim().min(1).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((u) => /^postgres(ql)?:\/\/\S+$/.test(u), { message: 'must be a PostgreSQL URL, like postgres://user:password@host:5432/database' })
    .optional(),
});

/**
 * Reads the store's configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR (default
 * `data/` in the project folder). Fails naming the variable, never echoing the URL (it may hold a password).
 */
export function loadStoreConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): StoreConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => (k === 'DATA_DIR' || k === 'DATABASE_URL') && v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration:\n${result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n')}`);
  }
  if (result.data.DATABASE_URL) return { kind: 'postgres', url: result.data.DATABASE_URL };
  return { kind: 'sqlite', file: resolve(result.data.DATA_DIR ? resolve(cwd, result.data.DATA_DIR) : resolve(PROJECT_ROOT, 'data'), SQLITE_FILE) };
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
