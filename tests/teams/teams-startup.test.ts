import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startTeamsBot } from '../../src/teams/start-teams.js';
import { loadTeamsConfig } from '../../src/teams/teams-config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runProcess } from '../doubles/run-process.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { AUTH_OFF, engineAt, FAKE_APP_ID } from './teams-harness.js';

const SECRET = 'super-secret-value-123';

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadTeamsConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('the Teams configuration', () => {
  it('is absent when no Teams variable is set', () => {
    expect(loadTeamsConfig({ LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-1' })).toBeNull();
  });

  it('takes botbuilder\'s variables, single-tenant with port 3978 on all interfaces by default', () => {
    expect(loadTeamsConfig({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppTenantId: 'tenant-1' })).toEqual({
      auth: 'on',
      appId: FAKE_APP_ID,
      appPassword: SECRET,
      appType: 'SingleTenant',
      tenantId: 'tenant-1',
      port: 3978,
      host: '0.0.0.0',
    });
    expect(loadTeamsConfig({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'MultiTenant' })).toMatchObject({ appType: 'MultiTenant' });
    expect(loadTeamsConfig({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant-1' })).toMatchObject({ appType: 'UserAssignedMSI', appPassword: '' });
    expect(
      loadTeamsConfig({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-1', TEAMS_PORT: '8080', TEAMS_HOST: '127.0.0.1' }),
    ).toMatchObject({ appType: 'SingleTenant', tenantId: 'tenant-1', port: 8080, host: '127.0.0.1' });
  });

  it('refuses an empty app id unless TEAMS_AUTH=off, naming the variables', () => {
    for (const env of [{ MicrosoftAppId: '' }, { MicrosoftAppId: '  ', MicrosoftAppPassword: SECRET }, { TEAMS_PORT: '3978' }, { TEAMS_AUTH: 'on' }]) {
      const message = refusal(env);
      expect(message).toMatch(/MicrosoftAppId: is empty/);
      expect(message).toContain('TEAMS_AUTH=off');
      expect(message).not.toContain(SECRET);
    }
  });

  it('with TEAMS_AUTH=off listens on 127.0.0.1 only, and refuses another address or an app id beside it', () => {
    expect(loadTeamsConfig({ TEAMS_AUTH: 'off' })).toMatchObject({ auth: 'off', appId: '', host: '127.0.0.1', port: 3978 });
    expect(refusal({ TEAMS_AUTH: 'off', TEAMS_HOST: '0.0.0.0' })).toMatch(/TEAMS_HOST: must be 127\.0\.0\.1/);
    expect(refusal({ TEAMS_AUTH: 'off', MicrosoftAppId: FAKE_APP_ID })).toMatch(/TEAMS_AUTH: is "off" but MicrosoftAppId is set/);
  });

  it('says what each malformed or missing variable should be', () => {
    const message = refusal({ MicrosoftAppId: 'my-bot', MicrosoftAppType: 'Tenantless', TEAMS_PORT: '99999', TEAMS_AUTH: 'maybe' });
    expect(message).toMatch(/MicrosoftAppId: expected the bot's Microsoft app id .* a GUID/);
    expect(message).toMatch(/MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI/);
    expect(message).toMatch(/TEAMS_PORT: expected a port number from 0 to 65535/);
    expect(message).toMatch(/TEAMS_AUTH: expected "off"/);
    expect(refusal({ MicrosoftAppId: FAKE_APP_ID })).toMatch(/MicrosoftAppPassword: is required/);
    expect(refusal({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' })).toMatch(/MicrosoftAppTenantId: is required/);
    // The default is single-tenant: a missing tenant id stops the bot, naming the variable.
    expect(refusal({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET })).toMatch(/^Invalid Teams configuration:\nMicrosoftAppTenantId: is required with MicrosoftAppType=SingleTenant \(the default/);
    expect(refusal({ MicrosoftAppId: FAKE_APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })).toMatch(/MicrosoftAppPassword: must not be set with MicrosoftAppType=UserAssignedMSI/);
  });
});

describe('starting the Teams bot', () => {
  it('refuses to start without an app id unless authentication is off', async () => {
    const logger = new RecordingLogger();
    await expect(startTeamsBot({ config: { ...AUTH_OFF, auth: 'on' }, engine: engineAt(), logger })).rejects.toBeInstanceOf(ConfigError);
    await expect(startTeamsBot({ config: { ...AUTH_OFF, host: '0.0.0.0' }, engine: engineAt(), logger })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('with authentication off, listens on 127.0.0.1 only and warns', async () => {
    const logger = new RecordingLogger();
    const bot = await startTeamsBot({ config: AUTH_OFF, engine: engineAt(), logger });
    try {
      expect((bot.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(logger.events.find((e) => e.fields.event === 'teams.auth.off')).toMatchObject({ level: 'warn' });
      expect((await fetch(bot.url.replace('/api/messages', '/healthz'))).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  it('`npm start` refuses an empty MicrosoftAppId, naming the variables', async () => {
    const result = await runProcess(process.execPath, ['dist/main.js'], { env: { MicrosoftAppId: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Haiti Brief cannot start.');
    expect(result.stderr).toContain('MicrosoftAppId: is empty');
    expect(result.stderr).toContain('TEAMS_AUTH=off');
  });

  it('`npm start` with TEAMS_AUTH=off runs the Teams bot on 127.0.0.1, loudly, until SIGTERM', async () => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TEAMS_AUTH: 'off', TEAMS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const found = /listening on (http:\/\/\S+\/api\/messages)/.exec(stderr);
          if (found && stderr.includes('WARNING')) resolve(found[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
      expect(stderr).toContain('authentication is OFF');
      expect((await fetch(url.replace('/api/messages', '/healthz'))).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
