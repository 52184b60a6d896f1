import { afterEach, describe, expect, it } from 'vitest';
import type { RemindHandler } from '../../src/core/engine.js';
import { SendError } from '../../src/core/ports.js';
import type { ChannelRef } from '../../src/core/request.js';
import { retryAfterMs } from '../../src/teams/send-error.js';
import { BOT, cardOf, engineAt, NOW, startHarness, teamsMessage, type Harness } from './teams-harness.js';

const THREAD = '19:ops@thread.tacv2;messageid=3001';
const CHANNEL = '19:ops@thread.tacv2';
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts the bot with a remind handler that keeps the channel of each `remind on`, as the reminders store would (JSON). */
async function subscribeFromChannel(): Promise<{ stored: ChannelRef; harness: Harness }> {
  const subscriptions: string[] = [];
  const base = engineAt();
  const remind: RemindHandler = async (command, request) => {
    subscriptions.push(JSON.stringify(request.channel));
    return base.answer(command, {});
  };
  const harness = await startHarness({ engine: engineAt(NOW, { remind }) });
  const res = await harness.post(
    teamsMessage('remind on 7,1', { serviceUrl: harness.connector.url, conversationType: 'channel', conversationId: THREAD, id: '3001', mention: true }),
  );
  expect(res.status).toBe(200);
  expect(subscriptions).toHaveLength(1);
  harness.connector.reset();
  return { stored: JSON.parse(subscriptions[0]!) as ChannelRef, harness };
}

describe('proactive reminders through the Teams MessageSender', () => {
  it('passes the channel-level conversation reference with `remind on`', async () => {
    const { stored, harness } = await subscribeFromChannel();
    h = harness;
    expect(stored).toEqual({
      platform: 'teams',
      id: CHANNEL,
      reference: {
        channelId: 'msteams',
        serviceUrl: h.connector.url,
        conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '', tenantId: 'tenant-1' },
        bot: BOT,
        locale: 'en-US',
      },
    });
  });

  it('posts a reminder to a stored conversation as a new top-level message, not a reply in the old thread', async () => {
    const { stored, harness } = await subscribeFromChannel();
    h = harness;
    const reply = await engineAt().answerText('dates');
    await h.bot.sender.send(stored, reply);
    expect(h.connector.calls).toHaveLength(1);
    const call = h.connector.calls[0]!;
    expect(call.kind).toBe('post');
    expect(call.conversationId).toBe(CHANNEL);
    expect(call.activity.replyToId).toBeUndefined();
    expect(call.activity).toMatchObject({ type: 'message', from: { id: BOT.id }, conversation: { id: CHANNEL } });
    expect(cardOf(call).body[0]).toMatchObject({ type: 'TextBlock', weight: 'Bolder' });
  });

  it('delivers after the connector answers 429 once', async () => {
    const { stored, harness } = await subscribeFromChannel();
    h = harness;
    h.connector.failNext(429, 1, { 'retry-after': '0' });
    await h.bot.sender.send(stored, await engineAt().answerText('status'));
    expect(h.connector.calls.map((c) => c.status)).toEqual([429, 201]);
    expect(h.connector.delivered).toHaveLength(1);
  });

  it('fails with a retryable SendError while the connector keeps answering 429, and a final one on 403', async () => {
    const { stored, harness } = await subscribeFromChannel();
    h = harness;
    const reply = await engineAt().answerText('status');
    h.connector.failNext(429, 10, { 'retry-after': '0' });
    const limited = await h.bot.sender.send(stored, reply).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SendError);
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 0 });
    expect((limited as Error).message).toContain('429');

    h.connector.reset();
    h.connector.failNext(403);
    const removed = await h.bot.sender.send(stored, reply).catch((e: unknown) => e);
    expect(removed).toMatchObject({ name: 'SendError', retryable: false });
    expect((removed as Error).message).toContain('no longer a member');
    expect(h.connector.delivered).toHaveLength(0);
  });

  it('refuses channels it cannot post to, without calling Teams', async () => {
    h = await startHarness();
    const reply = await engineAt().answerText('status');
    await expect(h.bot.sender.send({ platform: 'slack', id: 'C1' }, reply)).rejects.toMatchObject({ retryable: false });
    await expect(h.bot.sender.send({ platform: 'teams', id: CHANNEL }, reply)).rejects.toThrow(/remind on/);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('12', NOW)).toBe(12_000);
    expect(retryAfterMs(new Date(NOW.getTime() + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
