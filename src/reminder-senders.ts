import type { ChatPlatform } from './core/chat-state.js';
import type { Logger, MessageSender } from './core/ports.js';
import { loadSlackConfig } from './slack/slack-config.js';
import { loadTeamsConfig } from './teams/teams-config.js';

/**
 * Composition hook for `brief reminders run`: the MessageSenders reminders are posted through, by platform,
 * built from configuration alone (no chat adapter is started). A chat SDK is loaded only when its platform is
 * configured. Throws ConfigError on invalid configuration.
 */
export async function reminderSenders(env: Record<string, string | undefined>, logger: Logger): Promise<Partial<Record<ChatPlatform, MessageSender>>> {
  const slack = loadSlackConfig(env);
  const teams = loadTeamsConfig(env);
  return {
    ...(slack ? { slack: (await import('./slack/slack-sender.js')).createSlackSender(slack, logger) } : {}),
    ...(teams ? { teams: (await import('./teams/start-teams.js')).createTeamsRuntime(teams, logger).sender } : {}),
  };
}
