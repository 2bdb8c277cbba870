import { describe, expect, it } from 'vitest';
import { generatedQueries, seededRandom, syntheticKnowledge } from '../../bench/syntheticKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';

const base: Knowledge = {
  about: { topic: null, example: 'A question?' },
  sources: [{ id: 'article', title: 'An article' }],
  faq: [],
  terms: [],
  table: { id: 'table', title: 'T', columns: ['a', 'b'], rows: [{ feature: 'f', aliases: [], cells: ['c'] }], triggers: ['t'], sources: ['article'] },
  synonyms: {},
  concepts: {},
};

describe('generated benchmark knowledge', () => {
  it('is as large and as varied as its label says: 10,000 records, each its own', () => {
    const { faq } = syntheticKnowledge(base, 10_000);
    expect(faq).toHaveLength(10_000);
    // The question ends in its number; without it, the text itself must differ.
    const questions = new Set(faq.map((record) => record.question.replace(/ \d+$/, '')));
    const alternates = new Set(faq.flatMap((record) => record.alternates));
    const answers = new Set(faq.map((record) => record.answer));
    expect(questions.size).toBeGreaterThanOrEqual(9_900);
    expect(alternates.size).toBeGreaterThanOrEqual(29_700);
    expect(answers.size).toBe(10_000);
  });

  it('claims no phrasing twice, so it also loads as knowledge files', () => {
    const { faq } = syntheticKnowledge(base, 10_000);
    const phrasings = faq.flatMap((record) => [record.question, ...record.alternates].map((text) => text.toLowerCase()));
    expect(new Set(phrasings).size).toBe(phrasings.length);
  });

  it('makes queries from generated records as labelled: words dropped, one misspelt, never the phrasing itself', () => {
    const knowledge = syntheticKnowledge(base, 2_000);
    const queries = generatedQueries(knowledge, 500);
    expect(queries).toHaveLength(500);
    expect(new Set(queries.map((query) => query.recordId)).size).toBeGreaterThan(400);
    const phrasings = new Set(knowledge.faq.flatMap((record) => record.alternates.map((text) => text.replace(/\?$/, ''))));
    const misspelt = queries.filter((query) => !phrasings.has(query.text));
    expect(misspelt.length).toBeGreaterThanOrEqual(495);
  });

  it('draws numbers that do not repeat within a long run', () => {
    const random = seededRandom(10_000);
    const seen = new Set(Array.from({ length: 100_000 }, random));
    expect(seen.size).toBeGreaterThan(99_900);
  });
});
