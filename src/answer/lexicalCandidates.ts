import type { RecordKind } from '../reply/replyModel.ts';
import type { KeywordIndex, Token, WordMatchIn } from '../search/keywordIndex.ts';
import type { Reading } from './readQuestion.ts';
import type { RecordCatalog } from './recordCatalog.ts';
import type { Wording } from './wording.ts';

/** A record the lexical ranker found for a question, best first. */
export interface LexicalCandidate {
  readonly record: number;
  /** 0..1 (and the wording's boosts): how well the question's words and the record's agree. */
  readonly score: number;
  /** How many of the question's words the record contains. */
  readonly matchedWords: number;
  /** How many of them it contains as written (or misspelt, or as the knowledge's own word for them), not only through a lexicon's guess at their sense. */
  readonly wordsAsWritten: number;
  /** The question's topic words no record knows, when the record misses a word it is about: the question asks about those instead. */
  readonly otherTopicWords: readonly string[];
  /** Question words (stems) and the record's words they matched, when asked for (`withMatches`). */
  readonly matches: readonly WordMatchIn[];
}

export interface LexicalRankOptions {
  /** Only records of this kind. */
  readonly kind?: RecordKind;
  /** Work out which words matched which (for explaining). */
  readonly withMatches?: boolean;
}

/** The lexical stage: ranks records by the words of a reading. */
export interface LexicalRanker {
  rank(reading: Pick<Reading, 'tokens' | 'wording'>, options?: LexicalRankOptions): LexicalCandidate[];
  /** The words no record knows, even as a synonym, concept or misspelling. */
  unknownWords(tokens: readonly Token[]): Token[];
}

export interface LexicalRankerParts {
  readonly index: KeywordIndex;
  readonly catalog: RecordCatalog;
  /** Added to records' scores by what the wording asks for (a glossary term, the table). */
  readonly boostsFor: (wording: Wording) => ReadonlyMap<string, number>;
  /** Enough candidates for the best, the runner-up and every suggestion. */
  readonly limit: number;
  /** Records further below the best than any suggestion may be left unranked. */
  readonly within: number;
}

export function createLexicalRanker({ index, catalog, boostsFor, limit, within }: LexicalRankerParts): LexicalRanker {
  return {
    rank(reading, { kind, withMatches = false } = {}) {
      const accept = kind ? (key: string) => catalog.records[catalog.numberOf(key) ?? -1]?.kind === kind : undefined;
      return index
        .rank(reading.tokens, { limit, within, boosts: boostsFor(reading.wording), withMatches, ...(accept ? { accept } : {}) })
        .map(({ id, score, matchedWords, wordsAsWritten, otherTopicWords, matches }) => ({ record: catalog.numberOf(id)!, score, matchedWords, wordsAsWritten, otherTopicWords, matches }));
    },
    unknownWords: (tokens) => index.unknownWords(tokens),
  };
}
