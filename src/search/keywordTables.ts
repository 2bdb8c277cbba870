import type { BuildSteps } from './buildSteps.ts';
import { Float64Buffer, Int32Buffer } from './flatArrays.ts';
import type { IndexDocument, KeywordIndexTuning, Token, Tokenizer } from './keywordTypes.ts';
import { inBody, inPhrasing, PostingsBuilder, type Postings } from './postings.ts';
import { createSpellingCorrector, type SpellingCorrector } from './spellingCorrector.ts';

/**
 * Everything the keyword index knows about its documents, built once and only read afterwards
 * (by `rankQuestion.ts`). Documents and words are numbered: document `d` is the `d`th document
 * given, and every stem has a number (`stemIds`). Lists per document or per word are ranges of a
 * few flat typed arrays rather than an array each (see `flatArrays.ts`): document `d`'s range of
 * an array indexed through `firstX` is `firstX[d]` up to (not including) `firstX[d + 1]`.
 */
export interface KeywordTables {
  readonly documentCount: number;
  /** Each document's id, by document number. */
  readonly ids: readonly string[];
  readonly docOfId: ReadonlyMap<string, number>;

  /** Every stem's number. */
  readonly stemIds: ReadonlyMap<string, number>;
  /**
   * The stem of each word as written, for the words the spelling corrector returns. Misspellings
   * are corrected on whole words, before stemming changes them differently ("cybersecuirty" →
   * "cybersecuirti", but "cybersecurity" → "cybersecur").
   */
  readonly stemOfWord: ReadonlyMap<string, string>;
  /** Corrects a misspelt word to the knowledge's words as written (the keys of `stemOfWord`). */
  readonly corrector: SpellingCorrector;

  /** Each stem's documents, ascending, with whether the stem is in a phrasing, the body or both. */
  readonly postings: Postings;
  /** A posting's strength by its fields (`Postings.fields`): 1 in a phrasing, `bodyWeight` in the body only. */
  readonly strengthOfFields: Float64Array;
  /** Each stem's weight, by stem number: its rarity (BM25 idf) × its topic weight. */
  readonly idfById: Float64Array;
  /** The idf of a word no document has. */
  readonly unknownWordIdf: number;
  /** A word in more documents than this does not bring documents into a ranking on its own (see `rank`). */
  readonly commonDocumentCount: number;

  /**
   * Each phrasing's distinct words, once here rather than for every question that reaches it:
   * phrasing `p`'s are `phrasingStems[phrasingStart[p]]` up to `phrasingStems[phrasingStart[p + 1]]`,
   * and document `d`'s phrasings are `firstPhrasing[d]` up to `firstPhrasing[d + 1]`.
   */
  readonly firstPhrasing: Int32Array;
  readonly phrasingStart: Int32Array;
  readonly phrasingStems: Int32Array;
  /** Each phrasing's total weight (the `idfById` of its distinct words), by phrasing number. */
  readonly phrasingTotal: Float64Array;
  /**
   * Per document, the smallest total weight of a phrasing: no phrasing can agree with a question
   * better than the question's matched words weigh against it, which bounds a document's score tightly
   * enough that most documents sharing only common words are never scored in full.
   */
  readonly lightestPhrasing: Float64Array;

  /**
   * Per document, the word pairs of its phrasings (numbers from `pairKey`), sorted: word order is
   * looked up there. Document `d`'s are `pairKeys[firstPair[d]]` up to `pairKeys[firstPair[d + 1]]`.
   */
  readonly pairKeys: Float64Array;
  readonly firstPair: Int32Array;

  /**
   * Each document's defining words: topic words in every one of its phrasings. A single phrasing
   * cannot tell what a document is about from how it was put ("the *Harbourton* library card"):
   * only documents with several have any. Document `d`'s are `definingStems[firstDefining[d]]` up
   * to `definingStems[firstDefining[d + 1]]`.
   */
  readonly definingStems: Int32Array;
  readonly firstDefining: Int32Array;
}

/** Builds the `KeywordTables` of `docs` in steps, one per document, that can pause in between (see `BuildSteps`). */
export function* keywordTablesSteps(
  docs: readonly IndexDocument[],
  tokenize: Tokenizer,
  tuning: KeywordIndexTuning,
  topicWeight: (stem: string) => number,
): BuildSteps<KeywordTables> {
  // Every stem gets a number; a word's documents are kept in ascending order with where the word
  // is, in flat arrays rather than a map per word (a tenth of the memory at 10,000 records).
  const stemIds = new Map<string, number>();
  const stemById: string[] = [];
  const postingsBuilder = new PostingsBuilder();
  const idOfStem = (stem: string): number => {
    let id = stemIds.get(stem);
    if (id === undefined) {
      id = postingsBuilder.addWord();
      stemIds.set(stem, id);
      stemById.push(stem);
    }
    return id;
  };
  const stemOfWord = new Map<string, string>();
  // Knowledge text repeats the same few thousand words: one lookup per word as written.
  const idOfWord = new Map<string, number>();
  const idOfWordToken = (token: Token): number => {
    const { word, stem } = token;
    if (word === undefined) return idOfStem(stem);
    let id = token.serial === undefined ? idOfWord.get(word) : undefined;
    if (id === undefined || stemById[id] !== stem) {
      id = idOfStem(stem);
      // A token with a serial is found by it from now on.
      if (token.serial === undefined) idOfWord.set(word, id);
      stemOfWord.set(word, stem);
    }
    return id;
  };
  /** Stem number + 1 by token serial (0: not seen yet). */
  let idOfSerial = new Int32Array(1024);
  const idOfToken = (token: Token): number => {
    const { serial } = token;
    if (serial === undefined) return idOfWordToken(token);
    if (serial >= idOfSerial.length) {
      const grown = new Int32Array(Math.max(2 * idOfSerial.length, serial + 1));
      grown.set(idOfSerial);
      idOfSerial = grown;
    }
    const known = idOfSerial[serial] as number;
    if (known > 0) return known - 1;
    const id = idOfWordToken(token);
    idOfSerial[serial] = id + 1;
    return id;
  };

  const ids: string[] = [];
  // Filled document by document, like the rest: one map of every document at once is a long pause.
  const docOfId = new Map<string, number>();
  const phrasingStemsBuffer = new Int32Buffer();
  const phrasingStartBuffer = new Int32Buffer();
  const firstPhrasing = new Int32Array(docs.length + 1);
  const pairKeysBuffer = new Float64Buffer();
  const firstPair = new Int32Array(docs.length + 1);
  const phrasingWords: number[] = [];
  for (const [doc, document] of docs.entries()) {
    if (docOfId.has(document.id)) throw new Error('keyword index: document ids must be unique');
    docOfId.set(document.id, doc);
    ids.push(document.id);
    firstPhrasing[doc] = phrasingStartBuffer.length;
    firstPair[doc] = pairKeysBuffer.length;
    for (const phrasing of document.phrasings) {
      const tokens = tokenize(phrasing);
      if (tokens.length === 0) continue;
      const distinctFrom = phrasingStemsBuffer.length;
      phrasingStartBuffer.push(distinctFrom);
      phrasingWords.length = 0;
      for (const token of tokens) {
        const id = idOfToken(token);
        phrasingWords.push(id);
        postingsBuilder.add(id, doc, inPhrasing);
        if (!phrasingStemsBuffer.includesFrom(distinctFrom, id)) phrasingStemsBuffer.push(id);
      }
      // Word order comes from the phrasings only: an answer often states both directions
      // ("Microsoft no longer pays OpenAI; OpenAI still pays Microsoft").
      forEachOrderedPair(phrasingWords, tuning.pairWindow, (left, right) => pairKeysBuffer.push(pairKey(left, right)));
    }
    pairKeysBuffer.sortAndDedupeFrom(firstPair[doc] as number);
    for (const token of tokenize(document.body)) postingsBuilder.add(idOfToken(token), doc, inBody);
    yield;
  }
  firstPhrasing[docs.length] = phrasingStartBuffer.length;
  firstPair[docs.length] = pairKeysBuffer.length;
  phrasingStartBuffer.push(phrasingStemsBuffer.length);
  const phrasingStems = phrasingStemsBuffer.toArray();
  const phrasingStart = phrasingStartBuffer.toArray();
  const pairKeys = pairKeysBuffer.toArray();
  yield;
  const postings = yield* postingsBuilder.build();
  const documentCountOf = (id: number) => (postings.start[id + 1] as number) - (postings.start[id] as number);
  const strengthOfFields = Float64Array.of(0, 1, tuning.bodyWeight, Math.max(1, tuning.bodyWeight));

  const docCount = Math.max(docs.length, 1);
  const commonDocumentCount = Math.max(tuning.minCommonDocuments, Math.ceil(docCount * tuning.commonDocumentShare));
  const idfOf = (frequency: number) => Math.log(1 + (docCount - frequency + 0.5) / (frequency + 0.5));
  const idfById = new Float64Array(stemById.length);
  for (const [stem, id] of stemIds) idfById[id] = idfOf(documentCountOf(id)) * topicWeight(stem);
  const phrasingTotal = new Float64Array(phrasingStart.length - 1);
  const lightestPhrasing = new Float64Array(docs.length);
  for (let doc = 0; doc < docs.length; doc++) {
    let lightest = Number.POSITIVE_INFINITY;
    for (let p = firstPhrasing[doc] as number; p < (firstPhrasing[doc + 1] as number); p++) {
      let total = 0;
      for (let k = phrasingStart[p] as number; k < (phrasingStart[p + 1] as number); k++) total += idfById[phrasingStems[k] as number] as number;
      phrasingTotal[p] = total;
      if (total > 0 && total < lightest) lightest = total;
    }
    lightestPhrasing[doc] = lightest;
    if ((doc & 0xff) === 0xff) yield;
  }
  yield;
  const definingBuffer = new Int32Buffer();
  const firstDefining = new Int32Array(docs.length + 1);
  for (let doc = 0; doc < docs.length; doc++) {
    firstDefining[doc] = definingBuffer.length;
    const first = firstPhrasing[doc] as number;
    const end = firstPhrasing[doc + 1] as number;
    if (end - first < 2) continue;
    for (let k = phrasingStart[first] as number; k < (phrasingStart[first + 1] as number); k++) {
      const id = phrasingStems[k] as number;
      if (topicWeight(stemById[id] as string) < tuning.definingWordWeight) continue;
      let everywhere = true;
      for (let p = first + 1; p < end && everywhere; p++) everywhere = indexOf(phrasingStems, phrasingStart[p] as number, phrasingStart[p + 1] as number, id) >= 0;
      if (everywhere) definingBuffer.push(id);
    }
    if ((doc & 0xff) === 0xff) yield;
  }
  firstDefining[docs.length] = definingBuffer.length;
  const definingStems = definingBuffer.toArray();
  yield;

  return {
    documentCount: docs.length,
    ids,
    docOfId,
    stemIds,
    stemOfWord,
    corrector: createSpellingCorrector(stemOfWord.keys(), tuning.spelling),
    postings,
    strengthOfFields,
    idfById,
    unknownWordIdf: idfOf(0),
    commonDocumentCount,
    firstPhrasing,
    phrasingStart,
    phrasingStems,
    phrasingTotal,
    lightestPhrasing,
    pairKeys,
    firstPair,
    definingStems,
    firstDefining,
  };
}

/** Calls `each` for words at most `window` apart, in order; missing words (-1) and repeats are skipped. */
export function forEachOrderedPair(words: ArrayLike<number>, window: number, each: (left: number, right: number, leftAt: number, rightAt: number) => void): void {
  for (let i = 0; i < words.length; i++) {
    const left = words[i] as number;
    if (left < 0) continue;
    for (let j = i + 1; j <= i + window && j < words.length; j++) {
      const right = words[j] as number;
      if (right >= 0 && right !== left) each(left, right, i, j);
    }
  }
}

/** One number for an ordered pair of stem numbers (exact below 2^53: stems number far fewer than 2^26). */
export function pairKey(left: number, right: number): number {
  return left * 67_108_864 + right;
}

/** Where `value` is in `values` from `start` to `end` (in any order: a phrasing's few words), or -1. */
function indexOf(values: Int32Array, start: number, end: number, value: number): number {
  for (let at = start; at < end; at++) if (values[at] === value) return at;
  return -1;
}
