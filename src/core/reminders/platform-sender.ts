import type { ChatPlatform } from '../chat-state.js';
import { SendError, type MessageSender, type SendOptions } from '../ports.js';
import type { ChannelRef } from '../request.js';
import type { Reply } from '../reply.js';

/**
 * One MessageSender over the chat platforms this process can post to, chosen by the channel's platform.
 * A channel of a platform without a sender fails with a retryable SendError (another copy of the bot, or
 * this one after a configuration fix, may post it within the grace period).
 */
export class PlatformSender implements MessageSender {
  private readonly senders: Partial<Record<ChatPlatform, MessageSender>> = {};

  /** Adds the sender of a platform (the composition root does it when that chat adapter starts). */
  register(platform: ChatPlatform, sender: MessageSender): void {
    this.senders[platform] = sender;
  }

  /** Whether reminders can be posted to channels of this platform. */
  canSend(platform: ChatPlatform): boolean {
    return this.senders[platform] !== undefined;
  }

  async send(channel: ChannelRef, reply: Reply, options?: SendOptions): Promise<void> {
    const sender = this.senders[channel.platform];
    if (!sender) throw new SendError(`no ${channel.platform} sender is configured in this process`, true);
    await sender.send(channel, reply, options);
  }

  /** Asks the platform's sender, when it can read a channel back; false otherwise. */
  async alreadySent(channel: ChannelRef, deliveryKey: string, since: Date): Promise<boolean> {
    const sender = this.senders[channel.platform];
    return sender?.alreadySent ? sender.alreadySent(channel, deliveryKey, since) : false;
  }
}
