import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../../src/answer/answerEngine.ts';
import { amountRule } from '../../../src/answer/rules/amount.ts';
import { microKnowledge } from '../../support/microKnowledge.ts';

const fineByYear = { id: 'late-fine', question: 'Is there a fine for returning a kayak late?', answer: 'Late returns are fined from 2026 on.' };
const fineInDollars = { id: 'lost-fine', question: 'Is there a fine for losing a kayak paddle?', answer: 'A lost paddle is fined 40 dollars.' };

describe('the amount rule', () => {
  it('reads an amount asked for by name; a year states none', () => {
    expect(amountRule.asks({ canonical: 'what is the dollar amount of the fine' })).not.toBeNull();
    expect(amountRule.asks({ canonical: 'how much is the fine' })).toBeNull();
    // The price a past deal was made at is an amount; what something costs in general may be answered in words.
    expect(amountRule.asks({ canonical: 'how much did the club pay for its kayaks' })).not.toBeNull();
    expect(amountRule.asks({ canonical: 'how much does the club pay' })).toBeNull();
    expect(amountRule.states('fined from 2026 on')).toBe(0);
    expect(amountRule.states('fined 40 dollars')).toBe(1);
  });

  it('does not answer with a record whose only figure is a year', () => {
    const engine = createAnswerEngine(microKnowledge([fineByYear]));
    expect(engine.ask('what is the dollar amount of the fine for returning a kayak late?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'amount' } });
    expect(engine.ask('is there a fine for returning a kayak late?')).toMatchObject({ status: 'answered', id: 'late-fine' });
  });

  it('does not answer the price of a past purchase with a record that only names the purchase', () => {
    const bought = { id: 'kayaks-bought', question: 'Did the club buy new kayaks?', answer: 'Yes, the club bought new kayaks last spring.' };
    const engine = createAnswerEngine(microKnowledge([bought]));
    expect(engine.ask('how much did the club pay for its new kayaks?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'amount' } });
    expect(engine.ask('did the club buy new kayaks?')).toMatchObject({ status: 'answered', id: 'kayaks-bought' });
  });

  it('leaves "how much" and "how many years" to records that answer them in words or dates', () => {
    expect(amountRule.asks({ canonical: 'how many years can members keep a kayak' })).toBeNull();
    const engine = createAnswerEngine(microKnowledge([fineByYear]));
    expect(engine.ask('how much is the fine for returning a kayak late?')).toMatchObject({ status: 'answered', id: 'late-fine' });
  });

  it('does not take "the two clubs" for a figure', () => {
    expect(amountRule.states('the two clubs share one fine, capped in total')).toBe(0);
    expect(amountRule.states('two clubs share the fine')).toBe(1);
    const capped = { id: 'fine-cap', question: 'Is the shared kayak fine capped?', answer: 'The two clubs share one fine, now capped in total.' };
    const engine = createAnswerEngine(microKnowledge([capped]));
    expect(engine.ask('what exact figure is the kayak fine capped at?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'amount' } });
  });

  it('answers with a record that states an amount', () => {
    const engine = createAnswerEngine(microKnowledge([fineByYear, fineInDollars]));
    expect(engine.ask('what is the dollar amount of the fine for losing a kayak paddle?')).toMatchObject({ status: 'answered', id: 'lost-fine' });
  });
});
