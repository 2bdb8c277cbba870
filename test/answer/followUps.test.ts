// A short follow-up is read in the context of the previous answer, and can lead to a related record.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import type { RecordRef } from '../../src/reply/replyModel.ts';
import { renderPlainText } from '../../src/render/renderPlainText.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const licenceTerm = { id: 'licence-term', question: 'When does the Harbourton fishing licence expire?', answer: 'A fishing licence runs until 2032.', related: ['licence-exclusive'] };
const licenceExclusive = { id: 'licence-exclusive', question: 'Is the Harbourton fishing licence exclusive?', answer: 'The fishing licence is no longer exclusive: anyone may apply.', related: ['licence-term'] };
const engine = createAnswerEngine(
  microKnowledge([licenceTerm, licenceExclusive, { id: 'library-hours', question: 'When is the Harbourton library open?', answer: 'The library opens at nine and closes at six.' }]),
);
const previous = (record: { id: string; question: string }): RecordRef => ({ kind: 'faq', id: record.id, title: record.question });

describe('follow-ups read in the context of the previous answer', () => {
  it('"and is it still exclusive?" after the licence term is about the exclusive licence', () => {
    expect(engine.ask('and is it still exclusive?').status).toBe('suggestions');
    expect(engine.ask('and is it still exclusive?', { previous: previous(licenceTerm) })).toMatchObject({ status: 'answered', id: 'licence-exclusive' });
  });

  it('"until when?" after the licence term gives its end year', () => {
    expect(engine.ask('until when?').status).toBe('suggestions');
    const reply = engine.ask('until when?', { previous: previous(licenceTerm) });
    expect(reply).toMatchObject({ status: 'answered', id: 'licence-term' });
    expect(renderPlainText(reply)).toContain('2032');
  });
});
