import cron from 'node-cron';
import type { Logger } from '../core/ports.js';

/** The in-process reminder schedule; stop it before closing the store. */
export interface ReminderSchedule {
  stop(): Promise<void>;
}

/**
 * Runs the reminder tick in this process on a cron expression (every minute by default). A tick still running
 * when the next one is due is not overlapped; a failed tick is logged and the next one tries again.
 */
export function scheduleReminders(tick: () => Promise<unknown>, options: { expression: string; logger: Logger }): ReminderSchedule {
  const { logger } = options;
  const task = cron.schedule(
    options.expression,
    async () => {
      try {
        await tick();
      } catch (error) {
        logger.error({ event: 'reminders.tick-failed', error: error instanceof Error ? error.message : String(error) }, 'a reminder tick failed; the next one tries again');
      }
    },
    { name: 'reminders', noOverlap: true },
  );
  task.on('execution:missed', (ctx) => {
    logger.warn({ event: 'reminders.tick-missed', at: ctx.date.toISOString() }, 'a reminder tick was missed (the clock jumped or the process stalled); the next tick catches up');
  });
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}
