import { z } from 'zod';
import { ConfigError } from '../config.js';

/** The Teams bot's configuration: botbuilder's own variable names, plus where to listen. */
export interface TeamsConfig {
  /** 'off' only through TEAMS_AUTH=off: no app id, any request accepted, loopback only. */
  auth: 'on' | 'off';
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Where the Bot Framework's OpenID metadata (its signing keys) is read; botbuilder's public cloud default when absent. */
  openIdMetadataUrl?: string;
  port: number;
  host: string;
}

// The variables that say someone wants the Teams bot (an empty MicrosoftAppId counts: it is the dangerous one).
const TEAMS_VARIABLES = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'TEAMS_AUTH', 'TEAMS_PORT', 'TEAMS_HOST'];

const LOOPBACK = '127.0.0.1';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z.object({
  MicrosoftAppId: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || GUID.test(v), 'expected the bot\'s Microsoft app id from its Azure Bot registration, a GUID like 00000000-0000-0000-0000-000000000000'),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'expected MultiTenant, SingleTenant or UserAssignedMSI' })
    // Azure has taken no new multi-tenant bot registration since 31 July 2025: new bots are single-tenant.
    .default('SingleTenant'),
  MicrosoftAppTenantId: z.string().trim().optional(),
  TEAMS_AUTH: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['on', 'off'], { error: 'expected "off" (local development without authentication) or "on"' }))
    .default('on'),
  TEAMS_PORT: z
    .string()
    .trim()
    .default('3978')
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, 'expected a port number from 0 to 65535, like 3978')
    .transform(Number),
  TEAMS_HOST: z.string().trim().min(1, 'expected an address to listen on, like 0.0.0.0 or 127.0.0.1').optional(),
});

// True when any Teams variable is set, even to an empty value: then the Teams bot must start, or say why not.
function teamsRequested(env: Record<string, string | undefined>): boolean {
  return TEAMS_VARIABLES.some((name) => env[name] !== undefined);
}

function problem(variable: string, message: string): string {
  return `${variable}: ${message}`;
}

// The rules across variables: an app id unless TEAMS_AUTH=off, a secret with it, loopback without it.
function crossChecks(c: z.infer<typeof schema>): string[] {
  const out: string[] = [];
  if (c.TEAMS_AUTH === 'off') {
    if (c.MicrosoftAppId) out.push(problem('TEAMS_AUTH', 'is "off" but MicrosoftAppId is set: unset TEAMS_AUTH to run with authentication, or unset MicrosoftAppId for local development'));
    if (c.TEAMS_HOST && c.TEAMS_HOST !== LOOPBACK) out.push(problem('TEAMS_HOST', `must be ${LOOPBACK} (or unset) with TEAMS_AUTH=off: an unauthenticated bot listens on the loopback interface only`));
    return out;
  }
  if (!c.MicrosoftAppId) {
    out.push(
      problem(
        'MicrosoftAppId',
        'is empty, and with an empty app id botbuilder accepts any request without authentication. Set MicrosoftAppId and MicrosoftAppPassword from your Azure Bot registration, or set TEAMS_AUTH=off to run locally without authentication (the bot then listens on 127.0.0.1 only)',
      ),
    );
    return out;
  }
  if (c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
    out.push(problem('MicrosoftAppPassword', `is required with MicrosoftAppType=${c.MicrosoftAppType}: the client secret of the app registration`));
  }
  if (c.MicrosoftAppType !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
    out.push(
      problem(
        'MicrosoftAppTenantId',
        `is required with MicrosoftAppType=${c.MicrosoftAppType}${c.MicrosoftAppType === 'SingleTenant' ? ' (the default: Azure registers new bots as single-tenant)' : ''}: the directory (tenant) id of the app registration, from its Overview page; set MicrosoftAppType=MultiTenant only for a bot registered as multi-tenant before 31 July 2025`,
      ),
    );
  }
  if (c.MicrosoftAppType === 'UserAssignedMSI' && c.MicrosoftAppPassword) {
    out.push(problem('MicrosoftAppPassword', 'must not be set with MicrosoftAppType=UserAssignedMSI: a managed identity has no client secret (MicrosoftAppId is the identity\'s client id)'));
  }
  return out;
}

/**
 * Reads the Teams bot's configuration from the environment (tests pass their own). Returns null when no Teams
 * variable is set (the bot then runs elsewhere). Refuses an empty MicrosoftAppId unless TEAMS_AUTH=off, and
 * then allows only the loopback address. Throws a ConfigError naming each variable that is wrong and what it
 * should be; never echoes the secret.
 */
export function loadTeamsConfig(env: Record<string, string | undefined> = process.env): TeamsConfig | null {
  if (!teamsRequested(env)) return null;
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => problem(i.path.join('.'), i.message));
    throw new ConfigError(`Invalid Teams configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const problems = crossChecks(c);
  if (problems.length > 0) throw new ConfigError(`Invalid Teams configuration:\n${problems.join('\n')}`);
  const auth = c.TEAMS_AUTH;
  return {
    auth,
    appId: c.MicrosoftAppId,
    appPassword: c.MicrosoftAppPassword,
    appType: c.MicrosoftAppType,
    ...(c.MicrosoftAppTenantId ? { tenantId: c.MicrosoftAppTenantId } : {}),
    port: c.TEAMS_PORT,
    host: auth === 'off' ? LOOPBACK : (c.TEAMS_HOST ?? '0.0.0.0'),
  };
}
