import { z } from 'zod';
import { ConfigError } from '../config.js';

/** The Slack app's configuration: HTTP mode (signing secret) or Socket Mode (app-level token). */
export type SlackConfig = {
  botToken: string;
  /** Where Web API calls go: Slack's, or another server's (tests, proxies); always ends with "/". */
  apiUrl: string;
  /** The port of the HTTP server (events and commands in HTTP mode; /healthz in both modes). */
  port: number;
  /** The interface to listen on; all of them when absent. */
  host?: string;
} & ({ mode: 'http'; signingSecret: string } | { mode: 'socket'; appToken: string; signingSecret?: string });

const DEFAULT_API_URL = 'https://slack.com/api/';

const optional = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const schema = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'should be the bot token, like xoxb-1234-5678-AbCd (OAuth & Permissions page)'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[0-9a-f]{32}$/i, 'should be the signing secret, 32 hexadecimal characters (Basic Information page)'),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'should be an app-level token with connections:write, like xapp-1-A0123-4567-abcd'),
  ),
  SLACK_API_URL: optional(z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'should be an http(s) URL, like https://slack.com/api/')),
  PORT: optional(z.string().regex(/^\d{1,5}$/, 'should be a port number from 0 to 65535, like 3000')).refine(
    (v) => v === undefined || Number(v) <= 65535,
    'should be a port number from 0 to 65535, like 3000',
  ),
  HOST: optional(z.string().regex(/^[^\s/]+$/, 'should be an interface address, like 127.0.0.1 or 0.0.0.0')),
});

/**
 * Reads the Slack configuration from environment variables (tests pass their own `env`). Returns null when no
 * Slack variable is set (the bot then runs elsewhere); throws a ConfigError naming each missing or malformed
 * variable and what it should look like.
 */
export function loadSlackConfig(env: Record<string, string | undefined> = process.env): SlackConfig | null {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}.`);
    throw new ConfigError(`Invalid Slack configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  if (!c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) return null;
  const missing: string[] = [];
  if (!c.SLACK_BOT_TOKEN) missing.push('SLACK_BOT_TOKEN is missing: set it to the bot token, like xoxb-1234-5678-AbCd.');
  if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    missing.push(
      'SLACK_SIGNING_SECRET is missing: set it to the signing secret (32 hexadecimal characters) for HTTP mode, ' +
        'or set SLACK_APP_TOKEN (xapp-...) for Socket Mode.',
    );
  }
  if (missing.length > 0 || !c.SLACK_BOT_TOKEN) throw new ConfigError(`Invalid Slack configuration:\n${missing.join('\n')}`);
  const apiUrl = c.SLACK_API_URL ? c.SLACK_API_URL.replace(/\/?$/, '/') : DEFAULT_API_URL;
  const common = {
    botToken: c.SLACK_BOT_TOKEN,
    apiUrl,
    port: c.PORT === undefined ? 3000 : Number(c.PORT),
    ...(c.HOST ? { host: c.HOST } : {}),
  };
  if (c.SLACK_APP_TOKEN) {
    return { ...common, mode: 'socket', appToken: c.SLACK_APP_TOKEN, ...(c.SLACK_SIGNING_SECRET ? { signingSecret: c.SLACK_SIGNING_SECRET } : {}) };
  }
  return { ...common, mode: 'http', signingSecret: c.SLACK_SIGNING_SECRET as string };
}
