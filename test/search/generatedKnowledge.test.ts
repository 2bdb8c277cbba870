import { beforeAll, describe, expect, it } from 'vitest';
import { generatedQueries, queryKinds, type GeneratedQuery, type QueryKind } from '../../bench/generatedQueries.ts';
import { syntheticKnowledge } from '../../bench/syntheticKnowledge.ts';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { createAnswerEngine, defaultEngineTuning, type AnswerEngine } from '../../src/answer/answerEngine.ts';

// The bench's generated knowledge and queries, small enough for every test run. Ranking treats a
// word in more than 2% of the documents as common, but never one in fewer than 200: here the 2%
// holds alone, so a few hundred records are ranked the way 10,000 are.
const records = 300;
const floors: Readonly<Record<QueryKind, number>> = { typo: 0.95, paraphrased: 0.9, both: 0.88 };

let engine: AnswerEngine;
let queries: GeneratedQuery[];
beforeAll(async () => {
  const loaded = await loadKnowledge(bundledKnowledgeDir);
  if (!loaded.ok) throw new Error('the bundled knowledge must be valid');
  const knowledge = syntheticKnowledge(loaded.knowledge, records);
  engine = createAnswerEngine(knowledge, { tuning: { ...defaultEngineTuning, index: { ...defaultEngineTuning.index, minCommonDocuments: 0 } } });
  queries = generatedQueries(knowledge, records);
});

describe('generated knowledge of a few hundred records, ranked as a large one', () => {
  it.each(queryKinds)('ranks the record a %s query was made from first, at least as often as its floor', (kind) => {
    const ofKind = queries.filter((query) => query.kind === kind);
    expect(ofKind.length).toBe(records / queryKinds.length);
    const missed = ofKind.filter((query) => engine.explain(query.text).candidates[0]?.record.id !== query.recordId);
    const right = 1 - missed.length / ofKind.length;
    expect(right, missed.map((query) => query.text).join('\n')).toBeGreaterThanOrEqual(floors[kind]);
  });
});
