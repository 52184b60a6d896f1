import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { ConfigError } from '../../config.js';
import { PROJECT_ROOT } from '../../paths.js';

const APP_PACKAGE_DIR = resolve(PROJECT_ROOT, 'appPackage');
const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = (what: string) =>
  z.string({ error: `is required: ${what}, a GUID` }).trim().regex(GUID, `expected ${what}, a GUID like 00000000-0000-0000-0000-000000000000`);
const https = z.string({ error: 'is required: an https:// URL of a page about the app' }).trim().regex(/^https:\/\/\S+$/, 'expected an https:// URL');
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  MicrosoftAppId: guid("the bot's Microsoft app id from its Azure Bot registration"),
  TEAMS_APP_ID: z.preprocess(blankIsUnset, guid('the Teams app id').optional()),
  TEAMS_APP_WEBSITE: https,
  TEAMS_APP_PRIVACY_URL: z.preprocess(blankIsUnset, https.optional()),
  TEAMS_APP_TERMS_URL: z.preprocess(blankIsUnset, https.optional()),
  TEAMS_APP_DEVELOPER: z.preprocess(blankIsUnset, z.string().trim().max(32, 'at most 32 characters').optional()),
  TEAMS_APP_VERSION: z.preprocess(blankIsUnset, z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version like 1.0.0').optional()),
});

/** The values put into the manifest's `${{NAME}}` placeholders, from the environment, with defaults. */
function packageValues(env: Record<string, string | undefined>): Record<string, string> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cannot build the Teams app package:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const version = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    MicrosoftAppId: c.MicrosoftAppId,
    TEAMS_APP_ID: c.TEAMS_APP_ID ?? c.MicrosoftAppId,
    TEAMS_APP_WEBSITE: c.TEAMS_APP_WEBSITE,
    TEAMS_APP_PRIVACY_URL: c.TEAMS_APP_PRIVACY_URL ?? c.TEAMS_APP_WEBSITE,
    TEAMS_APP_TERMS_URL: c.TEAMS_APP_TERMS_URL ?? c.TEAMS_APP_WEBSITE,
    TEAMS_APP_DEVELOPER: c.TEAMS_APP_DEVELOPER ?? 'Haiti Brief',
    TEAMS_APP_VERSION: c.TEAMS_APP_VERSION ?? version,
  };
}

/** Replaces each `${{NAME}}` in the manifest's text; a placeholder without a value is an error. */
function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new ConfigError(`appPackage/manifest.json uses \${{${name}}}, which has no value.`);
    return JSON.stringify(value).slice(1, -1);
  });
}

/** Width and height from a PNG's header, or null when the bytes are not a PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Builds the zip Teams accepts for upload: manifest.json (placeholders filled from the environment), the
 * colour icon (192x192) and the outline icon (32x32), all at the root of the archive.
 */
export function buildTeamsPackage(env: Record<string, string | undefined>, dir = APP_PACKAGE_DIR): { zip: Uint8Array; manifest: Record<string, unknown> } {
  const text = fillPlaceholders(readFileSync(resolve(dir, 'manifest.json'), 'utf8'), packageValues(env));
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(text) };
  for (const icon of Object.values(ICONS)) {
    const bytes = new Uint8Array(readFileSync(resolve(dir, icon.file)));
    const size = pngSize(bytes);
    if (!size || size.width !== icon.size || size.height !== icon.size) {
      throw new ConfigError(`appPackage/${icon.file} must be a ${icon.size}x${icon.size} PNG: regenerate it with npx tsx src/teams/app-package/draw-icons.ts`);
    }
    files[icon.file] = bytes;
  }
  return { zip: zipSync(files, { level: 9, mtime: new Date('2025-01-01T00:00:00Z') }), manifest };
}
