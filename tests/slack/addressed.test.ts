import { describe, expect, it } from 'vitest';
import { addressing } from '../../src/slack/listeners/events/addressed.js';

// Our own examples, written before the blind development set was run: what a thread under a brief sees.
const TO_BOT: [string, 'command' | 'question' | 'topic'][] = [
  ['how many of them are Kenyan?', 'question'],
  ['who pays for this', 'question'],
  ['When does the mandate run out', 'question'],
  ['funding?', 'question'],
  ['and the GSF?', 'question'],
  ['is the trust fund still open', 'question'],
  ['does china support it?', 'question'],
  ['can the mission hold ground', 'question'],
  ['tell me about the vote', 'question'],
  ['what about the OAS?', 'question'],
  ['status full', 'command'],
  ['dates', 'command'],
  ['source nation-2025-05', 'command'],
  ['kenyan casualties', 'topic'],
  ['UNSOH', 'topic'],
  ['why kenya', 'question'],
];

const CHATTER = [
  'thanks, very useful',
  'thanks!',
  '+1',
  'lol',
  'agreed',
  'ok',
  'makes sense',
  'good point',
  '<https://www.example.org/article|example.org>',
  'https://example.org/some/story',
  ':thumbsup:',
  '<@U0JEAN> can you look at this before the 3pm call?',
  '@jean can you check this?',
  '<!here> meeting moved to 4',
  '<!channel> please read',
  'Marie, what do you think?',
  'I will forward this to the desk this afternoon, the ambassador asked for it last week',
  'thank you so much',
];

describe('which thread messages are addressed to the bot (our own examples)', () => {
  it.each(TO_BOT)('answers %j as a %s', (text, as) => {
    const a = addressing(text);
    expect(a).toMatchObject({ toBot: true, as });
  });

  it.each(CHATTER)('stays quiet on %j', (text) => {
    expect(addressing(text).toBot).toBe(false);
  });

  it('answers a question put to colleagues only when the sources answer it', () => {
    expect(addressing('can you tell me who pays for the mission?')).toMatchObject({ toBot: true, refusal: 'silent' });
    expect(addressing('did you see the news?')).toMatchObject({ toBot: true, refusal: 'silent' });
    expect(addressing('who leads the force?')).toMatchObject({ toBot: true, refusal: 'private' });
  });
});
