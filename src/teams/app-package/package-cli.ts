import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError } from '../../config.js';
import { PROJECT_ROOT } from '../../paths.js';
import { buildTeamsPackage } from './build-package.js';

// `npm run teams:package`: writes dist/teams/haiti-brief.zip (or the path given) for upload to Teams.
function run(argv: readonly string[], env: Record<string, string | undefined>): number {
  const out = resolve(process.cwd(), argv[0] ?? resolve(PROJECT_ROOT, 'dist/teams/haiti-brief.zip'));
  try {
    const { zip, manifest } = buildTeamsPackage(env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Wrote ${relative(process.cwd(), out)} (${zip.length} bytes): Teams app ${String(manifest.id)}, version ${String(manifest.version)}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSet the variables and run again, e.g. MicrosoftAppId=<app id> TEAMS_APP_WEBSITE=https://example.org npm run teams:package\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = run(process.argv.slice(2), process.env);
