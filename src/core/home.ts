import { briefReply } from './commands/brief-reply.js';
import { USAGE, COMMAND_NAMES } from './commands/parse-command.js';
import { earliestInstant, formatDate } from './dates.js';
import type { Knowledge } from './knowledge/parse-knowledge.js';
import { knowledgeSource, type KnowledgeSource } from './knowledge/knowledge-holder.js';
import { knowledgeOn } from './news/knowledge-on.js';
import type { Clock } from './ports.js';
import { knowledgeAsOf } from './reply-draft.js';
import { formatInstant } from './reminders/format-instant.js';
import { leadDaysText } from './reminders/lead-days-text.js';
import { planReminders, timingOf, type ReminderDefaults } from './reminders/reminder-schedule.js';
import type { Store } from './reminders/store.js';
import type { ChannelRef } from './request.js';

/** A person's overview of the bot, for a home screen (Slack's App Home): plain data, each platform renders it. */
export interface HomeOverview {
  /** Where things stand, in one or two sentences (the status brief's headline). */
  headline: string | null;
  /** How current the knowledge is: the newest source's date, in words. */
  asOf: string | null;
  /** The next milestones in the sources, soonest first (empty: the sources hold none ahead). */
  milestones: Array<{ date: string; title: string }>;
  /** Where this person turned reminders on (or changed them), with the settings and the next one. */
  reminders: Array<{ channel: ChannelRef; personal: boolean; settings: string; next: string | null }>;
  /** Every command with its usage. */
  commands: string[];
}

const SHOWN_MILESTONES = 5;

/**
 * Builds a person's overview from the knowledge and the reminders store. `isPersonal` says whether a
 * subscription is that person's own direct-message one (the platform knows its ids).
 */
export function createHomeOverview(options: { knowledge: Knowledge | KnowledgeSource; store: Pick<Store, 'listSubscriptions'>; clock: Clock; defaults: ReminderDefaults }) {
  const { store, clock, defaults } = options;
  const source = knowledgeSource(options.knowledge);
  return async (platform: ChannelRef['platform'], userId: string): Promise<HomeOverview> => {
    const now = clock.now();
    // The knowledge served now (a reload swaps it), as it stood at now.
    const knowledge = knowledgeOn(source.current(), now);
    const asOf = knowledgeAsOf(knowledge);
    const milestoneEvents = knowledge.events.filter((e) => e.milestone);
    const ahead = milestoneEvents
      .filter((e) => earliestInstant(e).getTime() > now.getTime())
      .sort((a, b) => earliestInstant(a).getTime() - earliestInstant(b).getTime());
    const subs = (await store.listSubscriptions()).filter((s) => s.channel.platform === platform && (s.setBy === userId || s.channel.id === userId));
    const far = new Date(now.getTime() + 400 * 86_400_000);
    return {
      headline: knowledge.briefs.has('status') ? (briefReply(knowledge, 'status', now).headline?.text ?? null) : null,
      asOf: asOf ? formatDate(asOf) : null,
      milestones: ahead.slice(0, SHOWN_MILESTONES).map((e) => ({ date: formatDate(e), title: e.title })),
      reminders: subs.map((s) => {
        const t = timingOf(s, defaults);
        const next = planReminders(milestoneEvents, [s], { after: now, until: far }, defaults)[0];
        return {
          channel: s.channel,
          personal: s.channel.id === userId,
          settings: `${leadDaysText(s.leadDays)} before each milestone, at ${t.postAt} ${t.timeZone}`,
          next: next ? formatInstant(next.sendAt, t.timeZone) : null,
        };
      }),
      commands: COMMAND_NAMES.map((n) => USAGE[n]),
    };
  };
}

export type HomeOverviewSource = ReturnType<typeof createHomeOverview>;
