/**
 * bench:startup — what the compiled build costs to start and to keep, side by side with a bare Bolt app in
 * the same run: time from spawning to the first `/healthz` 200, and the idle memory (RSS of the whole process
 * tree, npm's wrapper included) two seconds later, for `npm start` (Slack over HTTP against a local fake Web
 * API) and for `node bench/bare-bolt-app.mjs`; and the wall time of `brief status --json` (through npm, and
 * as `node dist/cli.js`). Each is measured ROUNDS times, alternating; medians are reported.
 * Targets: /healthz at most 2.5x the bare app's time, idle memory at most 2x, `brief status --json` under 1 s.
 * Bounded (each start is capped at 30 s), loopback only. Run `npm run build` first (bench:startup does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { FakeSlackApi } from '../tests/doubles/fake-slack-api.js';
import { runMain } from './run-main.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const START_CAP_MS = 30_000;
const IDLE_MS = 2_000;
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const TOKEN = 'xoxb-1111-2222-BenchToken';
const TARGETS = { health: 2.5, memory: 2, briefMs: 1000 };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** RSS in kB of a process and all its descendants, from /proc. */
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function healthy(port: number, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before serving`);
    if (performance.now() - started > START_CAP_MS) throw new Error('no /healthz 200 within 30 s');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Start {
  ms: number;
  rssMb: number;
}

async function start(command: string, args: string[], apiUrl: string): Promise<Start> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'haiti-bench-start-'));
  const env = {
    ...process.env,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_APP_TOKEN: '',
    MicrosoftAppId: undefined,
    TEAMS_AUTH: undefined,
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  };
  const started = performance.now();
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const ms = await healthy(port, child, started);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, rssMb: treeRssKb(child.pid as number) / 1024 };
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')}: ${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  } finally {
    const exited = new Promise((resolve) => child.once('close', resolve));
    process.kill(-(child.pid as number), 'SIGTERM'); // the whole group: npm and the node it started
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function wall(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0 || !out.includes('"kind":"status"')) throw new Error(`${command} ${args.join(' ')} failed (${code})`);
  return performance.now() - started;
}

async function main(): Promise<number> {
  const fake = await FakeSlackApi.start({ lean: true });
  const sides = {
    bare: () => start(process.execPath, ['bench/bare-bolt-app.mjs'], fake.apiUrl),
    npmStart: () => start('npm', ['start', '--silent'], fake.apiUrl),
    node: () => start(process.execPath, ['dist/main.js'], fake.apiUrl),
    dev: () => start('npm', ['run', '--silent', 'dev'], fake.apiUrl),
  };
  const runs: Record<keyof typeof sides, Start[]> = { bare: [], npmStart: [], node: [], dev: [] };
  const briefNpm: number[] = [];
  const briefNode: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const names = Object.keys(sides) as (keyof typeof sides)[];
      for (const name of round % 2 === 0 ? names : [...names].reverse()) runs[name].push(await sides[name]());
      briefNpm.push(await wall('npm', ['run', '-s', 'brief', '--', 'status', '--json']));
      briefNode.push(await wall(process.execPath, ['dist/cli.js', 'status', '--json']));
    }
  } finally {
    await fake.close();
  }
  const ms = (name: keyof typeof sides): number => median(runs[name].map((r) => r.ms));
  const mb = (name: keyof typeof sides): number => median(runs[name].map((r) => r.rssMb));
  const row = (label: string, name: keyof typeof sides): string =>
    `${label.padEnd(34)} ${ms(name).toFixed(0).padStart(6)} ms to /healthz 200 (${(ms(name) / ms('bare')).toFixed(2)}x)   idle RSS ${mb(name).toFixed(0).padStart(4)} MB (${(mb(name) / mb('bare')).toFixed(2)}x)`;
  console.log(`bench:startup  Slack over HTTP against a local fake Web API, medians of ${ROUNDS} alternating rounds; RSS of the whole process tree ${IDLE_MS / 1000} s after /healthz`);
  console.log(row('bare Bolt app (node)', 'bare'));
  console.log(row('npm start (node dist/main.js)', 'npmStart'));
  console.log(row('node dist/main.js (no npm wrapper)', 'node'));
  console.log(row('npm run dev (tsx src/main.ts)', 'dev'));
  console.log(`brief status --json wall time: npm run brief ${median(briefNpm).toFixed(0)} ms, node dist/cli.js ${median(briefNode).toFixed(0)} ms`);
  const checks = [
    [`npm start /healthz time <= ${TARGETS.health}x bare`, ms('npmStart') / ms('bare') <= TARGETS.health],
    [`npm start idle memory <= ${TARGETS.memory}x bare`, mb('npmStart') / mb('bare') <= TARGETS.memory],
    [`npm run brief -- status --json < ${TARGETS.briefMs} ms`, median(briefNpm) < TARGETS.briefMs],
  ] as const;
  for (const [what, met] of checks) console.log(`${met ? 'MET    ' : 'NOT MET'} ${what}`);
  return checks.every(([, met]) => met) ? 0 : 1;
}

runMain(main);
