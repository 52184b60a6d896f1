import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runProcess } from '../doubles/run-process.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, cwd: PROJECT_ROOT });
  return { code, out, err };
}

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const { code, out } = await cli([...argv, '--json', '--now', '2025-10-15T09:00:00Z']);
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

const texts = (reply: Record<string, unknown>): string =>
  (reply.sections as { claims: { text: string }[] }[]).flatMap((s) => s.claims.map((c) => c.text)).join(' ');

describe('brief ask with --context', () => {
  it('reads a follow-up under the status brief in its context', async () => {
    const reply = await json(['ask', 'who', 'pays', 'for', 'it?', '--context', 'status']);
    expect(reply).toMatchObject({ kind: 'ask', answered: true });
    expect(texts(reply)).toMatch(/\$600 million/);
    expect(reply.context).toMatchObject({ kind: 'answer' });
  });

  it('takes an earlier answer\'s context id, so a conversation can go on from the command line', async () => {
    const first = await json(['ask', 'what', 'is', 'the', 'gang', 'suppression', 'force']);
    const id = (first.context as { id: string }).id;
    const next = await json(['ask', 'how', 'many', 'personnel', 'can', 'it', 'have', `--context=${id}`]);
    expect(next).toMatchObject({ answered: true });
    expect(texts(next)).toMatch(/5,550/);
  });

  it('refuses a bad --context with a clear error and exit status 2', async () => {
    const { code, err, out } = await cli(['ask', 'who', 'pays?', '--context', 'statsu']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('--context wants status, proposals, dates, or an earlier answer\'s context id');
    expect(err).toContain('"statsu"');
    expect((await cli(['ask', 'who', 'pays?', '--context'])).err).toContain('--context needs a value.');
  });

  it('works through the real door: npm run brief -- ask ... --context proposals --json', async () => {
    const result = await runProcess('npm', ['run', '--silent', 'brief', '--', 'ask', 'which one did the us back?', '--context', 'proposals', '--json', '--now', '2025-10-15T09:00:00Z']);
    expect(result.code).toBe(0);
    const reply = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(reply).toMatchObject({ kind: 'ask', answered: true });
    for (const key of ['text', 'asOf', 'warnings', 'citations']) expect(reply).toHaveProperty(key);
    expect(texts(reply)).toMatch(/US|United States/);
  });
});
