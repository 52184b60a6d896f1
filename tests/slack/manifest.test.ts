import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/core/commands/parse-command.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { INVITE_HINT } from '../../src/slack/listeners/commands/haiti-command.js';

const manifest = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'manifest.json'), 'utf8')) as Record<string, any>;

/** The scope each bot event needs (https://docs.slack.dev/reference/events). */
const EVENT_SCOPES: Record<string, string> = {
  app_mention: 'app_mentions:read',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  app_home_opened: '',
};

describe('manifest.json', () => {
  it('is a version 2 app manifest within Slack’s field limits', () => {
    expect(manifest._metadata).toEqual({ major_version: 2, minor_version: 1 });
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('declares /haiti with a usage hint naming every command', () => {
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command.command).toBe('/haiti');
    expect(command.description.length).toBeLessThanOrEqual(2000);
    for (const name of COMMAND_NAMES) expect(command.usage_hint).toContain(name);
  });

  it('subscribes to mentions and to channel messages (thread follow-ups), with only the scopes they need', () => {
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    expect([...events].sort()).toEqual(Object.keys(EVENT_SCOPES).sort());
    const needed = new Set([...events.map((e) => EVENT_SCOPES[e]).filter(Boolean), 'chat:write', 'commands']);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('runs in Socket Mode, with interactivity on (the buttons), under the name the invite hint uses', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // In Socket Mode the button presses come over the socket; in HTTP mode to the same /slack/events (README).
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(INVITE_HINT).toContain(`/invite @${manifest.features.bot_user.display_name}`);
  });
});
