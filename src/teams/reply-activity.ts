import { CardFactory, type Activity } from 'botbuilder';
import type { Reply } from '../core/reply.js';
import { renderAdaptiveCard } from '../render/adaptive-card.js';
import { clip } from '../render/card-markdown.js';

/** A reply as a Teams message: one Adaptive Card (with its own text fallback) and a summary for notifications. */
export function replyActivity(reply: Reply): Partial<Activity> {
  return {
    type: 'message',
    summary: clip(reply.title, 200),
    attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(reply))],
  };
}
