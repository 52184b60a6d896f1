import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SendError } from '../../src/core/ports.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openReminders } from '../../src/scheduler/open-reminders.js';
import { loadReminderConfig } from '../../src/scheduler/reminder-config.js';
import { healthServer } from '../../src/slack/health.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { RecordingSender } from '../doubles/recording-sender.js';
import { reminderKnowledge } from '../doubles/reminder-knowledge.js';
import { subscription } from '../reminders/delivery-harness.js';
import { sample } from './prometheus-text.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('the reminders\' and the store\'s metrics', () => {
  it('count reminders sent, retried and failed, and failed store calls, scraped from the Socket Mode health server', async () => {
    const metrics = createMetrics();
    const clock = new ManualClock('2025-11-03T09:00:00Z');
    const file = join(mkdtempSync(join(tmpdir(), 'haiti-metrics-')), 'brief.sqlite');
    const knowledge = reminderKnowledge();
    metrics.setKnowledge(knowledge, join(PROJECT_ROOT, 'tests/fixtures/knowledge'));
    const reminders = await openReminders({
      knowledge,
      clock,
      logger: metrics.observeLogger(new RecordingLogger()),
      config: loadReminderConfig({ REMINDER_TIME_ZONE: 'UTC' }),
      storeConfig: { kind: 'sqlite', file },
      store: new SqliteStore(file),
      instrumentStore: metrics.instrumentStore,
    });
    const sender = new RecordingSender();
    reminders.sender.register('slack', sender);
    await reminders.store.saveSubscription(subscription('C1', { leadDays: [7] }));
    await reminders.store.saveSubscription(subscription('C2', { leadDays: [7] }));
    sender.rateLimitNext(1, 60_000); // C1's reminder is tried again later; C2's is sent
    await reminders.delivery.tick();
    server = healthServer(undefined, metrics.handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const scrape = async () => (await fetch(`http://127.0.0.1:${(server?.address() as AddressInfo).port}/metrics`)).text();

    let text = await scrape();
    expect(sample(text, 'haiti_brief_reminders_total', { outcome: 'sent' })).toBe(1);
    expect(sample(text, 'haiti_brief_reminders_total', { outcome: 'retried' })).toBe(1);
    expect(sample(text, 'haiti_brief_reminders_total', { outcome: 'failed' })).toBe(0);
    expect(sample(text, 'haiti_brief_store_errors_total', { operation: 'saveSubscription' })).toBeUndefined();

    sender.failNext(new SendError('channel_not_found', false));
    clock.advance(61_000);
    await reminders.delivery.tick();
    await reminders.close();
    await expect(reminders.store.listSubscriptions()).rejects.toThrow(); // the store is closed: the call fails
    text = await scrape();
    expect(sample(text, 'haiti_brief_reminders_total', { outcome: 'sent' })).toBe(1);
    expect(sample(text, 'haiti_brief_reminders_total', { outcome: 'failed' })).toBe(1);
    expect(sample(text, 'haiti_brief_store_errors_total', { operation: 'listSubscriptions' })).toBe(1);
    expect(text).toMatch(/^haiti_brief_knowledge_info\{version="[0-9a-f]{12}",as_of="[\d-]+"\} 1$/m);
  });
});
