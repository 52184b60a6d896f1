import { CardFactory, type Activity } from 'botbuilder';
import type { Reply } from '../core/reply.js';
import { renderAdaptiveCard, renderAdaptiveCards } from '../render/adaptive-card.js';
import { clip, plainForTeams } from '../render/card-markdown.js';

/** A reply as one Teams message: its first Adaptive Card (with its own text fallback) and a summary for notifications. */
export function replyActivity(reply: Reply): Partial<Activity> {
  return {
    type: 'message',
    summary: clip(plainForTeams(reply.title), 200),
    attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(reply))],
  };
}

/**
 * A reply as the Teams messages that carry all of it: the first answers in the thread; the rest (a reply too
 * long for one card, or the full form asked for with "status full") follow it in the same reply chain.
 */
export function replyActivities(reply: Reply): Partial<Activity>[] {
  return renderAdaptiveCards(reply).map((card, i) => ({
    type: 'message',
    summary: clip(plainForTeams(i === 0 ? reply.title : `${reply.title} (continued)`), 200),
    attachments: [CardFactory.adaptiveCard(card)],
  }));
}
