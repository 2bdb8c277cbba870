// `explain` shows what a question asks for and which candidates do not state it.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const engine = createAnswerEngine(
  microKnowledge([{ id: 'pensioner-discount', question: 'Do pensioners get a discount on the ferry?', answer: 'Pensioners pay a reduced fare on every crossing.' }]),
);

describe('explaining what a question asks for', () => {
  it('names it, and the candidates that do not state it', () => {
    const explanation = engine.explain('what exact percentage do pensioners save on the ferry?');
    expect(explanation.asksFor).toEqual(['a percentage']);
    expect(explanation.candidates[0]).toMatchObject({ record: { id: 'pensioner-discount' }, statesWhatIsAsked: false });
  });

  it('says what the decision made of the candidates, with the bars they met or missed', () => {
    expect(engine.explain('do pensioners get a discount on the ferry?').verdict).toMatch(/^answer: score \d(\.\d+)?, \d(\.\d+)? ahead of the next \(answers from 0\.\d+, 0\.\d+ ahead\)$/);
    expect(engine.explain('who won the football match yesterday?').verdict).toMatch(/^nothing: the best score is \d(\.\d+)? \(suggestions from 0\.\d+\)$/);
    expect(engine.explain('thanks!').verdict).toBe('chat: never answered with a record');
  });

  it('asks for nothing in particular when the question names nothing to state', () => {
    const explanation = engine.explain('do pensioners get a discount on the ferry?');
    expect(explanation.asksFor).toEqual([]);
    expect(explanation.candidates.length).toBeGreaterThan(0);
    expect(explanation.candidates.every((candidate) => candidate.statesWhatIsAsked)).toBe(true);
  });
});
