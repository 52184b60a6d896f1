import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { COMMAND_NAMES, parseCommand } from '../../src/core/commands/parse-command.js';
import { buildTeamsPackage } from '../../src/teams/app-package/build-package.js';
import { runProcess } from '../doubles/run-process.js';
import { FAKE_APP_ID } from './teams-harness.js';
import { pngPixels } from './png-pixels.js';

const ENV = { MicrosoftAppId: FAKE_APP_ID, TEAMS_APP_WEBSITE: 'https://haiti-brief.example.org' };

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: Record<string, string>;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
}

function unzip(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

describe('the Teams app package', () => {
  it('holds exactly the manifest and both icons, at the root of the zip', () => {
    const files = unzip(buildTeamsPackage(ENV).zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has a manifest of the current schema, with the bot\'s id and its command list', () => {
    const files = unzip(buildTeamsPackage(ENV).zip);
    const text = strFromU8(files['manifest.json']!);
    expect(text).not.toContain('${{');
    const m = JSON.parse(text) as Manifest;
    expect(m.manifestVersion).toBe('1.27');
    expect(m.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.id).toBe(FAKE_APP_ID);
    expect(m.developer).toEqual({
      name: 'Haiti Brief',
      websiteUrl: ENV.TEAMS_APP_WEBSITE,
      privacyUrl: ENV.TEAMS_APP_WEBSITE,
      termsOfUseUrl: ENV.TEAMS_APP_WEBSITE,
    });
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    expect(m.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(Object.keys(files)).toEqual(expect.arrayContaining([m.icons.color, m.icons.outline]));

    expect(m.bots).toHaveLength(1);
    const bot = m.bots[0]!;
    expect(bot.botId).toBe(FAKE_APP_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const list = bot.commandLists[0]!;
    expect(list.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    // Every command, remind with its three common forms, so Teams suggests them as typed.
    expect(list.commands.map((c) => c.title).sort()).toEqual([...COMMAND_NAMES.filter((n) => n !== 'remind' && n !== 'source'), 'remind on', 'remind list', 'remind me on'].sort());
    for (const c of list.commands) if (c.title !== 'ask') expect(parseCommand(c.title).kind, c.title).not.toBe('invalid');
    expect((m as { permissions?: string[] }).permissions ?? []).toEqual(['messageTeamMembers']); // 1:1 reminders (remind me); no SSO identity
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const c of list.commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length, c.title).toBeLessThanOrEqual(128);
    }
  });

  it('has a full-bleed 192x192 colour icon and a white-on-transparent 32x32 outline icon', () => {
    const files = unzip(buildTeamsPackage(ENV).zip);
    const color = pngPixels(files['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.rgba.filter((v, i) => i % 4 === 3 && v !== 255)).toHaveLength(0);

    const outline = pngPixels(files['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.rgba[3]).toBe(0);
    let drawn = 0;
    const notWhite: number[] = [];
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      drawn++;
      if (outline.rgba[i] !== 255 || outline.rgba[i + 1] !== 255 || outline.rgba[i + 2] !== 255) notWhite.push(i / 4);
    }
    expect(notWhite).toEqual([]);
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });

  it('takes a separate Teams app id and developer details when given', () => {
    const other = '0b8e9f4e-1111-4222-8333-944455566677';
    const { manifest } = buildTeamsPackage({ ...ENV, TEAMS_APP_ID: other, TEAMS_APP_DEVELOPER: 'Example Desk', TEAMS_APP_PRIVACY_URL: 'https://e.example/privacy' });
    expect(manifest).toMatchObject({ id: other, developer: { name: 'Example Desk', privacyUrl: 'https://e.example/privacy' } });
    expect((manifest.bots as Array<{ botId: string }>)[0]?.botId).toBe(FAKE_APP_ID);
  });

  it('refuses to build without the bot\'s app id or a website, naming the variables', () => {
    expect(() => buildTeamsPackage({})).toThrow(ConfigError);
    expect(() => buildTeamsPackage({})).toThrow(/MicrosoftAppId: is required[\s\S]*TEAMS_APP_WEBSITE: is required/);
    expect(() => buildTeamsPackage({ ...ENV, MicrosoftAppId: 'my-bot' })).toThrow(/MicrosoftAppId: expected .* a GUID/);
    expect(() => buildTeamsPackage({ ...ENV, TEAMS_APP_WEBSITE: 'http://insecure.example' })).toThrow(/TEAMS_APP_WEBSITE: expected an https/);
  });

  it('`npm run teams:package` writes the zip', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'haiti-brief.zip');
    const result = await runProcess('npm', ['run', '--silent', 'teams:package', '--', out], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*haiti-brief\.zip/);
    expect(existsSync(out)).toBe(true);
    expect(Object.keys(unzip(new Uint8Array(readFileSync(out)))).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });
});
