// A long message: background before the question, and only the first 1,500 characters read.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { answered, answerIdOf } from '../support/replies.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const engine = createAnswerEngine(
  microKnowledge([
    { id: 'ferry-bikes', question: 'Can I take my bike on the Harbourton ferry?', answer: 'Bikes ride free on every crossing.' },
    { id: 'library-card', question: 'When does a Harbourton library card expire?', answer: 'A library card runs for three years.' },
    { id: 'market-day', question: 'Which day is the Harbourton market?', answer: 'The market is held every Saturday.' },
  ]),
);

describe('long messages with background before the question', () => {
  it.each([
    [
      'Hi all, I run a small bakery and we deliver to the island. My partner keeps asking me about transport and I want to give her an accurate picture. Can I take my bike on the Harbourton ferry?',
      'Can I take my bike on the Harbourton ferry?',
    ],
    [
      "I'm a teacher at the school. Our class reads a lot of books. We are planning next year's reading list. When does a Harbourton library card expire?",
      'When does a Harbourton library card expire?',
    ],
  ])('answers %j like the bare question', (message, bare) => {
    const alone = answered(engine.ask(bare));
    expect(engine.ask(message)).toMatchObject({ status: 'answered', kind: alone.kind, id: alone.id });
  });

  it('shows the background as context, not as the question', () => {
    const explanation = engine.explain('I work at a bakery. We deliver to the island. Can I take my bike on the ferry?');
    expect(explanation.question).toBe('can i take my bike on the ferry');
    expect(explanation.context).toContain('bakery');
  });
});

describe('the length read', () => {
  it('reads only the first 1,500 characters of a message', () => {
    // Sentences of filler: past the cut, the question would be read on its own and answered.
    const padding = 'blah. '.repeat(300);
    expect(answerIdOf(engine.ask(`when does a library card expire ${padding}`))).toBe('library-card');
    const hiddenPastTheCut = engine.ask(`${padding}when does a library card expire`);
    expect(hiddenPastTheCut.question.length).toBeGreaterThan(1500);
    expect(hiddenPastTheCut.status).toBe('no_match');
  });
});
