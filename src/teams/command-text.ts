import type { Activity } from 'botbuilder';

const MENTION_TAG = /<at\b[^>]*>(.*?)<\/at>/gis;

/**
 * The command a user typed, as the core reads it: the bot's @mention removed (by its mention entity, and any
 * `<at>` tag left over), and so are other people's mentions and `<at>everyone</at>`: people are not words of
 * a command, and their names are never echoed back as mentions. Non-breaking spaces are made plain. A
 * leading "/haiti" stays: the command parser takes it or leaves it.
 */
export function commandText(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  const bot = activity.recipient;
  for (const entity of activity.entities ?? []) {
    const mentioned = (entity as { mentioned?: { id?: string } }).mentioned;
    const tag = (entity as { text?: unknown }).text;
    if (entity.type === 'mention' && mentioned?.id === bot?.id && typeof tag === 'string' && tag !== '') {
      text = text.split(tag).join(' ');
    }
  }
  text = text.replace(MENTION_TAG, ' ');
  return text.replace(/&nbsp;|\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}
