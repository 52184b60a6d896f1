import type { ChatStateStore } from '../../src/core/chat-state.js';
import { BriefingEngine, type EngineOptions } from '../../src/core/engine.js';
import { fixedClock } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import type { RequestContext } from '../../src/core/request.js';
import type { AdaptiveCard } from '../../src/render/adaptive-card.js';
import type { Answerer } from '../../src/teams/haiti-teams-bot.js';
import { startTeamsBot, type RunningTeamsBot } from '../../src/teams/start-teams.js';
import type { TeamsConfig } from '../../src/teams/teams-config.js';
import { FakeBotConnector, type ConnectorCall } from '../doubles/fake-bot-connector.js';
import { shippedKnowledge } from '../doubles/fixture-kb.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import type { SharedDatabase } from '../doubles/shared-store.js';

export const NOW = new Date('2025-06-01T12:00:00Z');
export const BOT = { id: '28:haiti-brief-bot', name: 'Haiti Brief' };
export const USER = { id: '29:user-ana', name: 'Ana Analyst', aadObjectId: 'aad-ana' };
export const FAKE_APP_ID = '7f1c2a90-3b4d-4e5f-8a6b-1c2d3e4f5a6b';

const knowledge = shippedKnowledge();

export function engineAt(now: Date = NOW, options: EngineOptions = {}): BriefingEngine {
  return new BriefingEngine(knowledge, fixedClock(now), options);
}

/** The real engine, recording every request it is asked (text and context). */
export class RecordingEngine implements Answerer {
  readonly requests: Array<{ text: string; request: RequestContext }> = [];
  constructor(private readonly engine: Answerer & { welcome?(): Reply } = engineAt()) {}
  answerText(text: string, request: RequestContext = {}): Promise<Reply> {
    const { direct: _direct, ...recorded } = request; // a function: compared apart
    this.requests.push({ text, request: recorded });
    return this.engine.answerText(text, request);
  }
  welcome(): Reply {
    return (this.engine.welcome as () => Reply).call(this.engine);
  }
}

export const AUTH_OFF: TeamsConfig = { auth: 'off', appId: '', appPassword: '', appType: 'MultiTenant', port: 0, host: '127.0.0.1' };

export interface Harness {
  connector: FakeBotConnector;
  bot: RunningTeamsBot;
  logger: RecordingLogger;
  /** POSTs an activity (or a raw body) to the bot's /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** Restarts the bot (a new process would forget its memory), keeping the connector; with a store, on that one. */
  restart(store?: ChatStateStore): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { engine?: Answerer; config?: TeamsConfig; connector?: FakeBotConnector; store?: ChatStateStore } = {},
): Promise<Harness> {
  const connector = options.connector ?? new FakeBotConnector();
  if (!connector.url) await connector.start();
  const logger = new RecordingLogger();
  let store = options.store;
  const start = () =>
    startTeamsBot({ config: options.config ?? AUTH_OFF, engine: options.engine ?? engineAt(), logger, clock: fixedClock(NOW), ...(store ? { store } : {}) });
  const harness: Harness = {
    connector,
    bot: await start(),
    logger,
    async post(body, headers = {}) {
      const res = await fetch(harness.bot.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    async restart(next) {
      await harness.bot.close();
      store = next ?? store;
      harness.bot = await start();
    },
    async close() {
      await harness.bot.close();
      await connector.stop();
    },
  };
  return harness;
}

let sequence = 0;

export interface MessageOptions {
  serviceUrl: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  id?: string;
  replyToId?: string;
  /** Prefix the text with an @mention of the bot, as Teams sends it (tag and entity). */
  mention?: boolean;
  value?: unknown;
}

/** A message activity built the way Teams sends one. */
export function teamsMessage(text: string, o: MessageOptions): Record<string, unknown> {
  const type = o.conversationType ?? 'personal';
  const mention = `<at>${BOT.name}</at>`;
  const conversationId = o.conversationId ?? (type === 'channel' ? '19:general@thread.tacv2;messageid=1000' : 'a:1personal-chat-ana');
  return {
    type: 'message',
    id: o.id ?? `activity-${++sequence}`,
    timestamp: NOW.toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: type, isGroup: type !== 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, ...(type === 'channel' ? { channel: { id: '19:general@thread.tacv2' }, team: { id: '19:team@thread.tacv2' } } : {}) },
    text: o.mention ? `${mention} ${text}` : text,
    textFormat: 'plain',
    locale: 'en-US',
    ...(o.mention ? { entities: [{ type: 'mention', text: mention, mentioned: BOT }] } : {}),
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

/** A conversationUpdate as Teams sends it when the bot (or someone) is added to a conversation. */
export function membersAdded(o: { serviceUrl: string; conversationType?: 'personal' | 'groupChat' | 'channel'; conversationId?: string; members?: Array<{ id: string }>; id?: string }): Record<string, unknown> {
  const type = o.conversationType ?? 'personal';
  return {
    type: 'conversationUpdate',
    id: o.id ?? `update-${++sequence}`,
    timestamp: NOW.toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: { id: o.conversationId ?? (type === 'channel' ? '19:general@thread.tacv2' : type === 'groupChat' ? '19:group-chat@thread.v2' : 'a:1personal-chat-ana'), conversationType: type, isGroup: type !== 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, eventType: 'teamMemberAdded', ...(type === 'channel' ? { team: { id: '19:general@thread.tacv2' } } : {}) },
    membersAdded: o.members ?? [{ id: BOT.id }],
  };
}

/** The Adaptive Card a recorded call carried. */
export function cardOf(call: ConnectorCall | undefined): AdaptiveCard {
  const attachments = call?.activity.attachments as Array<{ contentType: string; content: AdaptiveCard }> | undefined;
  const attachment = attachments?.[0];
  if (!attachment) throw new Error(`no attachment in ${JSON.stringify(call?.activity)}`);
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not an Adaptive Card: ${attachment.contentType}`);
  return attachment.content;
}

/** All the card's text, one block per line. */
export function cardText(card: AdaptiveCard): string {
  return card.body.map((b) => ('text' in b ? b.text : '')).join('\n');
}

/** What a test started (bots, shared databases, a fake connector of their own): `stop()` after each test closes and drops it all. */
export class TeamsRun {
  bots: Harness[] = [];
  databases: SharedDatabase[] = [];
  connector: FakeBotConnector | undefined;

  async stop(): Promise<void> {
    for (const h of this.bots) await h.bot.close();
    for (const db of this.databases) await db.drop();
    await this.connector?.stop();
    this.bots = [];
    this.databases = [];
    this.connector = undefined;
  }
}
