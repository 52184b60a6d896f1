import { createInterface } from 'node:readline';
import { formatDate } from './core/dates.js';
import type { BriefingEngine } from './core/engine.js';
import type { ThreadContext } from './core/request.js';
import { knowledgeAsOf } from './core/reply-draft.js';
import { renderText } from './render/text.js';

export interface ConsoleOptions {
  engine: BriefingEngine;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** One line on the knowledge base in use (which folder, what it holds, whether quotes were verified). */
  knowledgeSummary: string;
}

/** The console is one channel of its own. */
const CONSOLE_CHANNEL = { platform: 'console', id: 'local-console' } as const;

const QUIT = new Set(['quit', 'exit', ':q', '/quit', '/exit']);

/**
 * The local console: the embedded default when no Slack or Teams credentials are set. Reads the lines a user
 * would type in chat ("/haiti status" or just "status") and prints the plain-text replies. Ends on "quit",
 * "exit" or end of input (Ctrl-D); resolves when it has ended.
 */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const { engine, input, output } = options;
  const write = (text: string): void => {
    output.write(text);
  };
  const asOf = knowledgeAsOf(engine.knowledge);
  write(
    [
      'Haiti Brief: local console.',
      'No Slack or Teams credentials are set, so the bot answers here instead of in a chat channel.',
      options.knowledgeSummary,
      `The knowledge is current to ${asOf ? formatDate(asOf) : 'an unknown date'} (its newest source).`,
      'Type a command: status, proposals, dates (add "full" for the whole brief), sources, ask <question>, help.',
      'Leave with "quit" or Ctrl-D.',
      '',
    ].join('\n'),
  );
  const terminal = 'isTTY' in output && Boolean((output as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output, terminal, prompt: 'haiti> ' });
  return new Promise((resolve) => {
    // Lines are answered one at a time, in order, even when they arrive faster than the answers.
    let queue = Promise.resolve();
    // Like a direct message, the console is one conversation: a line is read as a follow-up of the last reply.
    let thread: ThreadContext | undefined;
    rl.on('line', (line) => {
      const text = line.trim();
      queue = queue.then(async () => {
        if (QUIT.has(text.toLowerCase())) {
          rl.close();
          return;
        }
        if (text !== '') {
          const reply = await engine.answerText(text, { channel: CONSOLE_CHANNEL, ...(thread ? { thread } : {}) });
          thread = reply.context ?? thread;
          write(`${renderText(reply)}\n\n`);
        }
        rl.prompt();
      });
    });
    rl.on('close', () => {
      void queue.then(() => {
        write('Goodbye.\n');
        resolve();
      });
    });
    rl.prompt();
  });
}
