import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { haitiCommand } from './haiti-command.js';

export function register(app: App, deps: SlackDeps): void {
  app.command('/haiti', haitiCommand(deps));
}
