import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadSlackConfig } from '../../src/slack/slack-config.js';

const BOT = 'xoxb-1111-2222-AbCdEf';
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const APP = 'xapp-1-A0123-4567-abcdef';

function problem(env: Record<string, string | undefined>): string {
  try {
    loadSlackConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSlackConfig', () => {
  it('returns null when no Slack credential is set (the bot runs elsewhere)', () => {
    expect(loadSlackConfig({})).toBeNull();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: '  ', PORT: '8080' })).toBeNull();
  });

  it('selects HTTP mode with a bot token and a signing secret, on port 3000 by default', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: SECRET,
      apiUrl: 'https://slack.com/api/',
      port: 3000,
    });
  });

  it('selects Socket Mode when SLACK_APP_TOKEN is set, and takes PORT, HOST and SLACK_API_URL', () => {
    expect(
      loadSlackConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PORT: '8080', HOST: '127.0.0.1', SLACK_API_URL: 'http://127.0.0.1:9999/api' }),
    ).toEqual({ mode: 'socket', botToken: BOT, appToken: APP, apiUrl: 'http://127.0.0.1:9999/api/', port: 8080, host: '127.0.0.1' });
  });

  it('names the missing variable and what it should look like', () => {
    expect(problem({ SLACK_SIGNING_SECRET: SECRET })).toMatch(/SLACK_BOT_TOKEN is missing: set it to the bot token, like xoxb-/);
    expect(problem({ SLACK_BOT_TOKEN: BOT })).toMatch(/SLACK_SIGNING_SECRET is missing: .*32 hexadecimal characters.*or set SLACK_APP_TOKEN \(xapp-\.\.\.\) for Socket Mode/);
    expect(problem({ SLACK_APP_TOKEN: APP })).toMatch(/SLACK_BOT_TOKEN is missing/);
  });

  it('names each malformed variable and its shape, without echoing the secret', () => {
    const message = problem({
      SLACK_BOT_TOKEN: 'xoxp-user-token-123',
      SLACK_SIGNING_SECRET: 'not-a-secret-value',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      PORT: '99999',
      SLACK_API_URL: 'slack.com/api',
    });
    expect(message).toContain('SLACK_BOT_TOKEN should be the bot token, like xoxb-');
    expect(message).toContain('SLACK_SIGNING_SECRET should be the signing secret, 32 hexadecimal characters');
    expect(message).toContain('SLACK_APP_TOKEN should be an app-level token with connections:write, like xapp-');
    expect(message).toContain('PORT should be a port number from 0 to 65535');
    expect(message).toContain('SLACK_API_URL should be an http(s) URL');
    expect(message).not.toContain('xoxp-user-token-123');
    expect(message).not.toContain('not-a-secret-value');
  });
});
