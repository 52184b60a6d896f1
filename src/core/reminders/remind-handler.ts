import { earliestInstant, formatDate } from '../dates.js';
import type { RemindCommand, RemindHandler } from '../engine.js';
import { knowledgeSource, type KnowledgeSource } from '../knowledge/knowledge-holder.js';
import type { Knowledge } from '../knowledge/parse-knowledge.js';
import { knowledgeOn } from '../news/knowledge-on.js';
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
  /** Fixed, or swapped by a running bot when its files change: each request reads it once. */
  knowledge: Knowledge | KnowledgeSource;
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

function digestText(sub: Subscription): string {
  return sub.digest === false
    ? 'No "New in Haiti Brief" posts here: type "remind on" to have them again.'
    : 'When the sources gain newer documents, this channel also gets one short "New in Haiti Brief" post ("remind on no-digest" turns it off).';
}

function milestonesAhead(draft: ReplyDraft, knowledge: Knowledge, now: Date): void {
  const ahead = milestones(knowledge).filter((e) => earliestInstant(e).getTime() > now.getTime());
  if (ahead.length === 0) return;
  draft.section(
    'Milestones ahead',
    ahead.map((e) => ({ label: formatDate(e), text: `${e.title}. ${e.stake ?? ''}`.trim(), cite: [...e.cite, ...(e.stakeCite ?? [])], about: [e.id] })),
  );
}

/** "at 09:00 America/Port-au-Prince": the timing as the announcement and the confirmation say it. */
function atText(sub: Pick<Subscription, 'timeZone' | 'postAt'>, defaults: ReminderDefaults): string {
  const t = timingOf(sub, defaults);
  return `at ${t.postAt} ${t.timeZone}`;
}

/** The words a reply uses for where the reminders go: this channel, or the person in a direct message. */
interface Audience {
  /** "this channel" or "you". */
  who: string;
  /** "This channel gets" / "You get". */
  gets: string;
  here: string;
}

const CHANNEL: Audience = { who: 'this channel', gets: 'This channel gets', here: 'here' };
const PERSON: Audience = { who: 'you, in a direct message', gets: 'You get, in a direct message,', here: 'in your direct messages' };

/**
 * Answers `remind on|off|list` (and `remind me on|off|list`) against the store: subscribes the channel (or
 * the person, in a direct message) with its lead times, posting time and time zone, unsubscribes it, or lists
 * its settings and next reminders in local time. A change to a channel's reminders comes with an
 * `announce` line for the whole channel, so nobody is surprised by a reminder or by its absence.
 */
export function createRemindHandler(options: RemindHandlerOptions): RemindHandler {
  const { store, defaults } = options;
  const source = knowledgeSource(options.knowledge);

  const handle = async (command: RemindCommand, request: RequestContext, now: Date): Promise<Reply> => {
    const knowledge = knowledgeOn(source.current(), now);
    const draft = new ReplyDraft(knowledge, 'remind', 'Milestone reminders');
    const personal = command.personal === true;
    let channel = request.channel;
    if (channel && options.canDeliver(channel.platform) && personal) {
      let opened = true;
      channel = request.direct ? await request.direct().catch(() => ((opened = false), undefined)) : undefined;
      if (!channel) {
        draft.intro.push(
          opened
            ? 'I cannot open a direct message with you here, so nothing was changed. Type "remind on" in a channel instead.'
            : 'I could not open a direct message with you, so nothing was changed. Start a chat with Haiti Brief first (in Teams: Apps, Haiti Brief, Add), then type "remind me on" again.',
        );
        return draft.finish(now, { answered: false });
      }
    }
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
    const aud = personal ? PERSON : CHANNEL;
    const prefix = personal ? 'remind me' : 'remind';
    const key = subscriptionKey(channel);
    const existing = await store.getSubscription(key);
    const announce = (text: string, reply: Reply): Reply => (personal ? reply : { ...reply, announce: text });

    if (command.action === 'off') {
      const removed = await store.deleteSubscription(key);
      draft.intro.push(
        removed
          ? `Reminders are off for ${aud.who}: no more will be posted ${aud.here}.`
          : `${personal ? 'You had' : 'This channel had'} no reminders, so nothing was changed.`,
      );
      if (removed && existing?.origin === 'config') {
        draft.intro.push('An operator subscribed this channel in the configuration (REMINDER_CHANNELS): it will be subscribed again when the bot restarts unless they remove it there.');
      }
      draft.suggestions.push(`${prefix} on`);
      const reply = draft.finish(now);
      return removed ? announce('turned off milestone reminders here', reply) : reply;
    }

    if (command.action !== 'on') {
      if (!existing) {
        draft.intro.push(
          `${personal ? 'You have' : 'This channel has'} no reminders. Type "${prefix} on" for reminders 30, 7 and 1 days before each milestone, at ${defaults.postAt} ${defaults.timeZone}, or choose, like "${prefix} on 14,2 at 08:30 in America/New_York".`,
        );
        milestonesAhead(draft, knowledge, now);
        draft.suggestions.push(`${prefix} on`);
        return draft.finish(now);
      }
      draft.intro.push(`${aud.gets} reminders ${leadDaysText(existing.leadDays)} before each milestone, ${timingText(existing, defaults)}.`);
      draft.intro.push(digestText(existing));
      addNext(draft, knowledge, existing, now, defaults);
      draft.suggestions.push(`${prefix} off`);
      return draft.finish(now);
    }

    const leadDays = command.leadsGiven || !existing ? command.leadDays : existing.leadDays;
    const saved = await store.saveSubscription({
      key,
      channel,
      leadDays,
      timeZone: command.timeZone ?? existing?.timeZone ?? null,
      postAt: command.postAt ?? existing?.postAt ?? null,
      origin: 'chat',
      since: existing?.since ?? now,
      ...(command.digest === false ? { digest: false as const } : {}),
      ...(request.user?.id ? { setBy: request.user.id } : {}),
    });
    const timing = (sub: Subscription): string => `${leadDaysText(sub.leadDays)}|${atText(sub, defaults)}|${sub.digest === false ? 'no-digest' : ''}`;
    const same = existing !== null && timing(existing) === timing(saved);
    draft.intro.push(
      !existing
        ? `Reminders are on for ${aud.who}: ${leadDaysText(saved.leadDays)} before each milestone, ${timingText(saved, defaults)}.`
        : same
          ? `Reminders were already on for ${aud.who}, ${leadDaysText(saved.leadDays)} before each milestone, ${timingText(saved, defaults)}; nothing was changed.`
          : `${personal ? 'Your reminders' : 'Reminders for this channel'} now come ${leadDaysText(saved.leadDays)} before each milestone, ${timingText(saved, defaults)} (before: ${leadDaysText(existing.leadDays)}, ${timingText(existing, defaults)}).`,
    );
    if (!same) draft.intro.push(digestText(saved));
    const newLeads = saved.leadDays.filter((d) => !existing?.leadDays.includes(d));
    const passed = passedLeads(knowledge, saved, newLeads, now, defaults);
    if (passed.length > 0) draft.intro.push(`Already past, so not sent late: ${passed.join('; ')}.`);
    addNext(draft, knowledge, saved, now, defaults);
    draft.suggestions.push(`${prefix} list`, `${prefix} off`);
    const reply = draft.finish(now);
    if (same) return reply;
    const what = `${existing ? 'changed milestone reminders here to' : 'turned on milestone reminders here:'} ${leadDaysText(saved.leadDays)} before, ${atText(saved, defaults)}`;
    return announce(what, reply);
  };
  // Every store call is bounded (timeouts), so a store that is down fails here within seconds: the asker is
  // told plainly that nothing changed, rather than waiting or getting a generic error.
  return async (command, request, now) => {
    try {
      return await handle(command, request, now);
    } catch {
      const draft = new ReplyDraft(knowledgeOn(source.current(), now), 'remind', 'Milestone reminders');
      draft.intro.push(
        command.action === 'list'
          ? "I can't reach the reminder store right now, so I can't list this channel's reminders. Try again in a few minutes."
          : `I can't reach the reminder store right now, so nothing was changed: reminders are as they were. Try "remind ${command.action}" again in a few minutes.`,
      );
      draft.suggestions.push('dates');
      return draft.finish(now, { answered: false });
    }
  };
}
