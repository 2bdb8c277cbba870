import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../../src/answer/answerEngine.ts';
import { statusRule } from '../../../src/answer/rules/status.ts';
import { renderPlainText } from '../../../src/render/renderPlainText.ts';
import { microKnowledge } from '../../support/microKnowledge.ts';

const ferryApp = { id: 'ferry-app', question: 'Can I buy ferry tickets in the ferry app?', answer: 'Yes: the ferry app sells single and return tickets.' };
const ferryOutages = { id: 'ferry-outages', question: 'Where do I see whether the ferry app is down?', answer: 'Outages of the ferry app are posted on the pier board.' };

describe('the status rule', () => {
  it('reads whether something works right now', () => {
    expect(statusRule.asks({ canonical: 'is the ferry app down right now' })).not.toBeNull();
    expect(statusRule.asks({ canonical: 'can the ferry app sell tickets' })).toBeNull();
  });

  it('does not answer with a record about the service that speaks of no outage', () => {
    const engine = createAnswerEngine(microKnowledge([ferryApp]));
    expect(engine.ask('is the ferry app down right now?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'status' } });
    expect(engine.ask('can i buy ferry tickets in the app?')).toMatchObject({ status: 'answered', id: 'ferry-app' });
  });

  it('says in the reply that the sources do not cover outages', () => {
    const reply = createAnswerEngine(microKnowledge([ferryApp])).ask('is the ferry app down rn');
    expect(renderPlainText(reply)).toMatch(/^I can't tell whether it works right now: the sources don't cover outages\. The closest questions I can answer:\n {2}1\. /);
  });

  it('answers with a record that speaks of outages', () => {
    const engine = createAnswerEngine(microKnowledge([ferryApp, ferryOutages]));
    expect(engine.ask('is the ferry app down right now?')).toMatchObject({ status: 'answered', id: 'ferry-outages' });
  });
});
