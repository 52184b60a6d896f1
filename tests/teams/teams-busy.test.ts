// Issue 14, item 6 on Teams: answers are made with a configured concurrency and a bounded wait; past it the
// asker is told at once that the bot is busy, instead of every answer slowing down without bound.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import type { RequestContext } from '../../src/core/request.js';
import { startTeamsBot, type RunningTeamsBot } from '../../src/teams/start-teams.js';
import { FakeBotConnector } from '../doubles/fake-bot-connector.js';
import { RecordingLogger } from '../doubles/recording-logger.js';
import { AUTH_OFF, engineAt, NOW, teamsMessage } from './teams-harness.js';
import { fixedClock } from '../../src/core/ports.js';

let bot: RunningTeamsBot | undefined;
let connector: FakeBotConnector | undefined;
afterEach(async () => {
  await bot?.close();
  await connector?.stop();
});

/** The real engine, held until the test opens the gate. */
class GatedEngine {
  private readonly engine = engineAt();
  gate: Promise<void> | undefined;
  asked: string[] = [];
  async answerText(text: string, request?: RequestContext): Promise<Reply> {
    this.asked.push(text);
    await this.gate;
    return this.engine.answerText(text, request);
  }
}

describe('a Teams bot with too many answers in progress', () => {
  it('tells the asker at once that it is busy, and answers the others', async () => {
    connector = new FakeBotConnector();
    await connector.start();
    const engine = new GatedEngine();
    let open: () => void = () => undefined;
    engine.gate = new Promise<void>((resolve) => (open = resolve));
    const logger = new RecordingLogger();
    bot = await startTeamsBot({ config: AUTH_OFF, engine, logger, clock: fixedClock(NOW), limits: { concurrency: 1, maxWaiting: 1 } });
    const post = (text: string, id: string) =>
      fetch(bot!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage(text, { serviceUrl: connector!.url, id, conversationId: `a:${id}` })) });
    const first = post('status', 'one');
    const second = post('dates', 'two');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await post('proposals', 'three');
    expect(third.status).toBe(200);
    expect(connector.delivered.map((c) => [c.replyToId, c.activity.text])).toEqual([['three', expect.stringContaining('too many questions')]]);
    open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(connector.delivered.map((c) => c.replyToId).sort()).toEqual(['one', 'three', 'two']);
    expect(engine.asked).toEqual(['status', 'dates']);
    expect(logger.events.find((e) => e.fields.event === 'teams.busy')).toBeDefined();
  });
});
