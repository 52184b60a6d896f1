import { earliestInstant, formatDate } from '../dates.js';
import type { RemindCommand, RemindHandler } from '../engine.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import type { TimelineEvent } from '../knowledge/schema.js';
import type { Reply } from '../reply.js';
import { ReplyDraft } from '../reply-draft.js';
import type { ChannelRef, RequestContext } from '../request.js';
import { formatInstant } from './format-instant.js';
import { leadDaysText } from './lead-days-text.js';
import { subscriptionKey, type PlannedReminder, type Subscription } from './model.js';
import { planReminders, timingOf, type ReminderDefaults } from './reminder-schedule.js';
import type { Store } from './store.js';

export interface RemindHandlerOptions {
  knowledge: Knowledge;
  store: Store;
  defaults: ReminderDefaults;
  /** Whether this bot can post reminders to channels of a platform (the local console cannot). */
  canDeliver: (platform: ChannelRef['platform']) => boolean;
}

/** How many upcoming reminders `remind on|list` shows. */
const SHOWN = 10;
const END_OF_TIME = new Date(8.64e15);
const PLATFORM_NAMES: Record<ChannelRef['platform'], string> = { slack: 'Slack', teams: 'Microsoft Teams', console: 'the local console' };

function milestones(knowledge: Knowledge): TimelineEvent[] {
  return knowledge.events.filter((e) => e.milestone);
}

function timingText(sub: Subscription, defaults: ReminderDefaults): string {
  const t = timingOf(sub, defaults);
  return `posted at ${t.postAt} (${t.timeZone})`;
}

/** Adds the subscription's next reminders (or says there are none) to a reply. */
function addNext(draft: ReplyDraft, knowledge: Knowledge, sub: Subscription, now: Date, defaults: ReminderDefaults): void {
  const byId = new Map(milestones(knowledge).map((m) => [m.id, m]));
  const next = planReminders([...byId.values()], [sub], { after: now, until: END_OF_TIME }, defaults);
  if (next.length === 0) {
    draft.intro.push('No milestone in the sources lies far enough ahead for a reminder; milestones added to the sources later get reminders too.');
    return;
  }
  const timeZone = timingOf(sub, defaults).timeZone;
  const claims = next.slice(0, SHOWN).map((r: PlannedReminder) => {
    const m = byId.get(r.milestoneId) as TimelineEvent;
    return {
      label: formatInstant(r.sendAt, timeZone),
      text: `${leadDaysText([r.leadDays])} before: ${m.title} (${formatDate(m)})`,
      cite: m.cite,
      about: [m.id],
    };
  });
  draft.section(next.length > SHOWN ? `Next reminders (the first ${SHOWN} of ${next.length})` : 'Next reminders', claims);
}

/** Reminders of milestones still ahead, for lead times just asked for, whose time has already passed. */
function passedLeads(knowledge: Knowledge, sub: Subscription, newLeads: number[], now: Date, defaults: ReminderDefaults): string[] {
  const ahead = milestones(knowledge).filter((m) => earliestInstant(m).getTime() > now.getTime());
  const asked = { ...sub, leadDays: newLeads, since: new Date(0) };
  const before = planReminders(ahead, [asked], { after: new Date(0), until: now }, defaults);
  return before.map((r) => {
    const m = ahead.find((e) => e.id === r.milestoneId) as TimelineEvent;
    return `${leadDaysText([r.leadDays])} before ${m.title} (${formatDate(m)})`;
  });
}

function milestonesAhead(draft: ReplyDraft, knowledge: Knowledge, now: Date): void {
  const ahead = milestones(knowledge).filter((e) => earliestInstant(e).getTime() > now.getTime());
  if (ahead.length === 0) return;
  draft.section(
    'Milestones ahead',
    ahead.map((e) => ({ label: formatDate(e), text: `${e.title}. ${e.stake ?? ''}`.trim(), cite: [...e.cite, ...(e.stakeCite ?? [])], about: [e.id] })),
  );
}

/**
 * Answers `remind on|off|list` for the channel a request came from, against the store: subscribes the channel
 * with its lead times, unsubscribes it, or lists its subscription and next reminders with their dates.
 */
export function createRemindHandler(options: RemindHandlerOptions): RemindHandler {
  const { knowledge, store, defaults } = options;

  return async (command: RemindCommand, request: RequestContext, now: Date): Promise<Reply> => {
    const draft = new ReplyDraft(knowledge, 'remind', 'Milestone reminders');
    const channel = request.channel;
    if (!channel || !options.canDeliver(channel.platform)) {
      draft.intro.push(
        channel
          ? `Reminders are posted to Slack and Teams channels, and this bot cannot post to ${PLATFORM_NAMES[channel.platform]}, so nothing was changed.`
          : 'Reminders are posted to a channel: type this in the Slack or Teams channel that should get them. Nothing was changed.',
      );
      milestonesAhead(draft, knowledge, now);
      draft.suggestions.push('dates');
      return draft.finish(now, { answered: false });
    }
    const key = subscriptionKey(channel);
    const existing = await store.getSubscription(key);

    if (command.action === 'off') {
      const removed = await store.deleteSubscription(key);
      draft.intro.push(removed ? 'Reminders are off for this channel: no more will be posted here.' : 'This channel had no reminders, so nothing was changed.');
      if (removed && existing?.origin === 'config') {
        draft.intro.push('An operator subscribed this channel in the configuration (REMINDER_CHANNELS): it will be subscribed again when the bot restarts unless they remove it there.');
      }
      draft.suggestions.push('remind on');
      return draft.finish(now);
    }

    if (command.action !== 'on') {
      if (!existing) {
        draft.intro.push('This channel has no reminders. Type "remind on" for reminders 30, 7 and 1 days before each milestone, or choose the days, like "remind on 14,2".');
        milestonesAhead(draft, knowledge, now);
        draft.suggestions.push('remind on');
        return draft.finish(now);
      }
      draft.intro.push(`This channel gets reminders ${leadDaysText(existing.leadDays)} before each milestone, ${timingText(existing, defaults)}.`);
      addNext(draft, knowledge, existing, now, defaults);
      draft.suggestions.push('remind off');
      return draft.finish(now);
    }

    const saved = await store.saveSubscription({
      key,
      channel,
      leadDays: command.leadDays,
      timeZone: existing?.timeZone ?? null,
      postAt: existing?.postAt ?? null,
      origin: 'chat',
      since: existing?.since ?? now,
    });
    const same = existing && existing.leadDays.join() === saved.leadDays.join();
    draft.intro.push(
      !existing
        ? `Reminders are on for this channel: ${leadDaysText(saved.leadDays)} before each milestone, ${timingText(saved, defaults)}.`
        : same
          ? `Reminders were already on for this channel, ${leadDaysText(saved.leadDays)} before each milestone; nothing was changed.`
          : `Reminders for this channel now come ${leadDaysText(saved.leadDays)} before each milestone (they came ${leadDaysText(existing.leadDays)} before), ${timingText(saved, defaults)}.`,
    );
    const newLeads = saved.leadDays.filter((d) => !existing?.leadDays.includes(d));
    const passed = passedLeads(knowledge, saved, newLeads, now, defaults);
    if (passed.length > 0) draft.intro.push(`Already past, so not sent late: ${passed.join('; ')}.`);
    addNext(draft, knowledge, saved, now, defaults);
    draft.suggestions.push('remind list', 'remind off');
    return draft.finish(now);
  };
}
