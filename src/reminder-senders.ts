import type { ChatPlatform } from './core/chat-state.js';
import type { Logger, MessageSender } from './core/ports.js';
import { loadSlackConfig } from './slack/slack-config.js';
import { createSlackSender } from './slack/slack-sender.js';
import { createTeamsRuntime } from './teams/start-teams.js';
import { loadTeamsConfig } from './teams/teams-config.js';

/**
 * Composition hook for `brief reminders run`: the MessageSenders reminders are posted through, by platform,
 * built from configuration alone (no chat adapter is started). Throws ConfigError on invalid configuration.
 */
export function reminderSenders(env: Record<string, string | undefined>, logger: Logger): Partial<Record<ChatPlatform, MessageSender>> {
  const slack = loadSlackConfig(env);
  const teams = loadTeamsConfig(env);
  return {
    ...(slack ? { slack: createSlackSender(slack, logger) } : {}),
    ...(teams ? { teams: createTeamsRuntime(teams, logger).sender } : {}),
  };
}
