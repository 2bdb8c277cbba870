// "The sources don't mention X": X is a name the member asked about, never an ordinary word of a long message.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { microKnowledge } from '../support/microKnowledge.ts';
import { unstatedOf } from '../support/replies.ts';

const engine = createAnswerEngine(
  microKnowledge([
    { id: 'ferry-times', question: 'When does the Harbourton ferry leave?', answer: 'The ferry leaves Harbourton at 8 and at 17.' },
    { id: 'ferry-fares', question: 'How much is a ferry ticket?', answer: 'A single crossing costs 4 dollars.' },
  ]),
);

describe('names no record mentions', () => {
  it('are named in a short question', () => {
    expect(unstatedOf(engine.ask('does the zephyrline ferry stop at harbourton?'))).toMatchObject({ kind: 'names', words: ['zephyrline'] });
  });

  it('are never an English word, however rare', () => {
    expect(unstatedOf(engine.ask('does the ferry take my startup team?'))).toBeNull();
  });

  it('are, in a long message, only the words written capitalised inside a sentence', () => {
    const story = 'our little startup runs workshops all over the coast and i read on reddit that some boats stopped running, so what happens with the island crossings in winter';
    expect(unstatedOf(engine.ask(story))).toBeNull();
    const named = 'our little startup runs workshops all over the coast and i read on Zephyrline that some boats stopped running, so what happens with the island crossings in winter';
    expect(unstatedOf(engine.ask(named))).toMatchObject({ kind: 'names', words: ['Zephyrline'] });
  });

  it('are never a drawn-out chat word, short slang or a typo of a knowledge word', () => {
    expect(unstatedOf(engine.ask('lmaooo whaaat'))).toBeNull();
    expect(unstatedOf(engine.ask('wat abt hte ferry thing'))).toBeNull();
    expect(engine.ask('when does the harbortun fery leave?')).toMatchObject({ status: 'answered', id: 'ferry-times' });
  });
});
