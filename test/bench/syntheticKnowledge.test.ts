import { describe, expect, it } from 'vitest';
import { assertQueriesAsLabelled, generatedQueries } from '../../bench/generatedQueries.ts';
import { assertKnowledgeAsLabelled, seededRandom, syntheticKnowledge } from '../../bench/syntheticKnowledge.ts';
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

  it('is checked against its label before the bench measures it', () => {
    const knowledge = syntheticKnowledge(base, 2_000);
    expect(() => assertKnowledgeAsLabelled(knowledge, 2_000)).not.toThrow();
    expect(() => assertKnowledgeAsLabelled(knowledge, 10_000)).toThrow(/2000 generated records, not 10000/);
    const [first, second] = knowledge.faq;
    const copied = { ...knowledge, faq: [...knowledge.faq.slice(1), { ...second!, id: first!.id }] };
    expect(() => assertKnowledgeAsLabelled(copied, 2_000)).toThrow(/phrasings repeated.*answers repeated/);
  });

  it('makes queries of three kinds as labelled, a third each, every one from a different record and none a phrasing as it stands', () => {
    const knowledge = syntheticKnowledge(base, 2_000);
    const queries = generatedQueries(knowledge, 500);
    const variety = assertQueriesAsLabelled(knowledge, queries, 500);
    expect(variety.byKind).toEqual({ typo: 167, paraphrased: 167, both: 166 });
    expect(variety.distinctRecords).toBe(500);
    expect(variety.unchanged).toBe(0);
    const byId = new Map(knowledge.faq.map((record) => [record.id, record]));
    const wordsOf = (text: string) => text.toLowerCase().replace(/\?$/, '').split(' ');
    for (const query of queries) {
      const record = byId.get(query.recordId)!;
      const phrasings = [record.question.replace(/ \d+$/, ''), ...record.alternates].map(wordsOf);
      const words = wordsOf(query.text);
      // Every word of a typo'd query but one or two is its phrasing's, in order.
      if (query.kind === 'typo') expect(phrasings.some((phrasing) => phrasing.length === words.length && phrasing.filter((word, i) => word !== words[i]).length <= 2)).toBe(true);
      // A paraphrase opens in a chat's words, none of the phrasing's openings.
      else expect(query.text).not.toMatch(/^(How does|Can we|What is the|When will the|Why does the|Is there a|Who owns the|Where is the) /);
    }
    // Words dropped and replaced by related ones: most paraphrases share fewer words with their phrasing than it has.
    const paraphrases = queries.filter((query) => query.kind !== 'typo');
    const shortened = paraphrases.filter((query) => {
      const record = byId.get(query.recordId)!;
      const words = new Set(wordsOf(query.text));
      return [record.question.replace(/ \d+$/, ''), ...record.alternates].map(wordsOf).every((phrasing) => phrasing.slice(2).some((word) => !words.has(word)));
    });
    expect(shortened.length).toBeGreaterThanOrEqual(0.9 * paraphrases.length);
    expect(variety.withRelatedWord).toBeGreaterThanOrEqual(paraphrases.length / 2);
  });

  it('refuses queries that are not what the bench says it asks', () => {
    const knowledge = syntheticKnowledge(base, 2_000);
    const queries = generatedQueries(knowledge, 300);
    expect(() => assertQueriesAsLabelled(knowledge, [...queries.slice(0, 299), queries[0]!], 300)).toThrow(/1 queries repeated; 1 records asked twice/);
    expect(() => assertQueriesAsLabelled(knowledge, queries.filter((query) => query.kind !== 'both'), 300)).toThrow(/200 queries, not 300; kinds/);
    expect(() => generatedQueries(knowledge, 2_001)).toThrow(/2001 queries need as many generated records, there are 2000/);
  });

  it('draws numbers that do not repeat within a long run', () => {
    const random = seededRandom(10_000);
    const seen = new Set(Array.from({ length: 100_000 }, random));
    expect(seen.size).toBeGreaterThan(99_900);
  });
});
