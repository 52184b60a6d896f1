import { z } from 'zod';
import { parseThreadContext } from '../core/answers/thread-focus.js';
import type { ThreadContext } from '../core/request.js';
import { FOLLOW_UP_INPUT } from '../render/adaptive-card.js';

const submitSchema = z.object({
  haitiBrief: z.union([
    z.object({ command: z.string().max(200) }),
    z.object({ ask: z.literal(true), context: z.unknown() }),
  ]),
  [FOLLOW_UP_INPUT]: z.string().max(2_000).optional(),
});

/** What a press of one of the card's buttons asks for: the text to answer, and the context it was asked in. */
export interface CardSubmit {
  text: string;
  context?: ThreadContext;
}

/**
 * Reads the value Teams sends when a card's button is pressed (the button's data merged with the card's
 * inputs). The follow-up box's data carries the reply's context, so it survives a restart of the bot.
 * Returns null for anything that is not one of our buttons.
 */
export function cardSubmit(value: unknown): CardSubmit | null {
  const parsed = submitSchema.safeParse(value);
  if (!parsed.success) return null;
  const data = parsed.data.haitiBrief;
  if ('command' in data) return { text: data.command };
  const context = parseThreadContext(data.context);
  if (!context) return null;
  const question = (parsed.data[FOLLOW_UP_INPUT] ?? '').trim();
  return { text: `ask ${question}`, context };
}
