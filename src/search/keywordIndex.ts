import { runToEnd, type BuildSteps } from './buildSteps.ts';
import { keywordTablesSteps } from './keywordTables.ts';
import type { IndexDocument, KeywordIndex, KeywordIndexTuning, Tokenizer } from './keywordTypes.ts';
import { createQuestionRanker } from './rankQuestion.ts';
import { defaultSpellingTuning } from './spellingCorrector.ts';

export type { IndexDocument, KeywordIndex, KeywordIndexTuning, RankOptions, ScoredDocument, Token, Tokenizer, WordMatch, WordMatchIn } from './keywordTypes.ts';

export const defaultKeywordIndexTuning: KeywordIndexTuning = {
  bodyWeight: 0.6,
  spelling: defaultSpellingTuning,
  maxCorrectedWords: 8,
  commonDocumentShare: 0.02,
  minCommonDocuments: 200,
  unknownWordWeight: 0.6,
  foreignWordWeight: 1.5,
  definingWordWeight: 0.6,
  pairWindow: 3,
  queryCoverageWeight: 0.45,
  phrasingCoverageWeight: 0.3,
  wordOrderWeight: 0.25,
};

/**
 * Ranks documents by how much of the question they cover and how much of their closest
 * phrasing the question covers, weighting words by rarity (BM25 idf). Exact words are looked up
 * in an inverted index; only unknown words are spell-corrected, against the vocabulary rather than
 * every document, which keeps a query fast at any knowledge size.
 */
export function createKeywordIndex(
  docs: readonly IndexDocument[],
  tokenize: Tokenizer,
  tuning: KeywordIndexTuning = defaultKeywordIndexTuning,
  /** How much a word can say about a topic at all, 0..1, whatever its rarity here ("say" little, "datacenter" all). */
  topicWeight: (stem: string) => number = () => 1,
): KeywordIndex {
  return runToEnd(keywordIndexSteps(docs, tokenize, tuning, topicWeight));
}

/**
 * `createKeywordIndex` as steps, one per document, that can pause in between (see `BuildSteps`):
 * the tables are built first (`keywordTables.ts`), then questions are ranked against them
 * (`rankQuestion.ts`).
 */
export function* keywordIndexSteps(
  docs: readonly IndexDocument[],
  tokenize: Tokenizer,
  tuning: KeywordIndexTuning = defaultKeywordIndexTuning,
  topicWeight: (stem: string) => number = () => 1,
): BuildSteps<KeywordIndex> {
  const tables = yield* keywordTablesSteps(docs, tokenize, tuning, topicWeight);
  const { rank, unknownWords } = createQuestionRanker(tables, tuning, topicWeight);
  return { size: tables.documentCount, rank, unknownWords };
}
