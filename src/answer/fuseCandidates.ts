import type { MeaningMatch } from '../meaning/phrasingIndex.ts';
import type { LexicalCandidate } from './lexicalCandidates.ts';
import type { Reading } from './readQuestion.ts';
import type { RecordCatalog } from './recordCatalog.ts';
import { firstUnmet, type AskedRequirement } from './rules/ruleSet.ts';

/** What the sentence encoder says of a record, when it was asked. */
export interface MeaningFeatures {
  /** What records are ranked by: the mean of `closest` and `centroid`. */
  readonly similarity: number;
  /** Cosine of the question and the record's closest phrasing. */
  readonly closest: number;
  /** Cosine of the question and the mean of the record's phrasings. */
  readonly centroid: number;
  /** 1 for the record closest to the question among all records. */
  readonly rank: number;
  /** `similarity` minus the best other record's similarity (negative when another is closer). */
  readonly margin: number;
  /** The record classifier's probability that the question is this record's (0 without a classifier). */
  readonly classifierProbability: number;
  /** 1 for the classifier's most likely record; 0 without a classifier. */
  readonly classifierRank: number;
  /** Cosine of the record's centroid and the closest other record's: how easily it is confused. */
  readonly neighbor: number;
}

/** What both signals say about one record, for a decision policy to weigh. */
export interface CandidateFeatures {
  /** The lexical ranker's score, 0 when it did not find the record. */
  readonly lexicalScore: number;
  /** 1 for the lexical ranker's best; 0 when it did not find the record. */
  readonly lexicalRank: number;
  /** `lexicalScore` minus the best other record's (negative when another scores higher). */
  readonly lexicalMargin: number;
  /** How many of the question's words the record contains. */
  readonly matchedWords: number;
  /** How many of them it contains not only through a lexicon's guess at a word's sense ("weather" → "conditions"). */
  readonly wordsAsWritten: number;
  /** Null when the encoder was not asked (turned off, not ready, a part of a message). */
  readonly meaning: MeaningFeatures | null;
  /** Both signals put this record first. */
  readonly agreement: boolean;
  /** The record states everything the question asks for (`Reading.asked`). */
  readonly statesAsked: boolean;
}

/** One record of the fused list. */
export interface FusedCandidate {
  readonly record: number;
  readonly features: CandidateFeatures;
  /** What the lexical ranker found (the words matched); null when only the encoder found the record. */
  readonly lexical: LexicalCandidate | null;
  /** The first requirement of the question the record does not state; null when it states them all. */
  readonly unmet: AskedRequirement | null;
}

/**
 * The fuse stage: one list of the records either signal found, the lexical candidates first in their
 * order, then the encoder's closest `meaningLimit` others and its classifier's likeliest
 * `meaningLimit`, each described by both. `meaning` is the
 * encoder's answer (`MeaningSearch.nearest`, with every lexical candidate among `also`); records it
 * names that the catalog lacks (an index of other knowledge, mid-reload) are left out.
 */
export function fuseCandidates(
  catalog: RecordCatalog,
  reading: Pick<Reading, 'asked'>,
  lexical: readonly LexicalCandidate[],
  meaning: readonly MeaningMatch[] | null,
  meaningLimit: number,
): FusedCandidate[] {
  const meaningOf = new Map<number, MeaningMatch>();
  const meaningOrder: number[] = [];
  for (const match of meaning ?? []) {
    const record = catalog.numberOf(match.key);
    if (record === undefined || meaningOf.has(record)) continue;
    meaningOf.set(record, match);
    meaningOrder.push(record);
  }
  meaningOrder.sort((a, b) => meaningOf.get(a)!.rank - meaningOf.get(b)!.rank);
  const lexicalFirst = lexical[0]?.record;
  const meaningFirst = meaningOrder[0];
  const [bestScore, secondScore] = [lexical[0]?.score ?? 0, lexical[1]?.score ?? 0];
  const bestSimilarity = (record: number) => {
    for (const other of meaningOrder) if (other !== record) return meaningOf.get(other)!.similarity;
    return 0;
  };

  const candidate = (record: number, found: LexicalCandidate | null, at: number): FusedCandidate => {
    const match = meaningOf.get(record);
    const unmet = firstUnmet(reading.asked, catalog.flags[record] ?? 0);
    const score = found?.score ?? 0;
    return {
      record,
      lexical: found,
      unmet,
      features: {
        lexicalScore: score,
        lexicalRank: found ? at + 1 : 0,
        lexicalMargin: score - (at === 0 ? secondScore : bestScore),
        matchedWords: found?.matchedWords ?? 0,
        wordsAsWritten: found?.wordsAsWritten ?? 0,
        meaning: match
          ? {
              similarity: match.similarity,
              closest: match.closest,
              centroid: match.centroid,
              rank: match.rank,
              margin: match.similarity - bestSimilarity(record),
              classifierProbability: match.classifierProbability,
              classifierRank: match.classifierRank,
              neighbor: match.neighbor,
            }
          : null,
        agreement: meaningFirst !== undefined && record === lexicalFirst && record === meaningFirst,
        statesAsked: unmet === null,
      },
    };
  };

  const fused = lexical.map((found, at) => candidate(found.record, found, at));
  const seen = new Set(lexical.map((found) => found.record));
  const listed = (match: MeaningMatch) => match.rank <= meaningLimit || (match.classifierRank > 0 && match.classifierRank <= meaningLimit);
  for (const record of meaningOrder) if (!seen.has(record) && listed(meaningOf.get(record)!)) fused.push(candidate(record, null, -1));
  return fused;
}
