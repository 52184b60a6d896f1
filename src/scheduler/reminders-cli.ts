import { Writable } from 'node:stream';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import type { ChatPlatform } from '../core/chat-state.js';
import { formatDate } from '../core/dates.js';
import type { Knowledge } from '../core/knowledge/parse-knowledge.js';
import { fixedClock, systemClock, type Clock, type MessageSender } from '../core/ports.js';
import { leadDaysText } from '../core/reminders/lead-days-text.js';
import { planReminders } from '../core/reminders/reminder-schedule.js';
import { createLogger } from '../logger.js';
import { openKnowledge } from '../open-knowledge.js';
import { reminderSenders } from '../reminder-senders.js';
import type { Store } from '../core/reminders/store.js';
import { loadStoreConfig } from '../store/store-config.js';
import { loadReminderConfig, type ReminderConfig } from './reminder-config.js';
import { REMINDERS_USAGE } from './reminders-usage.js';
import { openReminders, StoreOpenError, type Reminders } from './open-reminders.js';

export interface RemindersCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Post through these senders instead of the configured ones (tests). */
  senders?: Partial<Record<ChatPlatform, MessageSender>>;
  /** Use this store instead of the configured one (tests). */
  store?: Store;
}

export { REMINDERS_USAGE };

class UsageError extends Error {}

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

function parseInstant(flag: string, value: string): Date {
  const date = instant.safeParse(value).success ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} wants an ISO-8601 instant like 2025-09-01T09:00:00Z (or a date like 2025-09-01); "${value}" is not one.`);
  }
  return date;
}

interface Args {
  action: 'run' | 'plan';
  json: boolean;
  now?: Date;
  from?: Date;
  to?: Date;
}

function parseArgs(argv: readonly string[]): Args {
  const [action, ...rest] = argv;
  if (action !== 'run' && action !== 'plan') {
    throw new UsageError(action ? `"reminders ${action}" is not a command: use "reminders run" or "reminders plan".` : 'Say "reminders run" or "reminders plan".');
  }
  const args: Args = { action, json: false };
  const allowed = action === 'run' ? ['--now'] : ['--from', '--to'];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--json' && inline === undefined) {
      args.json = true;
      continue;
    }
    if (!allowed.includes(flag)) throw new UsageError(`"reminders ${action}" does not take "${arg}".`);
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
    args[flag.slice(2) as 'now' | 'from' | 'to'] = parseInstant(flag, value);
  }
  if (action === 'plan') {
    if (!args.from || !args.to) throw new UsageError('"reminders plan" needs --from and --to.');
    if (args.to.getTime() < args.from.getTime()) throw new UsageError('--to is before --from.');
  }
  return args;
}

function plan(knowledge: Knowledge, config: ReminderConfig, from: Date, to: Date, json: boolean): string {
  const milestones = knowledge.events.filter((e) => e.milestone);
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const sub = { key: 'plan:default', channel: { platform: 'console' as const, id: 'default' }, leadDays: config.leadDays, timeZone: null, postAt: null, origin: 'config' as const, since: new Date(0) };
  const planned = planReminders(milestones, [sub], { after: new Date(from.getTime() - 1), until: to }, config.defaults).map((r) => {
    const m = byId.get(r.milestoneId)!;
    return { milestoneId: m.id, milestoneDate: m.date, precision: m.precision, milestoneDateText: formatDate(m), title: m.title, leadDays: r.leadDays, sendAt: r.sendAt.toISOString() };
  });
  if (json) {
    return JSON.stringify({ kind: 'reminders-plan', from: from.toISOString(), to: to.toISOString(), leadDays: config.leadDays, ...config.defaults, reminders: planned });
  }
  const head = `Reminders from ${from.toISOString()} to ${to.toISOString()} for a channel subscribed ${leadDaysText(config.leadDays)} before each milestone, posted at ${config.defaults.postAt} (${config.defaults.timeZone}):`;
  if (planned.length === 0) return `${head}\n  none.`;
  return [head, ...planned.map((p) => `  ${p.sendAt}  ${String(p.leadDays).padStart(3)} day(s) before  ${p.milestoneId} (${p.milestoneDateText})`)].join('\n');
}

/**
 * `brief reminders run|plan`: one delivery tick (for operators who run ticks from an external scheduler), or
 * the reminders a subscribed channel would get in a window. Returns the exit status: 0 done, 1 a reminder
 * failed for good, the knowledge base is invalid or the store cannot be opened, 2 bad usage or configuration.
 */
export async function runRemindersCli(argv: readonly string[], io: RemindersCliIo): Promise<number> {
  const env = io.env ?? process.env;
  let args: Args;
  let config;
  let reminderConfig: ReminderConfig;
  let storeConfig;
  try {
    args = parseArgs(argv);
    config = loadConfig(env);
    reminderConfig = loadReminderConfig(env);
    storeConfig = loadStoreConfig(env, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`brief: ${error.message}\nUsage:\n${REMINDERS_USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`brief: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const opened = openKnowledge(config.knowledgeDir, config.corpusDir, io.cwd);
  if (!opened.ok) {
    io.stderr(`Haiti Brief cannot send reminders: the knowledge base is invalid.\n${opened.report}\n`);
    return 1;
  }
  if (args.action === 'plan') {
    io.stdout(`${plan(opened.knowledge, reminderConfig, args.from!, args.to!, args.json)}\n`);
    return 0;
  }

  const clock: Clock = args.now ? fixedClock(args.now) : systemClock;
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      io.stderr(chunk.toString());
      done();
    },
  });
  const logger = createLogger(config.logLevel ?? 'info', logStream);
  let senders: Partial<Record<ChatPlatform, MessageSender>>;
  try {
    senders = io.senders ?? (await reminderSenders(env, logger));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`brief: ${error.message}\n`);
    return 2;
  }
  let reminders: Reminders;
  try {
    reminders = await openReminders({ knowledge: opened.knowledge, clock, logger, config: reminderConfig, storeConfig, ...(io.store ? { store: io.store } : {}) });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    io.stderr(`brief: ${error.message}\n`);
    return 1;
  }
  try {
    for (const [platform, sender] of Object.entries(senders)) {
      if (sender) reminders.sender.register(platform as ChatPlatform, sender);
    }
    const report = await reminders.delivery.tick();
    const at = report.at.toISOString();
    io.stdout(
      args.json
        ? `${JSON.stringify({ kind: 'reminders-run', ...report, at })}\n`
        : `Reminder tick at ${at}: ${report.due} due, ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed, ${report.skipped} skipped${report.digests > 0 ? ` (${report.digests} of them "New in Haiti Brief" digests)` : ''}.\n`,
    );
    return report.failed > 0 ? 1 : 0;
  } finally {
    if (!io.store) await reminders.close();
  }
}
