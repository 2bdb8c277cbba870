import { runToEnd, type BuildSteps } from './buildSteps.ts';
import { CandidateQueue } from './candidateQueue.ts';
import { Float64Buffer, Int32Buffer } from './flatArrays.ts';
import { ReachedDocuments } from './reachedDocuments.ts';
import { inBody, inPhrasing, PostingsBuilder } from './postings.ts';
import { byCodeUnits, createSpellingCorrector, defaultSpellingTuning, type SpellingCorrectorTuning } from './spellingCorrector.ts';

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

const stemsOf = (tokens: readonly Token[]) => tokens.map((token) => token.stem);

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

/** `createKeywordIndex` as steps, one per document, that can pause in between (see `BuildSteps`). */
export function* keywordIndexSteps(
  docs: readonly IndexDocument[],
  tokenize: Tokenizer,
  tuning: KeywordIndexTuning = defaultKeywordIndexTuning,
  topicWeight: (stem: string) => number = () => 1,
): BuildSteps<KeywordIndex> {
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
  // Misspellings are corrected on whole words, before stemming changes them differently
  // ("cybersecuirty" → "cybersecuirti", but "cybersecurity" → "cybersecur").
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
  // Each phrasing's distinct words, once here rather than for every question that reaches it:
  // phrasing `p`'s are `phrasingStems[phrasingStart[p]]` up to `phrasingStems[phrasingStart[p + 1]]`,
  // and document `d`'s phrasings are `firstPhrasing[d]` up to `firstPhrasing[d + 1]`.
  const phrasingStemsBuffer = new Int32Buffer();
  const phrasingStartBuffer = new Int32Buffer();
  const firstPhrasing = new Int32Array(docs.length + 1);
  // Per document, the word pairs of its phrasings (numbers from `pairKey`), sorted: word order is
  // looked up there. Document `d`'s are `pairKeys[firstPair[d]]` up to `pairKeys[firstPair[d + 1]]`.
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
  /** A posting's strength by where the word is: 1 in a phrasing, `bodyWeight` in the body only. */
  const strengthOfFields = Float64Array.of(0, 1, tuning.bodyWeight, Math.max(1, tuning.bodyWeight));
  /** How strongly document `doc` has word `id`; undefined when it lacks it. */
  const strengthIn = (id: number, doc: number): number | undefined => {
    const at = indexOfSorted(postings.docs, postings.start[id] as number, postings.start[id + 1] as number, doc);
    return at < 0 ? undefined : strengthOfFields[postings.fields[at] as number];
  };

  const docCount = Math.max(docs.length, 1);
  /** A word in more documents than this does not bring documents into a ranking on its own (see `rank`). */
  const commonDocumentCount = Math.max(tuning.minCommonDocuments, Math.ceil(docCount * tuning.commonDocumentShare));
  const idfOf = (frequency: number) => Math.log(1 + (docCount - frequency + 0.5) / (frequency + 0.5));
  const idfById = new Float64Array(stemById.length);
  for (const [stem, id] of stemIds) idfById[id] = idfOf(documentCountOf(id)) * topicWeight(stem);
  const idfOfStem = (stem: string): number | undefined => {
    const id = stemIds.get(stem);
    return id === undefined ? undefined : idfById[id];
  };
  const unknownWordIdf = idfOf(0);
  // Each phrasing's total weight, once here rather than for every question that reaches it.
  const phrasingTotal = new Float64Array(phrasingStart.length - 1);
  // Per document, the smallest total weight of a phrasing: no phrasing can agree with a question
  // better than the question's matched words weigh against it, which bounds a document's score tightly
  // enough that most documents sharing only common words are never scored in full.
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
  const phrasings: PhrasingTable = { firstPhrasing, phrasingStart, phrasingStems, phrasingTotal, idfById };
  yield;
  // Each document's defining words: topic words in every one of its phrasings. A single phrasing
  // cannot tell what a document is about from how it was put ("the *Harbourton* library card"):
  // only documents with several have any. Document `d`'s are `definingStems[firstDefining[d]]` up
  // to `definingStems[firstDefining[d + 1]]`.
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

  const corrector = createSpellingCorrector(stemOfWord.keys(), tuning.spelling);

  /** The knowledge words `token` stands for; `mayCorrect` says whether spelling correction is still allowed for this question. */
  const matchWord = (token: Token, mayCorrect: boolean): WordMatch[] => {
    if (stemIds.has(token.stem)) return [{ word: token.stem, similarity: 1 }];
    const hits = (token.related ?? []).filter((related) => stemIds.has(related.word));
    // An everyday word is not a misspelling of a knowledge word: "cheaper" is not "chapter".
    if (mayCorrect && !token.familiar && token.word) {
      for (const { word, similarity } of corrector.correct(token.word)) {
        const stem = stemOfWord.get(word);
        if (stem) hits.push({ word: stem, similarity });
      }
    }
    const best = new Map<string, WordMatch>();
    for (const hit of hits) {
      const known = best.get(hit.word);
      // Guessed only when every way to the word is a guess.
      const guessed = hit.guessed === true && (known === undefined || known.guessed === true);
      best.set(hit.word, { word: hit.word, similarity: Math.max(known?.similarity ?? 0, hit.similarity), ...(guessed ? { guessed } : {}) });
    }
    return [...best.values()]
      .sort((a, b) => b.similarity - a.similarity || byCodeUnits(a.word, b.word))
      .slice(0, 3);
  };

  // Reused by every question (one at a time: ranking never waits on anything).
  const reached = new ReachedDocuments(docs.length);
  const queue = new CandidateQueue();
  /** Each document's boost for the current question; the documents given one, to clear them for the next. */
  const boostOfDoc = new Float64Array(docs.length);
  const boostedDocs: number[] = [];

  return {
    size: docs.length,
    unknownWords: (questionTokens) => questionTokens.filter((token) => matchWord(token, true).length === 0),
    rank(allQuestionTokens, options = {}) {
      const questionTokens = uniqueByStem(allQuestionTokens);
      if (questionTokens.length === 0) return [];
      const tokens = stemsOf(questionTokens);
      // Spelling correction is the costly part: only the first few unknown words of a question get it,
      // so a long message of gibberish costs no more than a short one.
      let corrections = 0;
      const matches = questionTokens.map((token) => {
        const unknown = !stemIds.has(token.stem) && !token.familiar;
        const found = matchWord(token, !unknown || corrections < tuning.maxCorrectedWords);
        if (unknown) corrections++;
        return found;
      });
      const weights = matches.map((found, i) => {
        const token = questionTokens[i] as Token;
        const known = found[0];
        if (known) return (idfOfStem(known.word) ?? unknownWordIdf) * (token.contextWeight ?? 1);
        // Words the knowledge lacks in the context around a question ("I run a fintech…") cost
        // nothing: they would only dilute what the question itself matches.
        if (token.contextWeight !== undefined) return 0;
        // Short unknown words are as often chat slang or typos ("wen", "pls") as names.
        const foreign = !token.familiar && token.stem.length >= tuning.spelling.minLength;
        return unknownWordIdf * (foreign ? tuning.foreignWordWeight : tuning.unknownWordWeight * topicWeight(token.stem));
      });
      const totalWeight = weights.reduce((sum, w) => sum + w, 0);
      // Per document, per query word: the best similarity × field strength. Documents are found
      // through the question's rarer words; a word in a large share of the documents ("cloud" in a
      // big knowledge base) only adds to documents found that way, as long as no document it alone
      // would bring could rank among those returned (see `unreachedBound`). In a small knowledge
      // base every word is rare enough, so nothing changes there.
      // The documents the question reaches, each with its row of per-word match strengths in one
      // flat buffer reused from question to question (a map of arrays costs more than the scoring at 10,000 records).
      const width = tokens.length;
      reached.begin(width);
      // By stem number: how closely the question matched the word, and the weight of the query word it stands in for.
      const similarityOfWord = new Map<number, number>();
      const queryWeightOf = new Map<number, number>();
      const wordMatches: WordMatchAt[] = [];
      matches.forEach((found, i) => {
        for (const { word, similarity } of found) {
          const id = stemIds.get(word) as number;
          similarityOfWord.set(id, Math.max(similarityOfWord.get(id) ?? 0, similarity));
          queryWeightOf.set(id, Math.max(queryWeightOf.get(id) ?? 0, weights[i] ?? 0));
          wordMatches.push({ i, id, similarity });
        }
      });
      // Rarest first: the words that find documents are the first few of these, the rest are common.
      wordMatches.sort((a, b) => documentCountOf(a.id) - documentCountOf(b.id));
      // When every word is common, the rarest of them finds the documents.
      let finding = 0;
      while (finding < wordMatches.length && (finding === 0 || documentCountOf((wordMatches[finding] as WordMatchAt).id) <= commonDocumentCount)) finding++;

      /** Reaches the documents that have the word, filling in how closely each matched it. */
      const reachThrough = ({ i, id, similarity }: WordMatchAt) => {
        for (let k = postings.start[id] as number; k < (postings.start[id + 1] as number); k++) {
          const at = reached.rowOf(postings.docs[k] as number) + i;
          const { values } = reached;
          values[at] = Math.max(values[at] as number, similarity * (strengthOfFields[postings.fields[k] as number] as number));
        }
      };
      /** Fills in a common word for the documents reached from slot `fromSlot` on. */
      const addCommon = ({ i, id, similarity }: WordMatchAt, fromSlot: number) => {
        const { values, docs: coveredDocs, count: coveredCount } = reached;
        const from = postings.start[id] as number;
        const to = postings.start[id + 1] as number;
        // Whichever costs less: going through the word's documents for those reached, or looking
        // each reached document up among the word's (a binary search's steps jump about memory: ~4× a step of the pass).
        if (to - from < 4 * (coveredCount - fromSlot) * Math.log2(to - from + 1)) {
          for (let k = from; k < to; k++) {
            const slot = reached.slotOf(postings.docs[k] as number);
            if (slot < fromSlot) continue;
            const at = slot * width + i;
            values[at] = Math.max(values[at] as number, similarity * (strengthOfFields[postings.fields[k] as number] as number));
          }
          return;
        }
        for (let slot = fromSlot; slot < coveredCount; slot++) {
          const strength = strengthIn(id, coveredDocs[slot] as number);
          const at = slot * width + i;
          if (strength !== undefined) values[at] = Math.max(values[at] as number, similarity * strength);
        }
      };

      const { limit = Number.POSITIVE_INFINITY, within = Number.POSITIVE_INFINITY, boosts, accept, withMatches = false } = options;
      for (const doc of boostedDocs) boostOfDoc[doc] = 0;
      boostedDocs.length = 0;
      for (const [id, boost] of boosts ?? []) {
        const doc = docOfId.get(id);
        if (doc === undefined) continue;
        boostOfDoc[doc] = boost;
        boostedDocs.push(doc);
      }
      const boost = (doc: number) => boostOfDoc[doc] as number;
      const idOf = (doc: number) => ids[doc] as string;

      for (let m = 0; m < finding; m++) reachThrough(wordMatches[m] as WordMatchAt);
      // The few documents a boost favours are reached by any word they have: the bound on the
      // documents common words alone bring leaves boosts out.
      for (const doc of boostedDocs) {
        if (boost(doc) <= 0 || reached.slotOf(doc) >= 0) continue;
        for (let m = finding; m < wordMatches.length; m++) {
          if (strengthIn((wordMatches[m] as WordMatchAt).id, doc) === undefined) continue;
          reached.rowOf(doc);
          break;
        }
      }
      for (let m = finding; m < wordMatches.length; m++) addCommon(wordMatches[m] as WordMatchAt, 0);

      // The most each query word can add to a phrasing's agreement: every knowledge word it stands for,
      // in full, to the phrasing's matched weight (recall) and to the question's (precision). A word
      // that stands for the very words an earlier one does ("acocunt" after "account") adds nothing.
      const seenWordSets = new Set<string>();
      const recallWeightBound: number[] = [];
      const precisionWeightBound: number[] = [];
      for (const found of matches) {
        const words = found.map(({ word }) => word).sort().join(' ');
        const repeated = words !== '' && seenWordSets.has(words);
        seenWordSets.add(words);
        let recall = 0;
        let precision = 0;
        if (!repeated) {
          for (const { word } of found) {
            const id = stemIds.get(word) as number;
            recall += idfById[id] ?? 0;
            precision += queryWeightOf.get(id) ?? 0;
          }
        }
        recallWeightBound.push(recall);
        precisionWeightBound.push(precision);
      }

      // Pairs over every word of the question itself (not its context): a word the knowledge
      // lacks breaks the pairs it is in.
      const inQuestion = questionTokens.filter((token) => token.contextWeight === undefined).length;
      // With the positions of their two words: a document lacking either word cannot have the pair.
      const queryPairs: QueryPair[] = [];
      const pairWords = matches.slice(0, inQuestion).map((found) => (found[0] ? (stemIds.get(found[0].word) as number) : -1));
      forEachOrderedPair(pairWords, tuning.pairWindow, (left, right, leftAt, rightAt) =>
        queryPairs.push({ key: pairKey(left, right), leftAt, rightAt, knownByRow: (matches[leftAt]?.[0]?.similarity ?? 0) > 0 && (matches[rightAt]?.[0]?.similarity ?? 0) > 0 }),
      );
      const possiblePairs = countPairs(inQuestion, tuning.pairWindow);

      /**
       * The most a document not reached yet can score: it has none of the words that found
       * documents, so at best every other word in full, a phrasing made of them alone (recall 1)
       * and every pair of them in order. Boosted documents are reached by any word they have.
       */
      const unreachedBound = (): number => {
        const common = new Set<number>();
        const best = new Float64Array(width);
        for (let m = finding; m < wordMatches.length; m++) {
          const { i, id, similarity } = wordMatches[m] as WordMatchAt;
          common.add(id);
          best[i] = Math.max(best[i] as number, similarity * (strengthOfFields[inPhrasing | inBody] as number));
        }
        let coverage = 0;
        for (let i = 0; i < width; i++) coverage += (best[i] as number) * (weights[i] ?? 0);
        let precision = 0;
        for (const id of common) precision += (queryWeightOf.get(id) ?? 0) * (similarityOfWord.get(id) ?? 0);
        precision = Math.min(1, precision / totalWeight);
        let pairs = 0;
        for (const { leftAt, rightAt } of queryPairs) if (common.has(pairWords[leftAt] as number) && common.has(pairWords[rightAt] as number)) pairs++;
        return (
          (tuning.queryCoverageWeight * coverage) / totalWeight +
          tuning.phrasingCoverageWeight * ((2 * precision) / (1 + precision)) +
          (possiblePairs === 0 ? 0 : (tuning.wordOrderWeight * pairs) / possiblePairs)
        );
      };

      /**
       * The best `limit` of `ranked` and the documents reached from slot `fromSlot` on. A document's
       * row is complete once it is reached, so the best of those reached before stay the best of them.
       */
      const rankReached = (fromSlot: number, ranked: RankedDocument[]): RankedDocument[] => {
        const { values, docs: coveredDocs, count: coveredCount } = reached;
        // Query coverage is cheap and bounds the other two parts: a phrasing cannot cover more of the
        // question than the whole document does, and only pairs of covered words can agree in order.
        // Scoring candidates by that upper bound lets the loop stop once no remaining one can reach
        // the top `limit`.
        queue.reset(coveredCount - fromSlot);
        for (let slot = fromSlot; slot < coveredCount; slot++) {
          const doc = coveredDocs[slot] as number;
          if (accept && !accept(idOf(doc))) continue;
          const offset = slot * width;
          let coverage = 0;
          let recallWeight = 0;
          let precisionWeight = 0;
          for (let i = 0; i < width; i++) {
            const value = values[offset + i] as number;
            coverage += value * (weights[i] ?? 0);
            if (value) {
              recallWeight += recallWeightBound[i] ?? 0;
              precisionWeight += precisionWeightBound[i] ?? 0;
            }
          }
          const queryCoverage = coverage / totalWeight;
          const recallBound = Math.min(1, recallWeight / (lightestPhrasing[doc] as number));
          const precisionBound = Math.min(1, precisionWeight / totalWeight);
          const phrasingBound = recallBound + precisionBound > 0 ? (2 * recallBound * precisionBound) / (recallBound + precisionBound) : 0;
          // Word order is bounded by the pairs of words the document has at all; it is looked up in
          // the document's pairs only when the document comes near the top (a search per pair is
          // most of the cost of a question that reaches tens of thousands of documents).
          const orderAgreement = possiblePairs === 0 ? 0 : pairsWithBothWords(queryPairs, values, offset) / possiblePairs;
          const bound =
            tuning.queryCoverageWeight * queryCoverage +
            tuning.phrasingCoverageWeight * phrasingBound +
            tuning.wordOrderWeight * orderAgreement +
            boost(doc);
          queue.add(doc, slot, queryCoverage, phrasingBound, orderAgreement, bound);
        }
        // Taken best bound first from a heap: ranking usually stops after a few, so sorting them all would be wasted.
        queue.heapify();

        for (let next = queue.pop(); next >= 0; next = queue.pop()) {
          const doc = queue.docs[next] as number;
          const offset = (queue.slots[next] as number) * width;
          const queryCoverage = queue.queryCoverages[next] as number;
          const bound = queue.bounds[next] as number;
          const worstKept = ranked.length >= limit ? ranked[ranked.length - 1] : undefined;
          if (worstKept && bound < worstKept.score) break;
          if (!queue.orderKnown[next]) {
            const possible = queue.orderAgreements[next] as number;
            const found = possible === 0 ? 0 : orderedPairsIn(pairKeys, firstPair[doc] as number, firstPair[doc + 1] as number, queryPairs, values, offset) / possiblePairs;
            const boundWithOrder =
              tuning.queryCoverageWeight * queryCoverage +
              tuning.phrasingCoverageWeight * (queue.phrasingBounds[next] as number) +
              tuning.wordOrderWeight * found +
              boost(doc);
            queue.putBackWithOrder(next, found, boundWithOrder);
            continue;
          }
          const orderAgreement = queue.orderAgreements[next] as number;
          const phrasingCoverage = bestPhrasingAgreement(phrasings, doc, similarityOfWord, queryWeightOf, totalWeight);
          const score =
            tuning.queryCoverageWeight * queryCoverage +
            tuning.phrasingCoverageWeight * phrasingCoverage +
            tuning.wordOrderWeight * orderAgreement +
            boost(doc);
          let matchedWords = 0;
          for (let i = 0; i < width; i++) if ((values[offset + i] as number) > 0) matchedWords++;
          insertRanked(ranked, { doc, score, matchedWords }, limit);
        }
        return ranked;
      };

      let best = rankReached(0, []);
      // A common word finds documents too when a document only it and the other common words would
      // bring could still rank among those returned: a question whose rare words are not those of
      // the record it was made from ("is it true that…" where the knowledge says "true" once) still
      // reaches that record.
      while (finding < wordMatches.length) {
        const worstKept = best.length >= limit ? best[best.length - 1] : undefined;
        const needed = Math.max(worstKept?.score ?? Number.NEGATIVE_INFINITY, (best[0]?.score ?? Number.NEGATIVE_INFINITY) - within);
        if (unreachedBound() < needed) break;
        const fromSlot = reached.count;
        const word = wordMatches[finding++] as WordMatchAt;
        reachThrough(word);
        for (let m = finding; m < wordMatches.length; m++) addCommon(wordMatches[m] as WordMatchAt, fromSlot);
        best = rankReached(fromSlot, best);
      }
      // The question's own words no document knows, that name a topic: what it may ask about instead.
      const unknownTopicWords = questionTokens.flatMap((token, i) =>
        token.contextWeight === undefined && (matches[i]?.length ?? 0) === 0 && topicWeight(token.stem) >= tuning.definingWordWeight ? [token.word ?? token.stem] : [],
      );
      const missesDefiningWord = (doc: number) => {
        for (let k = firstDefining[doc] as number; k < (firstDefining[doc + 1] as number); k++) if (!similarityOfWord.has(definingStems[k] as number)) return true;
        return false;
      };
      const wordsAsWrittenIn = (doc: number) =>
        matches.filter((found) => found.some(({ word, guessed }) => guessed !== true && strengthIn(stemIds.get(word) as number, doc) !== undefined)).length;
      // Which words matched is worked out for the few documents returned only.
      return best.map(({ doc, score, matchedWords }) => ({
        id: idOf(doc),
        score,
        matchedWords,
        wordsAsWritten: wordsAsWrittenIn(doc),
        otherTopicWords: unknownTopicWords.length > 0 && missesDefiningWord(doc) ? unknownTopicWords : [],
        matches: withMatches
          ? matches.flatMap((found, i) => {
              const hit = found.find(({ word }) => strengthIn(stemIds.get(word) as number, doc) !== undefined);
              return hit ? [{ stem: tokens[i] as string, word: hit.word, similarity: hit.similarity }] : [];
            })
          : [],
      }));
    },
  };
}

/** A knowledge word the question matched: which question word it stands for, and how closely. */
interface WordMatchAt {
  readonly i: number;
  readonly id: number;
  readonly similarity: number;
}

/** A document while ranking: by its position, which also breaks ties. */
interface RankedDocument {
  readonly doc: number;
  readonly score: number;
  readonly matchedWords: number;
}

/** Keeps `ranked` sorted best first (ties by document order) and no longer than `limit`. */
function insertRanked(ranked: RankedDocument[], entry: RankedDocument, limit: number): void {
  let at = ranked.length;
  while (at > 0) {
    const previous = ranked[at - 1] as RankedDocument;
    if (previous.score > entry.score || (previous.score === entry.score && previous.doc < entry.doc)) break;
    at--;
  }
  ranked.splice(at, 0, entry);
  if (ranked.length > limit) ranked.pop();
}

function uniqueByStem(tokens: readonly Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((token) => !seen.has(token.stem) && seen.add(token.stem));
}

/** A word pair of the question: its key (`pairKey`) and where its two words are in the question. */
interface QueryPair {
  readonly key: number;
  readonly leftAt: number;
  readonly rightAt: number;
  /** Whether a document with these words in a phrasing shows them in its row (it does unless a similarity is 0). */
  readonly knownByRow: boolean;
}

/**
 * How many of the question's word pairs a document's phrasings have (its pairs: `pairKeys` from
 * `start` to `end`), in that order. Its row of word matches (`values` from `offset`) says which
 * question words it has at all: a pair with a word it lacks is not looked for.
 */
function orderedPairsIn(pairKeys: Float64Array, start: number, end: number, queryPairs: readonly QueryPair[], values: Float64Array, offset: number): number {
  let found = 0;
  for (const { key, leftAt, rightAt, knownByRow } of queryPairs) {
    if (knownByRow && ((values[offset + leftAt] as number) === 0 || (values[offset + rightAt] as number) === 0)) continue;
    if (indexOfSorted(pairKeys, start, end, key) >= 0) found++;
  }
  return found;
}

/** How many of the question's word pairs have both words in a document's row of word matches (`values` from `offset`). */
function pairsWithBothWords(queryPairs: readonly QueryPair[], values: Float64Array, offset: number): number {
  let found = 0;
  for (const { leftAt, rightAt, knownByRow } of queryPairs) {
    if (!knownByRow || ((values[offset + leftAt] as number) !== 0 && (values[offset + rightAt] as number) !== 0)) found++;
  }
  return found;
}

function countPairs(words: number, window: number): number {
  let pairs = 0;
  for (let i = 0; i < words; i++) pairs += Math.min(window, words - 1 - i);
  return pairs;
}

/** Calls `each` for words at most `window` apart, in order; missing words (-1) and repeats are skipped. */
function forEachOrderedPair(words: ArrayLike<number>, window: number, each: (left: number, right: number, leftAt: number, rightAt: number) => void): void {
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
function pairKey(left: number, right: number): number {
  return left * 67_108_864 + right;
}

/** Where `value` is in `values` from `start` to `end` (in any order: a phrasing's few words), or -1. */
function indexOf(values: Int32Array, start: number, end: number, value: number): number {
  for (let at = start; at < end; at++) if (values[at] === value) return at;
  return -1;
}

/** Where `value` is in `values` from `start` to `end` (ascending), or -1. */
function indexOfSorted(values: Int32Array | Float64Array, start: number, end: number, value: number): number {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = values[middle] as number;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Every document's phrasings, by their distinct words (see `keywordIndexSteps`). */
interface PhrasingTable {
  readonly firstPhrasing: Int32Array;
  readonly phrasingStart: Int32Array;
  readonly phrasingStems: Int32Array;
  readonly phrasingTotal: Float64Array;
  /** A word's weight in a phrasing, by stem number. */
  readonly idfById: Float64Array;
}

/**
 * How closely the question matches the document's closest phrasing: the harmonic mean of the
 * share of the phrasing the question covers and the share of the question the phrasing covers
 * (both idf-weighted), so a two-word phrasing inside a long question does not count as exact.
 */
function bestPhrasingAgreement(
  { firstPhrasing, phrasingStart, phrasingStems, phrasingTotal, idfById }: PhrasingTable,
  doc: number,
  similarityOfWord: ReadonlyMap<number, number>,
  queryWeightOf: ReadonlyMap<number, number>,
  totalQueryWeight: number,
): number {
  let best = 0;
  for (let p = firstPhrasing[doc] as number; p < (firstPhrasing[doc + 1] as number); p++) {
    const total = phrasingTotal[p] as number;
    let matched = 0;
    let queryMatched = 0;
    for (let k = phrasingStart[p] as number; k < (phrasingStart[p + 1] as number); k++) {
      const stem = phrasingStems[k] as number;
      const similarity = similarityOfWord.get(stem);
      if (similarity === undefined) continue;
      matched += (idfById[stem] as number) * similarity;
      queryMatched += (queryWeightOf.get(stem) ?? 0) * similarity;
    }
    const recall = total > 0 ? matched / total : 0;
    const precision = Math.min(1, queryMatched / totalQueryWeight);
    if (recall + precision > 0) best = Math.max(best, (2 * recall * precision) / (recall + precision));
  }
  return best;
}
