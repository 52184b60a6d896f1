import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { DEFAULT_LEAD_DAYS, parseLeadDays } from '../core/commands/parse-command.js';
import type { ConfiguredChannel } from '../core/reminders/config-subscriptions.js';
import { isTimeZone, parsePostAt, type ReminderDefaults } from '../core/reminders/reminder-schedule.js';

export interface ReminderConfig {
  /** The cron expression the in-process scheduler runs the tick on. */
  schedule: string;
  defaults: ReminderDefaults;
  graceMs: number;
  /** Lead times for configured channels that name none, and for `reminders plan`. */
  leadDays: number[];
  channels: ConfiguredChannel[];
}

const timeZone = z.string().refine(isTimeZone, { message: 'must be an IANA time zone, like "UTC" or "America/Port-au-Prince"' });
const postAt = z.string().refine((t) => parsePostAt(t) !== null, { message: 'must be a time of day as HH:MM (24-hour clock), like "09:00"' });
const leadDays = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseLeadDays(text);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.days;
  });

const channelSchema = z.strictObject({
  platform: z.enum(['slack', 'teams']),
  id: z.string().trim().min(1),
  /** Teams: the conversation reference to post with. */
  reference: z.record(z.string(), z.unknown()).optional(),
  leadDays: z.array(z.number().int().min(1).max(365)).min(1).max(10).optional(),
  timeZone: timeZone.optional(),
  postAt: postAt.optional(),
});

/** REMINDER_CHANNELS: a JSON array of channels, or a list like "slack:C0123ABCD teams:19:abc@thread.tacv2". */
const channelsSchema = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let raw: unknown;
  if (trimmed.startsWith('[')) {
    try {
      raw = JSON.parse(trimmed);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'starts with "[" but is not valid JSON: write a JSON array like [{"platform":"slack","id":"C0123ABCD"}]' });
      return z.NEVER;
    }
  } else {
    raw = trimmed.split(/[\s,]+/).map((entry) => {
      const at = entry.indexOf(':');
      return at > 0 ? { platform: entry.slice(0, at), id: entry.slice(at + 1) } : { platform: entry, id: '' };
    });
  }
  const parsed = z.array(channelSchema).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: `channel ${issue.path.join('.')}: ${issue.message} (each channel is "slack:<channel id>" or "teams:<conversation id>")` });
    }
    return z.NEVER;
  }
  return parsed.data;
});

/** Where the people the bot serves mostly are: 09:00 there is 13:00 or 14:00 UTC (Haiti keeps US daylight saving). */
export const DEFAULT_REMINDER_TIME_ZONE = 'America/Port-au-Prince';

const schema = z.object({
  REMINDER_SCHEDULE: z.string().refine((e) => cron.validate(e), { message: 'must be a cron expression, like "* * * * *" (every minute)' }).default('* * * * *'),
  REMINDER_TIME_ZONE: timeZone.default(DEFAULT_REMINDER_TIME_ZONE),
  REMINDER_POST_AT: postAt.default('09:00'),
  REMINDER_GRACE_HOURS: z.coerce.number({ message: 'must be a number of hours, like 24' }).positive('must be more than 0 hours').max(24 * 30, 'must be at most 720 hours').default(24),
  REMINDER_LEAD_DAYS: leadDays.default([...DEFAULT_LEAD_DAYS]),
  REMINDER_CHANNELS: channelsSchema.default([]),
});

/** Reads the reminders' configuration from environment variables; fails naming the variable. */
export function loadReminderConfig(env: Record<string, string | undefined> = process.env): ReminderConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('REMINDER_') && v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    schedule: c.REMINDER_SCHEDULE,
    defaults: { timeZone: c.REMINDER_TIME_ZONE, postAt: c.REMINDER_POST_AT },
    graceMs: c.REMINDER_GRACE_HOURS * 3_600_000,
    leadDays: c.REMINDER_LEAD_DAYS,
    channels: c.REMINDER_CHANNELS.map((ch) => ({
      channel: { platform: ch.platform, id: ch.id, ...(ch.reference ? { reference: ch.reference } : {}) },
      leadDays: ch.leadDays ? [...new Set(ch.leadDays)].sort((a, b) => b - a) : c.REMINDER_LEAD_DAYS,
      timeZone: ch.timeZone ?? null,
      postAt: ch.postAt ?? null,
    })),
  };
}
