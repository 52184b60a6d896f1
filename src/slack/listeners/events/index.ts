import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { eventDedupe } from '../middleware/event-dedupe.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { directMessage, isDirectMessage } from './direct-message.js';
import { threadMessage } from './thread-message.js';

type Args<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

export function register(app: App, deps: SlackDeps): void {
  const routes = { app_mention: appMention(deps), message: threadMessage(deps), im: directMessage(deps) };
  app.event('app_home_opened', appHomeOpened(deps));
  // One listener for both event types: Bolt tries every listener on every request, slash commands included.
  app.event(/^(app_mention|message)$/, eventDedupe(deps.logger, deps.claims ? { shared: deps.claims } : {}), async (args) =>
    args.event.type === 'app_mention'
      ? routes.app_mention(args as Args<'app_mention'>)
      : isDirectMessage(args.event as { channel_type?: string })
        ? routes.im(args as Args<'message'>)
        : routes.message(args as Args<'message'>),
  );
}
