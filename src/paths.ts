import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json and briefs/ live), wherever the process was started. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The embedded knowledge base. */
export const DEFAULT_KNOWLEDGE_DIR = resolve(PROJECT_ROOT, 'briefs');

/** The source documents, beside the project on the team's machines and in CI; absent on a user's machine. */
export const DEFAULT_CORPUS_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');
