// Chat, thanks and off-topic messages: what a member gets when a message asks no question the
// knowledge answers.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import type { RecordRef } from '../../src/reply/replyModel.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const engine = createAnswerEngine(
  microKnowledge([
    { id: 'ferry-times', question: 'When does the Harbourton ferry leave?', answer: 'The ferry leaves Harbourton at 8 and at 17.' },
    { id: 'library-hours', question: 'When is the Harbourton library open?', answer: 'The library opens at nine and closes at six.' },
  ]),
);
const ferryTimes: RecordRef = { kind: 'faq', id: 'ferry-times', title: 'When does the Harbourton ferry leave?' };

describe('dialogue acts', () => {
  it.each([
    ['thanks so much bot', 'thanks'],
    ['hey everyone', 'greeting'],
    ['good morning everyone', 'greeting'],
    ['hello', 'greeting'],
    ['lol', 'laughter'],
    ['good bot', 'praise'],
    ['what can you do', 'help'],
  ])('%j is %s, never a record or a suggestion', (message, act) => {
    expect(engine.ask(message)).toEqual({ status: 'chat', act, question: message });
  });

  it('answers the question that comes with thanks', () => {
    expect(engine.ask('thanks! when does the ferry leave')).toMatchObject({ status: 'answered', id: 'ferry-times' });
  });

  it('reads thanks sent as a reply to an answer as thanks, never as a question about that answer', () => {
    for (const message of ["thanks, that's really helpful!", 'thx a lot that helps', 'perfect, cheers', 'ok got it thank you']) {
      expect(engine.ask(message, { previous: ferryTimes }), message).toEqual({ status: 'chat', act: 'thanks', question: message });
    }
    expect(engine.ask('thanks, and when is the library open?', { previous: ferryTimes })).toMatchObject({ status: 'answered', id: 'library-hours' });
  });
});

describe('messages the knowledge has nothing for', () => {
  it.each(['how tall is mount everest', 'can you ban that spammer', "what's the weather like today", '😂😂', ''])('reply to %j with no match', (message) => {
    expect(engine.ask(message).status).toBe('no_match');
  });
});
