import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';

/** The route table: each listener kind registers its routes (with its own middleware, so others pay nothing). */
export function registerListeners(app: App, deps: SlackDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
}
