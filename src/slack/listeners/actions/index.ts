import type { App } from '@slack/bolt';
import { ACTION_PREFIX } from '../../../render/slack-actions.js';
import type { SlackDeps } from '../../slack-deps.js';
import { buttonAction } from './button-action.js';

export function register(app: App, deps: SlackDeps): void {
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) }, buttonAction(deps));
}
