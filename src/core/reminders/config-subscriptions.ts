import type { ChannelRef } from '../request.js';
import { subscriptionKey, type Subscription } from './model.js';
import type { Store } from './store.js';

/** A channel an operator subscribes in the configuration. */
export interface ConfiguredChannel {
  channel: ChannelRef;
  leadDays: number[];
  timeZone: string | null;
  postAt: string | null;
}

/**
 * Makes the store's operator subscriptions match the configuration: adds and updates configured channels and
 * removes operator subscriptions no longer configured. A channel someone subscribed in chat keeps their choice.
 */
export async function syncConfiguredChannels(
  store: Store,
  configured: readonly ConfiguredChannel[],
  now: Date,
): Promise<{ saved: string[]; removed: string[]; keptFromChat: string[] }> {
  const existing = new Map((await store.listSubscriptions()).map((s) => [s.key, s]));
  const wanted = new Set<string>();
  const out = { saved: [] as string[], removed: [] as string[], keptFromChat: [] as string[] };
  for (const c of configured) {
    const key = subscriptionKey(c.channel);
    wanted.add(key);
    const current = existing.get(key);
    if (current?.origin === 'chat') {
      out.keptFromChat.push(key);
      continue;
    }
    const sub: Subscription = { key, channel: c.channel, leadDays: c.leadDays, timeZone: c.timeZone, postAt: c.postAt, origin: 'config', since: current?.since ?? now };
    await store.saveSubscription(sub);
    out.saved.push(key);
  }
  for (const s of existing.values()) {
    if (s.origin === 'config' && !wanted.has(s.key) && (await store.deleteSubscription(s.key))) out.removed.push(s.key);
  }
  return out;
}
