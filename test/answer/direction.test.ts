// Meaning includes direction: "does Harbourton pay Kelpton?" and "does Kelpton pay Harbourton?" are
// different questions, in the active voice and the passive.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const harbourtonPays = { id: 'harbourton-pays', question: 'Does Harbourton pay Kelpton for the ferry?', answer: 'Harbourton pays Kelpton 2 dollars a crossing.' };
const kelptonPays = { id: 'kelpton-pays', question: 'Does Kelpton pay Harbourton for the ferry?', answer: 'Kelpton no longer pays Harbourton anything since the spring.' };
const library = { id: 'library', question: 'When does the Harbourton library open?', answer: 'At nine in the morning.' };

describe('both directions in the knowledge', () => {
  const engine = createAnswerEngine(microKnowledge([harbourtonPays, kelptonPays, library]));

  it.each([
    ['does harbourton still pay kelpton for the ferry?', 'harbourton-pays'],
    ['is kelpton paid by harbourton for the ferry?', 'harbourton-pays'],
    ['does kelpton get paid by harbourton?', 'harbourton-pays'],
    ['does kelpton still pay harbourton anything?', 'kelpton-pays'],
    ['is harbourton paid by kelpton for the ferry?', 'kelpton-pays'],
    ['is harbourton still getting paid by kelpton?', 'kelpton-pays'],
    // An object between the participle and "by" still leaves the payer after "by".
    ['is kelpton still paid a ferry fare by harbourton?', 'harbourton-pays'],
  ])('answers %j with its own record', (question, id) => {
    expect(engine.ask(question)).toMatchObject({ status: 'answered', id });
  });
});

describe('only the opposite direction in the knowledge', () => {
  const engine = createAnswerEngine(microKnowledge([kelptonPays, library]));

  it.each(['does harbourton pay kelpton for the ferry?', 'is kelpton paid by harbourton for the ferry?'])('does not answer %j, but suggests the record', (question) => {
    const reply = engine.ask(question);
    expect(reply.status).toBe('suggestions');
    expect(reply.status === 'suggestions' && reply.suggestions.map((ref) => ref.id)).toContain('kelpton-pays');
  });

  it('still answers the direction it states', () => {
    expect(engine.ask('does kelpton pay harbourton for the ferry?')).toMatchObject({ status: 'answered', id: 'kelpton-pays' });
  });
});
