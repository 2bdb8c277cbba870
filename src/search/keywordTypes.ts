import type { SpellingCorrectorTuning } from './spellingCorrector.ts';

// The keyword index's vocabulary, shared by the index (keywordIndex.ts), the tables it builds
// (keywordTables.ts) and the ranking of a question against them (rankQuestion.ts).

/** A searchable unit: the ways people phrase it, and a longer body that also describes it. */
export interface IndexDocument {
  /** Unique within the index; results name documents by it. */
  readonly id: string;
  readonly phrasings: readonly string[];
  readonly body: string;
}

export interface KeywordIndexTuning {
  /** How much a word found only in a body counts, relative to one in a phrasing. */
  readonly bodyWeight: number;
  /** How misspelt words are matched to the knowledge's words (edit distance). */
  readonly spelling: SpellingCorrectorTuning;
  /** At most this many unknown words of one question are spell-corrected. */
  readonly maxCorrectedWords: number;
  /** A word in more than this share of the documents (and more than `minCommonDocuments`) only adds to documents rarer words found. */
  readonly commonDocumentShare: number;
  readonly minCommonDocuments: number;
  /** How much an everyday word the knowledge has never seen weighs, relative to the rarest known word. */
  readonly unknownWordWeight: number;
  /** The same for an unknown word that is not everyday English either: usually a name from another topic. */
  readonly foreignWordWeight: number;
  /** Words this close together, in this order, count as a word pair for word-order agreement. */
  readonly pairWindow: number;
  /**
   * A word in every phrasing of a document (of two or more) with at least this topic weight is what
   * the document is about (its defining word: "students" in "what discount do students get?", "can
   * students…"). A question's own word no document knows counts as naming another topic from this
   * weight on too.
   */
  readonly definingWordWeight: number;
  /** Weights of query coverage, best-phrasing coverage and word-order agreement; they sum to 1. */
  readonly queryCoverageWeight: number;
  readonly phrasingCoverageWeight: number;
  readonly wordOrderWeight: number;
}


export interface ScoredDocument {
  readonly id: string;
  /** 0..1: how well the question and the document agree. */
  readonly score: number;
  /** How many of the question's words the document contains. */
  readonly matchedWords: number;
  /** Which question word (stem) matched which of the document's words, and how closely (with `withMatches`; else empty). */
  readonly matches: readonly WordMatchIn[];
  /**
   * How many of the question's words the document has as written, misspelt or as a word the
   * knowledge gives for it, not only through a sense the lexicon guessed (`WordMatch.guessed`).
   */
  readonly wordsAsWritten: number;
  /**
   * The question's own topic words that no document knows ("pensioners"), when the document misses
   * one of its defining words (see `KeywordIndexTuning.definingWordWeight`): the question names
   * something else where the document names what it is about. Empty otherwise.
   */
  readonly otherTopicWords: readonly string[];
}

export interface WordMatchIn {
  readonly stem: string;
  readonly word: string;
  readonly similarity: number;
}

export interface Token {
  /** What is indexed and matched. */
  readonly stem: string;
  /** The word as written (after normalising), for spelling correction. */
  readonly word?: string;
  /** An everyday word of the language, as opposed to a name or jargon. */
  readonly familiar: boolean;
  /**
   * Set for a word of the context around the question (who asks, why): how much a match counts
   * relative to a question word; a miss counts not at all. Context tokens come last.
   */
  readonly contextWeight?: number;
  /** Other stems the word may stand for, less surely: a concept it points at, a synonym. */
  readonly related?: readonly WordMatch[];
  /**
   * Set by a tokenizer that returns one object for every occurrence of a word: a small number
   * (0, 1, 2…) of its own per such token. Indexing then finds the token's stem number in an array
   * instead of hashing its word, once for each of millions of word occurrences.
   */
  readonly serial?: number;
}

/** Turns text into the tokens that are indexed and matched (normalised, stemmed, no stopwords). */
export type Tokenizer = (text: string) => Token[];

export interface RankOptions {
  /** Return at most this many documents (the best ones); ranking stops early once they are certain. */
  readonly limit?: number;
  /**
   * Only documents scoring within this of the best are needed in full: the best and every document
   * within this of it are returned, in order, but a document further below may be missing (one that
   * only common words would have brought). Default: all of the top `limit`.
   */
  readonly within?: number;
  /** Added to these documents' scores (by id), e.g. to favour a kind of record the wording asks for; others get nothing. */
  readonly boosts?: ReadonlyMap<string, number>;
  /** Only documents for which this is true are ranked. */
  readonly accept?: (id: string) => boolean;
  /** Work out which words matched which (`ScoredDocument.matches`); only explaining needs it. */
  readonly withMatches?: boolean;
}

export interface KeywordIndex {
  readonly size: number;
  /** Ranks by the question's tokens (from the same tokenizer the documents were indexed with). */
  rank(questionTokens: readonly Token[], options?: RankOptions): ScoredDocument[];
  /** The question's words that no document knows, even as a synonym, concept or misspelling. */
  unknownWords(questionTokens: readonly Token[]): Token[];
}

export interface WordMatch {
  readonly word: string;
  /** 1 for the word itself, less for a misspelling, concept or synonym. */
  readonly similarity: number;
  /** Set for a sense a general lexicon guessed ("weather" → "conditions"), not the knowledge's own word for it. */
  readonly guessed?: true;
}
