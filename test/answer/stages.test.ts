// Each stage of the answer pipeline on its own, over a few records written here (never the shipped
// article): read the question → lexical candidates → fused list → decide → reply, and the dialogue
// around them.
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/answer/decide.ts';
import { answerMessage } from '../../src/answer/dialogue.ts';
import { fuseCandidates } from '../../src/answer/fuseCandidates.ts';
import { readQuestion } from '../../src/answer/readQuestion.ts';
import { keyOf } from '../../src/answer/recordCatalog.ts';
import { replyOfDecision } from '../../src/answer/replyOfDecision.ts';
import type { MeaningMatch } from '../../src/meaning/phrasingIndex.ts';
import { answeredId, microKnowledge, partsOf, stagesOf } from '../support/microKnowledge.ts';

const parts = partsOf(
  microKnowledge([
    { id: 'ferry-times', question: 'When does the Harbourton ferry leave?', alternates: ['What time is the first ferry?'], answer: 'The ferry leaves Harbourton at 8 and at 17.', related: ['ferry-fares'] },
    { id: 'ferry-fares', question: 'How much is a ferry ticket?', alternates: ['What does the ferry cost?'], answer: 'A single crossing costs 4 dollars; pensioners pay 30% less.', related: ['ferry-times'] },
    { id: 'library-hours', question: 'When is the Harbourton library open?', alternates: ['What are the library opening hours?'], answer: 'The library opens at nine and closes at six.' },
  ]),
);
const { catalog, reader, lexical, tuning } = parts;
const idOf = (record: number) => catalog.records[record]?.id;
const read = (question: string) => readQuestion(reader, question);
const fusedFor = (question: string, meaning: readonly MeaningMatch[] | null = null) => {
  const reading = read(question);
  return fuseCandidates(catalog, reading, lexical.rank(reading), meaning, tuning.meaningCandidates);
};
const decider = { catalog, policy: parts.policy, rowNamed: parts.rows.rowNamed };

describe('readQuestion', () => {
  it('separates the question from its context and finds each question of a message', () => {
    const reading = read('I live on the island and work in town. When does the ferry leave, and how much is a ticket?');
    expect(reading.canonical).not.toContain('island');
    expect(reading.context).toContain('island');
    expect(reading.parts).toHaveLength(2);
  });

  it('reads chat as a dialogue act, and what a question asks for', () => {
    expect(read('thanks a lot!').act).toBe('thanks');
    expect(read('what percentage do pensioners save?').asked.map(({ rule }) => rule.name)).toEqual(['percentage']);
    expect(read('is harbourton paid by the ferry company?').canonical).toMatch(/ferry company pay harbourton/);
  });
});

describe('lexicalCandidates', () => {
  it('ranks the record whose phrasings share the question\'s words first', () => {
    expect(lexical.rank(read('what time does the first ferry leave?')).map(({ record }) => idOf(record))[0]).toBe('ferry-times');
    expect(lexical.rank(read('library opening hours')).map(({ record }) => idOf(record))[0]).toBe('library-hours');
  });

  it('finds nothing for words no record has', () => {
    expect(lexical.rank(read('zebra giraffe'))).toEqual([]);
  });
});

describe('fuseCandidates', () => {
  it('describes each candidate by its lexical rank and margin, and what it states', () => {
    const [best, ...rest] = fusedFor('what percentage do pensioners save on a ferry ticket?');
    expect(best).toMatchObject({ features: { lexicalRank: 1, statesAsked: true }, unmet: null });
    expect(best!.features.lexicalMargin).toBeGreaterThan(0);
    expect(rest.every((candidate) => candidate.features.lexicalMargin < 0)).toBe(true);
  });

  it('adds the records only the encoder found, after the lexical ones, and marks where both agree', () => {
    const libraryKey = keyOf(catalog.records.find((record) => record.id === 'library-hours')!);
    const timesKey = keyOf(catalog.records.find((record) => record.id === 'ferry-times')!);
    const meaning: MeaningMatch[] = [
      { key: timesKey, similarity: 0.8, closest: 0.85, centroid: 0.75, phrasing: 'When does the Harbourton ferry leave?', rank: 1, classifierProbability: 0.7, classifierRank: 1, neighbor: 0.5 },
      { key: libraryKey, similarity: 0.4, closest: 0.45, centroid: 0.35, phrasing: 'When is the Harbourton library open?', rank: 2, classifierProbability: 0.2, classifierRank: 2, neighbor: 0.5 },
    ];
    const fused = fusedFor('the ferry leave', meaning);
    expect(idOf(fused[0]!.record)).toBe('ferry-times');
    expect(fused[0]!.features).toMatchObject({ agreement: true, meaning: { rank: 1 } });
    const onlyEncoder = fused.find((candidate) => idOf(candidate.record) === 'library-hours');
    expect(onlyEncoder).toMatchObject({ lexical: null, features: { lexicalScore: 0, lexicalRank: 0 } });
  });
});

describe('decide', () => {
  it('answers when one record is clearly meant', () => {
    const decision = decide(decider, read('when does the harbourton ferry leave?'), fusedFor('when does the harbourton ferry leave?'));
    expect(decision.action).toBe('answer');
    expect(answeredId(parts, decision)).toBe('ferry-times');
  });

  it('offers suggestions, not an answer, for a bare topic word', () => {
    expect(decide(decider, read('ferry?'), fusedFor('ferry?')).action).toBe('suggest');
  });

  it('decides nothing when no candidate is found', () => {
    expect(decide(decider, read('zebra giraffe'), fusedFor('zebra giraffe'))).toMatchObject({ action: 'nothing' });
  });
});

describe('replyOfDecision', () => {
  it('words an answer with its record, and suggestions with what the sources lack', () => {
    const answer = replyOfDecision(parts, decide(decider, read('how much is a ferry ticket?'), fusedFor('how much is a ferry ticket?')), 'how much is a ferry ticket?');
    expect(answer).toMatchObject({ status: 'answered', id: 'ferry-fares', question: 'how much is a ferry ticket?' });
    const records = [0, 1];
    const unstated = { kind: 'percentage', words: [], message: "The sources don't give that percentage." };
    expect(replyOfDecision(parts, { action: 'suggest', records, confidence: { scale: 'score', value: 0.4 }, unstated }, 'q?')).toMatchObject({
      status: 'suggestions',
      suggestions: records.map((record) => ({ id: idOf(record) })),
      unstated,
    });
    expect(replyOfDecision(parts, { action: 'chat', act: 'thanks' }, 'thanks')).toMatchObject({ status: 'chat', act: 'thanks' });
  });
});

describe('dialogue', () => {
  const stages = stagesOf(parts);
  const decideMessage = (message: string, previous?: string) => {
    const record = previous === undefined ? undefined : catalog.records.find((candidate) => candidate.id === previous);
    return answerMessage(stages, read(message), record ? { previous: { kind: record.kind, id: record.id, title: record.title } } : {});
  };

  it('keeps thanks silent as chat', () => {
    expect(decideMessage('thank you so much!')).toEqual({ action: 'chat', act: 'thanks' });
  });

  it('answers each of two questions in one message with its own record', () => {
    const decision = decideMessage('When does the Harbourton ferry leave? And when is the library open?');
    expect(decision.action === 'answer' && decision.answers.map(({ record }) => idOf(record))).toEqual(['ferry-times', 'library-hours']);
  });

  it('reads a short follow-up in the context of the previous answer', () => {
    expect(decideMessage('and what time?').action).toBe('suggest');
    expect(answeredId(parts, decideMessage('and what time?', 'library-hours'))).toBe('library-hours');
    expect(answeredId(parts, decideMessage('and what time?', 'ferry-times'))).toBe('ferry-times');
  });
});
