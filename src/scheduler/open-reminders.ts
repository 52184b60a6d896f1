import type { ChatPlatform } from '../core/chat-state.js';
import type { RemindHandler } from '../core/engine.js';
import { knowledgeSource, type KnowledgeSource } from '../core/knowledge/knowledge-holder.js';
import type { Knowledge } from '../core/knowledge/parse-knowledge.js';
import { knowledgeOn, newestSourceDate } from '../core/news/knowledge-on.js';
import type { Clock, Logger, MessageSender } from '../core/ports.js';
import { syncConfiguredChannels } from '../core/reminders/config-subscriptions.js';
import { PlatformSender } from '../core/reminders/platform-sender.js';
import { ReminderDelivery } from '../core/reminders/reminder-delivery.js';
import { createRemindHandler } from '../core/reminders/remind-handler.js';
import type { Store } from '../core/reminders/store.js';
import { openStore } from '../store/open-store.js';
import { describeStore, type StoreConfig } from '../store/store-config.js';
import type { ReminderConfig } from './reminder-config.js';
import type { ReminderSchedule } from './reminder-scheduler.js';

/** The configured store could not be opened (or migrated); the message says which store and why. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** The reminders, assembled: the store, the `remind` handler for the engine, delivery, and the schedule. */
export interface Reminders {
  store: Store;
  /** Chat adapters register their MessageSender here when they start (`sender.register('slack', ...)`). */
  sender: PlatformSender;
  remind: RemindHandler;
  delivery: ReminderDelivery;
  /** Starts running the tick in this process; call it once a chat adapter runs. */
  startSchedule(): void;
  /** Registers a running chat adapter's sender and starts the schedule. */
  deliverThrough(platform: ChatPlatform, sender: MessageSender): void;
  /** Stops the schedule and closes the store. */
  close(): Promise<void>;
}

export interface OpenRemindersOptions {
  /** Fixed, or swapped by a running bot when its files change. */
  knowledge: Knowledge | KnowledgeSource;
  clock: Clock;
  logger: Logger;
  config: ReminderConfig;
  storeConfig: StoreConfig;
  /** Use this store instead of opening the configured one (tests). */
  store?: Store;
  /** Wraps the opened store (the metrics count its failed calls). */
  instrumentStore?: (store: Store) => Store;
}

/**
 * Gives every subscribed channel that has none a mark at the knowledge's newest source (operator channels, and
 * channels subscribed before marks existed): its first digest then tells it only what is added later.
 */
async function baselineMarks(store: Store, knowledge: Knowledge, now: Date): Promise<void> {
  const newest = newestSourceDate(knowledge);
  if (!newest) return;
  const [subs, marks] = await Promise.all([store.listSubscriptions(), store.channelMarks()]);
  for (const sub of subs) if (!marks.has(sub.key)) await store.recordChannelMark(sub.key, { newest, at: now });
}

/** Opens the store (running migrations), syncs the operator's channels, and builds the reminders' parts. */
export async function openReminders(options: OpenRemindersOptions): Promise<Reminders> {
  const { knowledge, clock, logger, config } = options;
  let store: Store;
  try {
    store = options.store ?? (await openStore(options.storeConfig));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(`the reminder store (${describeStore(options.storeConfig)}) could not be opened: ${why}. Check DATABASE_URL, or DATA_DIR for SQLite.`);
  }
  if (options.instrumentStore) store = options.instrumentStore(store);
  logger.info({ event: 'store.opened', store: describeStore(options.storeConfig) }, 'reminder store opened');
  const synced = await syncConfiguredChannels(store, config.channels, clock.now());
  if (config.channels.length > 0 || synced.removed.length > 0) {
    logger.info({ event: 'reminders.configured-channels', ...synced }, 'operator reminder subscriptions synced from REMINDER_CHANNELS');
  }
  await baselineMarks(store, knowledgeOn(knowledgeSource(knowledge).current(), clock.now()), clock.now());
  const sender = new PlatformSender();
  const delivery = new ReminderDelivery({ knowledge, store, sender, clock, logger, settings: { ...config.defaults, graceMs: config.graceMs } });
  const remind = createRemindHandler({ knowledge, store, defaults: config.defaults, canDeliver: (p) => sender.canSend(p) });
  // The scheduler (node-cron) is loaded only once a chat adapter asks for the schedule.
  let schedule: Promise<ReminderSchedule> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<unknown> => {
    const current = delivery.tick();
    running = current.catch(() => undefined);
    return current;
  };
  const startSchedule = (): void => {
    schedule ??= import('./reminder-scheduler.js').then((m) => m.scheduleReminders(tick, { expression: config.schedule, logger }));
  };
  return {
    store,
    sender,
    remind,
    delivery,
    startSchedule,
    deliverThrough: (platform, platformSender) => {
      sender.register(platform, platformSender);
      startSchedule();
      logger.info({ event: 'reminders.delivering', platform, schedule: config.schedule }, `reminders are posted to ${platform} on the schedule "${config.schedule}"`);
    },
    close: async () => {
      await (await schedule)?.stop();
      schedule = null;
      await running;
      await store.close();
    },
  };
}
