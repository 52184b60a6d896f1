import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from './teams-config.js';

/** botbuilder's public-cloud endpoints (AuthenticationConstants), for a configuration that moves the OpenID metadata. */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
};

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
  quietTokenErrors();
  const metadata = config.openIdMetadataUrl;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    // Without authentication there are no credentials: botbuilder asserts a tenant's only for single-tenant and MSI bots.
    MicrosoftAppType: config.auth === 'off' ? 'MultiTenant' : config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
    // Naming one endpoint makes botbuilder expect them all: the rest are the public cloud's.
    ...(metadata ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: metadata, ToBotFromEmulatorOpenIdMetadataUrl: metadata } : {}),
  });
  return { adapter: new CloudAdapter(auth), auth };
}

let quieted = false;

/**
 * botbuilder's token check prints to standard error when a token fails: the whole public key it tried
 * ("Error finding key for token. Available keys: -----BEGIN ...") and expired tokens' errors. The HTTP
 * server logs each refused request as one JSON line instead, so those two prints are dropped; everything
 * else on console.error passes through unchanged.
 */
export function quietTokenErrors(): void {
  if (quieted) return;
  quieted = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    const [first] = args;
    if (typeof first === 'string' && first.startsWith('Error finding key for token')) return;
    if (first instanceof Error && first.name === 'TokenExpiredError') return;
    original(...args);
  };
}
