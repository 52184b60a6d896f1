import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from './teams-config.js';

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** The adapter's own authentication: checks the Bot Framework token of a request. */
  auth: ConfigurationBotFrameworkAuthentication;
}

/**
 * The botbuilder adapter with botbuilder's own authentication: it checks the Bot Framework's token on every
 * request and signs what the bot sends. With TEAMS_AUTH=off (empty app id) it checks nothing.
 */
export function createTeamsAdapter(config: TeamsConfig): TeamsAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    // Without authentication there are no credentials: botbuilder asserts a tenant's only for single-tenant and MSI bots.
    MicrosoftAppType: config.auth === 'off' ? 'MultiTenant' : config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
  });
  return { adapter: new CloudAdapter(auth), auth };
}
