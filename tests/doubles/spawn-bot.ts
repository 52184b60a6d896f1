import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The compiled entry points `npm start` and `npm run brief` run (`npm test` builds them first). */
export const MAIN_JS = 'dist/main.js';
export const CLI_JS = 'dist/cli.js';
/** Preload that prints the packages a process loaded when it exits (see loaded-packages.mjs). */
export const LOADED_PACKAGES = ['--import', './tests/doubles/loaded-packages.mjs'];

/** Environment without any chat or store setting the developer's shell may hold. */
export const CLEAN_ENV = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', SLACK_API_URL: '', PORT: '', HOST: '', DATABASE_URL: '', MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, TEAMS_AUTH: undefined, CORPUS_DIR: undefined };

export function assertBuilt(): void {
  if (!existsSync(join(PROJECT_ROOT, MAIN_JS))) throw new Error('dist/ is missing: run `npm run build` (npm test builds it first).');
}

/** The packages named in the LOADED_PACKAGES line of a process's standard error. */
export function loadedPackages(stderr: string): string[] {
  const line = /LOADED_PACKAGES (\[.*\])/.exec(stderr)?.[1];
  if (!line) throw new Error(`no LOADED_PACKAGES line in:\n${stderr}`);
  return JSON.parse(line) as string[];
}

export interface SpawnedBot {
  /** Ports announced in the log: Slack's HTTP receiver (or health server) and the Teams server, when running. */
  slackPort?: number;
  teamsPort?: number;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `node dist/main.js` (what `npm start` runs) in one process, until the adapters it was given say they listen. */
export async function spawnBot(env: Record<string, string | undefined>, expect: { slack?: boolean; teams?: boolean }): Promise<SpawnedBot> {
  assertBuilt();
  const child = spawn(process.execPath, [...LOADED_PACKAGES, MAIN_JS], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...CLEAN_ENV, DATA_DIR: mkdtempSync(join(tmpdir(), 'haiti-data-')), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ports = await new Promise<{ slackPort?: number; teamsPort?: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 20 s:\n${stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const slack = /"event":"slack\.started","mode":"(?:http|socket)","port":(\d+)/.exec(stderr);
      const teams = /"event":"teams\.listening","host":"[^"]+","port":(\d+)/.exec(stderr);
      if ((!expect.slack || slack) && (!expect.teams || teams)) {
        clearTimeout(timer);
        resolve({ ...(slack ? { slackPort: Number(slack[1]) } : {}), ...(teams ? { teamsPort: Number(teams[1]) } : {}) });
      }
    });
    void exited.then(() => reject(new Error(`exited early:\n${stderr}`)));
  });
  return {
    ...ports,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
