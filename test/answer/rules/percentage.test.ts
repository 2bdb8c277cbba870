import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../../src/answer/answerEngine.ts';
import { percentageRule } from '../../../src/answer/rules/percentage.ts';
import { microKnowledge } from '../../support/microKnowledge.ts';
import { suggested } from '../../support/replies.ts';

const discountInWords = { id: 'pensioner-discount', question: 'Do pensioners get a discount on the ferry?', answer: 'Pensioners pay a reduced fare on every crossing.' };
const discountInPercent = { id: 'student-discount', question: 'Do students get a discount on the ferry?', answer: 'Students pay 30% less on every crossing.' };

describe('the percentage rule', () => {
  it('reads a question asking for a percentage, not one asking about it', () => {
    expect(percentageRule.asks({ canonical: 'what exact percentage do pensioners save' })).not.toBeNull();
    expect(percentageRule.asks({ canonical: 'does the percentage change' })).toBeNull();
    expect(percentageRule.states('Students pay 30% less.')).toBe(1);
    expect(percentageRule.states('at the same percentage')).toBe(0);
  });

  it('does not answer with a record that gives no percentage, and says the sources give none', () => {
    const engine = createAnswerEngine(microKnowledge([discountInWords]));
    expect(engine.ask('what percentage discount do pensioners get on the ferry?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'percentage' } });
    expect(engine.ask('do pensioners get a discount on the ferry?')).toMatchObject({ status: 'answered', id: 'pensioner-discount' });
  });

  it('leaves a question about the percentage, not for it, to the record', () => {
    const sameAsLastYear = { ...discountInWords, answer: 'Pensioners pay a reduced fare, at the same percentage as last year.' };
    const engine = createAnswerEngine(microKnowledge([sameAsLastYear]));
    expect(engine.ask('will the percentage pensioners save on the ferry change?')).toMatchObject({ status: 'answered', id: 'pensioner-discount' });
  });

  it('answers with a record that gives one', () => {
    const engine = createAnswerEngine(microKnowledge([discountInWords, discountInPercent]));
    expect(engine.ask('what percentage discount do students get on the ferry?')).toMatchObject({ status: 'answered', id: 'student-discount' });
  });

  it('claims nothing about the sources when a record offered does give a percentage', () => {
    const studentPercentage = { ...discountInPercent, question: 'What percentage discount do students get on the ferry?' };
    const engine = createAnswerEngine(microKnowledge([discountInWords, studentPercentage]));
    const reply = suggested(engine.ask('what percentage discount do pensioners get on the ferry?'));
    expect(reply).toMatchObject({ status: 'suggestions', unstated: null });
    expect(reply.suggestions.map((ref) => ref.id)).toContain('student-discount');
  });
});
