import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../src/console.js';
import { BriefingEngine } from '../src/core/engine.js';
import { fixedClock } from '../src/core/ports.js';
import { fixtureDir, shippedKnowledge } from './doubles/fixture-kb.js';
import { runProcess } from './doubles/run-process.js';

async function session(lines: string[], endWith: 'quit' | 'eof'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const engine = new BriefingEngine(shippedKnowledge(), fixedClock(new Date('2025-06-01T00:00:00Z')));
  const done = runConsole({ engine, input, output, knowledgeSummary: 'Knowledge base briefs/: test summary.' });
  for (const line of lines) input.write(`${line}\n`);
  if (endWith === 'quit') input.write('quit\n');
  else input.end();
  await done;
  return printed;
}

describe('the local console', () => {
  it('greets with the knowledge base and how current it is, answers chat lines, and leaves on quit', async () => {
    const printed = await session(['/haiti status', 'proposals', 'ask who is the MSS spokesperson?'], 'quit');
    expect(printed).toContain('Haiti Brief: local console.');
    expect(printed).toContain('No Slack or Teams credentials are set');
    expect(printed).toContain('Knowledge base briefs/: test summary.');
    expect(printed).toContain('The knowledge is current to 30 September 2025 (its newest source).');
    expect(printed).toContain("Haiti's security mission");
    expect(printed).toMatch(/Proposals/);
    expect(printed).toContain('Ombaka');
    expect(printed.trimEnd().endsWith('Goodbye.')).toBe(true);
  });

  it('reads a line as a follow-up of the last reply, as in a direct message', async () => {
    // On its own, "what happened to him?" names no one, and is refused.
    const printed = await session(['ask who is benedict kabiru', 'what happened to him?'], 'quit');
    const followUp = printed.slice(printed.indexOf('Q: what happened to him?'));
    expect(followUp).toMatch(/Kabiru, was still missing/);
    expect(followUp).not.toContain("don't cover");
  });

  it('ends on end of input (Ctrl-D), and answers help and unknown commands', async () => {
    const printed = await session(['help', 'staus'], 'eof');
    expect(printed).toContain('Haiti Brief: commands');
    expect(printed).toContain('Did you mean "status"?');
    expect(printed.trimEnd().endsWith('Goodbye.')).toBe(true);
  });

  it('starts with npm start when no chat credentials are set', async () => {
    const result = await runProcess('npm', ['start', '--silent'], {
      input: 'status please\nquit\n',
      env: { SLACK_BOT_TOKEN: undefined, MicrosoftAppId: undefined, TEAMS_AUTH: undefined },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Haiti Brief: local console.');
    expect(result.stdout).toMatch(/Knowledge base briefs\/: \d+ sources, 2 briefs/);
    expect(result.stdout).toContain("Haiti's security mission");
  });

  it('refuses to start on an invalid knowledge base, naming file and line', async () => {
    const dir = fixtureDir({ 'timeline.yaml': (t) => t.replace('precision: month', 'precision: fortnight') });
    const result = await runProcess('npm', ['start', '--silent'], { env: { KNOWLEDGE_DIR: dir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Haiti Brief cannot start: the knowledge base is invalid.');
    expect(result.stderr).toMatch(/timeline\.yaml:\d+: events\[1\]\.precision: must be one of "day", "month", "year"/);
    expect(result.stdout).not.toContain('local console');
  });
});
