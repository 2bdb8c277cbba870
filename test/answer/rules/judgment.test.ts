import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../../src/answer/answerEngine.ts';
import { judgmentRule } from '../../../src/answer/rules/judgment.ts';
import { microKnowledge } from '../../support/microKnowledge.ts';

const bothRoutes = { id: 'routes', question: 'Which routes go to the island, the ferry or the bridge bus?', answer: 'Both the ferry and the bridge bus go to the island every hour.' };
const fares = { id: 'fares', question: 'What do the ferry and the bridge bus cost?', answer: 'The ferry costs 4 dollars and the bridge bus 2 dollars.' };

describe('the judgment rule', () => {
  it('reads a judgment between alternatives, not advice on what to do', () => {
    expect(judgmentRule.asks({ canonical: 'is the ferry faster than the bridge bus' })).not.toBeNull();
    expect(judgmentRule.asks({ canonical: 'is it better to book online or at the pier' })).toBeNull();
    expect(judgmentRule.asks({ canonical: 'does the ferry or the bus go to the island' })).toBeNull();
  });

  it('does not answer with a record that names both alternatives but judges neither', () => {
    const engine = createAnswerEngine(microKnowledge([bothRoutes]));
    expect(engine.ask('is the ferry faster than the bridge bus to the island?').status).toBe('suggestions');
    expect(engine.ask('does the ferry or the bridge bus go to the island?')).toMatchObject({ status: 'answered', id: 'routes' });
  });

  it('answers advice between alternatives with the record on both', () => {
    const engine = createAnswerEngine(microKnowledge([bothRoutes]));
    expect(engine.ask('is it better to take the ferry or the bridge bus to the island?')).toMatchObject({ status: 'answered', id: 'routes' });
    expect(engine.ask('would it be better to go to the island by ferry or by bridge bus?')).toMatchObject({ status: 'answered', id: 'routes' });
    // The same alternatives asked as a judgment stay unanswered, and say what the sources lack.
    expect(engine.ask('which is faster to the island, the ferry or the bridge bus?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment', words: ['faster'] } });
  });

  it('answers a price judgment with a record that states the prices', () => {
    const engine = createAnswerEngine(microKnowledge([bothRoutes, fares]));
    expect(engine.ask('which costs less, is the ferry cheaper than the bridge bus?')).toMatchObject({ status: 'answered', id: 'fares' });
  });
});
