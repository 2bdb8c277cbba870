import { CandidateQueue } from './candidateQueue.ts';
import type { KeywordIndex, KeywordIndexTuning, RankOptions, ScoredDocument, Token, WordMatch } from './keywordTypes.ts';
import { forEachOrderedPair, pairKey, type KeywordTables } from './keywordTables.ts';
import { inBody, inPhrasing } from './postings.ts';
import { ReachedDocuments } from './reachedDocuments.ts';
import { byCodeUnits } from './spellingCorrector.ts';

/** A knowledge word the question matched: which question word it stands for, and how closely. */
interface WordMatchAt {
  readonly i: number;
  readonly id: number;
  readonly similarity: number;
}

/** A question's words as the knowledge knows them: fixed once read, whichever documents it reaches. */
interface QuestionWords {
  /** The question's tokens, one per stem (context tokens last); a document's row has a value for each. */
  readonly tokens: readonly Token[];
  /** Per token: the knowledge words it stands for, closest first (at most three; none for a word no document knows). */
  readonly matches: readonly (readonly WordMatch[])[];
  /** Per token: how much it counts (idf, or what an unknown word is given), and their sum. */
  readonly weights: readonly number[];
  readonly totalWeight: number;
  /** By stem number: how closely the question matched the word, and the weight of the query word it stands in for. */
  readonly similarityOfWord: ReadonlyMap<number, number>;
  readonly queryWeightOf: ReadonlyMap<number, number>;
  /** Every knowledge word matched, rarest first: the words that find documents are the first few of these, the rest are common. */
  readonly wordMatches: readonly WordMatchAt[];
}

/** What bounds a reached document's score before it is scored in full, from the question alone. */
interface ScoreBounds {
  /** Per token: the most it can add to a phrasing's matched weight (recall) and to the question's (precision). */
  readonly recallWeightBound: readonly number[];
  readonly precisionWeightBound: readonly number[];
  /** Per word of the question itself (not its context): the stem number of its closest match, -1 for none. */
  readonly pairWords: readonly number[];
  /** The question's word pairs that documents can have, and how many pairs its words make in all. */
  readonly queryPairs: readonly QueryPair[];
  readonly possiblePairs: number;
}

/** A document while ranking: by its position, which also breaks ties. */
interface RankedDocument {
  readonly doc: number;
  readonly score: number;
  readonly matchedWords: number;
}

/**
 * Buffers every question reuses, one question at a time (ranking never waits on anything): at
 * 10,000 records, allocating them per question costs more than the scoring.
 */
class RankingBuffers {
  /** The documents the question reaches, with their rows of per-word match strengths. */
  readonly reached: ReachedDocuments;
  /** The reached documents not yet scored, best bound first. */
  readonly queue = new CandidateQueue();
  /** Each document's boost for the current question; the documents given one, to clear them for the next. */
  readonly boostOfDoc: Float64Array;
  readonly boostedDocs: number[] = [];

  constructor(documentCount: number) {
    this.reached = new ReachedDocuments(documentCount);
    this.boostOfDoc = new Float64Array(documentCount);
  }

  /** Clears the last question's boosts and sets this one's (by document id; unknown ids are skipped). */
  setBoosts(boosts: ReadonlyMap<string, number> | undefined, docOfId: ReadonlyMap<string, number>): void {
    const { boostOfDoc, boostedDocs } = this;
    for (const doc of boostedDocs) boostOfDoc[doc] = 0;
    boostedDocs.length = 0;
    for (const [id, boost] of boosts ?? []) {
      const doc = docOfId.get(id);
      if (doc === undefined) continue;
      boostOfDoc[doc] = boost;
      boostedDocs.push(doc);
    }
  }
}

/**
 * The question-time half of the keyword index: matches a question's words to the knowledge's
 * (exactly, through related words, or spell-corrected) and ranks the documents by them, reading
 * the tables `keywordTablesSteps` built.
 */
export function createQuestionRanker(
  tables: KeywordTables,
  tuning: KeywordIndexTuning,
  topicWeight: (stem: string) => number,
): Pick<KeywordIndex, 'rank' | 'unknownWords'> {
  const { ids, docOfId, stemIds, stemOfWord, corrector, postings, strengthOfFields, idfById, unknownWordIdf, commonDocumentCount } = tables;
  const { lightestPhrasing, pairKeys, firstPair, definingStems, firstDefining } = tables;
  const buffers = new RankingBuffers(tables.documentCount);
  const { reached, queue, boostOfDoc } = buffers;

  const documentCountOf = (id: number) => (postings.start[id + 1] as number) - (postings.start[id] as number);
  /** How strongly document `doc` has word `id`; undefined when it lacks it. */
  const strengthIn = (id: number, doc: number): number | undefined => {
    const at = indexOfSorted(postings.docs, postings.start[id] as number, postings.start[id + 1] as number, doc);
    return at < 0 ? undefined : strengthOfFields[postings.fields[at] as number];
  };
  const idfOfStem = (stem: string): number | undefined => {
    const id = stemIds.get(stem);
    return id === undefined ? undefined : idfById[id];
  };
  const idOf = (doc: number) => ids[doc] as string;

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

  /** Matches the question's words and weighs them; undefined when it has none. */
  const readQuestion = (allQuestionTokens: readonly Token[]): QuestionWords | undefined => {
    const questionTokens = uniqueByStem(allQuestionTokens);
    if (questionTokens.length === 0) return undefined;
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
    wordMatches.sort((a, b) => documentCountOf(a.id) - documentCountOf(b.id));
    return { tokens: questionTokens, matches, weights, totalWeight, similarityOfWord, queryWeightOf, wordMatches };
  };

  /** Reaches the documents that have the word, filling in how closely each matched it (rows of `width`). */
  const reachThrough = ({ i, id, similarity }: WordMatchAt) => {
    for (let k = postings.start[id] as number; k < (postings.start[id + 1] as number); k++) {
      const at = reached.rowOf(postings.docs[k] as number) + i;
      const { values } = reached;
      values[at] = Math.max(values[at] as number, similarity * (strengthOfFields[postings.fields[k] as number] as number));
    }
  };
  /** Fills in a common word for the documents reached from slot `fromSlot` on. */
  const addCommon = ({ i, id, similarity }: WordMatchAt, fromSlot: number, width: number) => {
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

  /**
   * Reaches the documents the question finds, each with its row: per query word, the best
   * similarity × field strength. Documents are found through the question's rarer words; a word in
   * a large share of the documents ("cloud" in a big knowledge base) only adds to documents found
   * that way, as long as no document it alone would bring could rank among those returned (see
   * `unreachedBound`). In a small knowledge base every word is rare enough, so nothing changes
   * there. Returns how many of `wordMatches` found documents (the rest are common).
   */
  const reachDocuments = ({ tokens, wordMatches }: QuestionWords): number => {
    const width = tokens.length;
    reached.begin(width);
    // When every word is common, the rarest of them finds the documents.
    let finding = 0;
    while (finding < wordMatches.length && (finding === 0 || documentCountOf((wordMatches[finding] as WordMatchAt).id) <= commonDocumentCount)) finding++;
    for (let m = 0; m < finding; m++) reachThrough(wordMatches[m] as WordMatchAt);
    // The few documents a boost favours are reached by any word they have: the bound on the
    // documents common words alone bring leaves boosts out.
    for (const doc of buffers.boostedDocs) {
      if ((boostOfDoc[doc] as number) <= 0 || reached.slotOf(doc) >= 0) continue;
      for (let m = finding; m < wordMatches.length; m++) {
        if (strengthIn((wordMatches[m] as WordMatchAt).id, doc) === undefined) continue;
        reached.rowOf(doc);
        break;
      }
    }
    for (let m = finding; m < wordMatches.length; m++) addCommon(wordMatches[m] as WordMatchAt, 0, width);
    return finding;
  };

  /** What bounds the score of any document the question reaches, before its phrasings and word order are looked up. */
  const scoreBounds = ({ tokens: questionTokens, matches, queryWeightOf }: QuestionWords): ScoreBounds => {
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
    return { recallWeightBound, precisionWeightBound, pairWords, queryPairs, possiblePairs };
  };

  /**
   * The most a document not reached yet can score: it has none of the words that found
   * documents (the first `finding` of `wordMatches`), so at best every other word in full, a
   * phrasing made of them alone (recall 1) and every pair of them in order. Boosted documents are
   * reached by any word they have.
   */
  const unreachedBound = (
    { tokens, weights, totalWeight, similarityOfWord, queryWeightOf, wordMatches }: QuestionWords,
    { pairWords, queryPairs, possiblePairs }: ScoreBounds,
    finding: number,
  ): number => {
    const width = tokens.length;
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
  const rankReached = (
    question: QuestionWords,
    bounds: ScoreBounds,
    fromSlot: number,
    ranked: RankedDocument[],
    limit: number,
    accept: ((id: string) => boolean) | undefined,
  ): RankedDocument[] => {
    const { weights, totalWeight, similarityOfWord, queryWeightOf } = question;
    const width = question.tokens.length;
    const { recallWeightBound, precisionWeightBound, queryPairs, possiblePairs } = bounds;
    const { queryCoverageWeight, phrasingCoverageWeight, wordOrderWeight } = tuning;
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
      const bound = queryCoverageWeight * queryCoverage + phrasingCoverageWeight * phrasingBound + wordOrderWeight * orderAgreement + (boostOfDoc[doc] as number);
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
          queryCoverageWeight * queryCoverage + phrasingCoverageWeight * (queue.phrasingBounds[next] as number) + wordOrderWeight * found + (boostOfDoc[doc] as number);
        queue.putBackWithOrder(next, found, boundWithOrder);
        continue;
      }
      const orderAgreement = queue.orderAgreements[next] as number;
      const phrasingCoverage = bestPhrasingAgreement(tables, doc, similarityOfWord, queryWeightOf, totalWeight);
      const score = queryCoverageWeight * queryCoverage + phrasingCoverageWeight * phrasingCoverage + wordOrderWeight * orderAgreement + (boostOfDoc[doc] as number);
      let matchedWords = 0;
      for (let i = 0; i < width; i++) if ((values[offset + i] as number) > 0) matchedWords++;
      insertRanked(ranked, { doc, score, matchedWords }, limit);
    }
    return ranked;
  };

  /** The ranked documents as returned: which words matched which is worked out for these few only. */
  const scoredDocuments = ({ tokens: questionTokens, matches, similarityOfWord }: QuestionWords, best: readonly RankedDocument[], withMatches: boolean): ScoredDocument[] => {
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
    return best.map(({ doc, score, matchedWords }) => ({
      id: idOf(doc),
      score,
      matchedWords,
      wordsAsWritten: wordsAsWrittenIn(doc),
      otherTopicWords: unknownTopicWords.length > 0 && missesDefiningWord(doc) ? unknownTopicWords : [],
      matches: withMatches
        ? matches.flatMap((found, i) => {
            const hit = found.find(({ word }) => strengthIn(stemIds.get(word) as number, doc) !== undefined);
            return hit ? [{ stem: (questionTokens[i] as Token).stem, word: hit.word, similarity: hit.similarity }] : [];
          })
        : [],
    }));
  };

  return {
    unknownWords: (questionTokens) => questionTokens.filter((token) => matchWord(token, true).length === 0),
    /**
     * Reads the question's words, reaches the documents its rarer words find, scores them best
     * bound first until the top `limit` are certain, widens to documents only common words bring
     * while one of them could still rank, and returns the best.
     */
    rank(allQuestionTokens, options: RankOptions = {}) {
      const question = readQuestion(allQuestionTokens);
      if (question === undefined) return [];
      const { limit = Number.POSITIVE_INFINITY, within = Number.POSITIVE_INFINITY, boosts, accept, withMatches = false } = options;
      buffers.setBoosts(boosts, docOfId);
      let finding = reachDocuments(question);
      const bounds = scoreBounds(question);
      let best = rankReached(question, bounds, 0, [], limit, accept);
      // A common word finds documents too when a document only it and the other common words would
      // bring could still rank among those returned: a question whose rare words are not those of
      // the record it was made from ("is it true that…" where the knowledge says "true" once) still
      // reaches that record.
      const { tokens, wordMatches } = question;
      while (finding < wordMatches.length) {
        const worstKept = best.length >= limit ? best[best.length - 1] : undefined;
        const needed = Math.max(worstKept?.score ?? Number.NEGATIVE_INFINITY, (best[0]?.score ?? Number.NEGATIVE_INFINITY) - within);
        if (unreachedBound(question, bounds, finding) < needed) break;
        const fromSlot = reached.count;
        reachThrough(wordMatches[finding++] as WordMatchAt);
        for (let m = finding; m < wordMatches.length; m++) addCommon(wordMatches[m] as WordMatchAt, fromSlot, tokens.length);
        best = rankReached(question, bounds, fromSlot, best, limit, accept);
      }
      return scoredDocuments(question, best, withMatches);
    },
  };
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

/** Every document's phrasings, by their distinct words, and each word's weight in a phrasing (see `KeywordTables`). */
type PhrasingTable = Pick<KeywordTables, 'firstPhrasing' | 'phrasingStart' | 'phrasingStems' | 'phrasingTotal' | 'idfById'>;

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
