import { z } from 'zod';
import { DEFAULT_CORPUS_DIR, DEFAULT_KNOWLEDGE_DIR } from './paths.js';

const schema = z.object({
  KNOWLEDGE_DIR: z.string().min(1).default(DEFAULT_KNOWLEDGE_DIR),
  CORPUS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export interface Config {
  knowledgeDir: string;
  /** Where to verify quotes: CORPUS_DIR, else ../shared/corpus (used only when it exists). */
  corpusDir: string;
  /** CORPUS_DIR only when the operator set it: its documents' passages are answered from too (the default folder is not). */
  passagesDir: string | null;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

/** A configuration problem, naming the variable and what it should look like. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from environment variables (tests pass their own `env`); fails naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return { knowledgeDir: c.KNOWLEDGE_DIR, corpusDir: c.CORPUS_DIR ?? DEFAULT_CORPUS_DIR, passagesDir: c.CORPUS_DIR ?? null, logLevel: c.LOG_LEVEL };
}

/** `loadConfig` for a command line: a bad setting is printed as `brief: ...` on `stderr`, and null returned (exit 2). */
export function loadCliConfig(io: { env?: Record<string, string | undefined>; stderr: (text: string) => void }): ReturnType<typeof loadConfig> | null {
  try {
    return loadConfig(io.env ?? process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`brief: ${error.message}\n`);
    return null;
  }
}
