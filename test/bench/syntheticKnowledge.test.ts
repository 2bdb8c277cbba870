import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticKnowledge } from '../../bench/syntheticKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';

const base: Knowledge = {
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

  it('draws numbers that do not repeat within a long run', () => {
    const random = seededRandom(10_000);
    const seen = new Set(Array.from({ length: 100_000 }, random));
    expect(seen.size).toBeGreaterThan(99_900);
  });
});
