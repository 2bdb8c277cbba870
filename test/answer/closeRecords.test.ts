// Records too close to tell apart: both answered when each answers part of the question, a short
// list of suggestions when the question names only their topic.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { renderPlainText } from '../../src/render/renderPlainText.ts';
import { answered, suggested } from '../support/replies.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

describe('two related records too close to tell apart', () => {
  const engine = createAnswerEngine(
    microKnowledge([
      { id: 'harbourton-pays', question: 'Does Harbourton still pay Kelpton a ferry fee?', answer: 'Harbourton pays Kelpton a ferry fee through 2030.', related: ['kelpton-pays'] },
      { id: 'kelpton-pays', question: 'Does Kelpton still pay Harbourton a ferry fee?', answer: 'Kelpton no longer pays Harbourton a ferry fee.', related: ['harbourton-pays'] },
      { id: 'library-hours', question: 'When is the Harbourton library open?', answer: 'The library opens at nine and closes at six.' },
    ]),
  );

  it('answers with both, each with its own answer, when the question does not say who pays whom', () => {
    const reply = answered(engine.ask('does anyone still pay a ferry fee?'));
    expect([reply.id, ...reply.also.map((other) => other.id)].sort()).toEqual(['harbourton-pays', 'kelpton-pays']);
    const text = renderPlainText(reply);
    expect(text).toContain('no longer pays');
    expect(text).toContain('2030');
  });

  it('answers one record alone when the question says which direction', () => {
    expect(engine.ask('does harbourton still pay kelpton a ferry fee?')).toMatchObject({ status: 'answered', id: 'harbourton-pays', also: [] });
  });
});

describe('a question offering two names as alternatives', () => {
  // One record has more phrasings, so it scores clearly ahead: the question still asks about both.
  const engine = createAnswerEngine(
    microKnowledge([
      {
        id: 'harbourton-pays',
        question: 'Does Harbourton still pay Kelpton a ferry fee?',
        alternates: ['Is Harbourton still paying the ferry fee?'],
        answer: 'Harbourton pays Kelpton a ferry fee through 2030.',
        related: ['kelpton-pays'],
      },
      { id: 'kelpton-pays', question: 'Does Kelpton still pay Harbourton a ferry fee?', answer: 'Kelpton no longer pays Harbourton a ferry fee.', related: ['harbourton-pays'] },
      { id: 'library-hours', question: 'When is the Harbourton library open?', answer: 'The library opens at nine and closes at six.' },
    ]),
  );
  const answeredIds = (question: string) => {
    const reply = answered(engine.ask(question));
    return [reply.id, ...reply.also.map((other) => other.id)].sort();
  };

  it.each(['does harbourton or kelpton still pay the ferry fee?', 'does harbourton still pay kelpton a ferry fee or the other way round?'])(
    'answers %j with the record for each side',
    (question) => {
      expect(answeredIds(question)).toEqual(['harbourton-pays', 'kelpton-pays']);
    },
  );

  it('answers one side alone when the question names one', () => {
    expect(answeredIds('is harbourton still paying the ferry fee?')).toEqual(['harbourton-pays']);
  });
});

describe('a topic named without a question', () => {
  it('gets the records as close as each other as suggestions, best first', () => {
    const engine = createAnswerEngine(
      microKnowledge([
        { id: 'red-apples', question: 'Are the apples red?', answer: 'Red.' },
        { id: 'green-apples', question: 'Are the apples green?', answer: 'Green.' },
      ]),
    );
    expect(suggested(engine.ask('apples?')).suggestions.map((ref) => ref.id)).toEqual(['red-apples', 'green-apples']);
  });
});
