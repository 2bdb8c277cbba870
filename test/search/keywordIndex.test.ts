import { describe, expect, it } from 'vitest';
import { createKeywordIndex, defaultKeywordIndexTuning, type IndexDocument, type Token } from '../../src/search/keywordIndex.ts';

// Whole words as stems, none of them everyday English: enough to see matching and correction apart.
const tokenize = (text: string): Token[] =>
  text
    .toLowerCase()
    .split(/\W+/)
    .filter(Boolean)
    .map((word) => ({ stem: word, word, familiar: false }));

const index = createKeywordIndex(
  [
    { id: 'licence', phrasings: ['microsoft license expiry'], body: '' },
    { id: 'power', phrasings: ['datacenter power'], body: '' },
  ],
  tokenize,
);

describe('keyword index', () => {
  it('names results by document id and says which word matched which', () => {
    const [best] = index.rank(tokenize('microsfot license'), { withMatches: true });
    expect(best?.id).toBe('licence');
    expect(best?.matches).toContainEqual({ stem: 'microsfot', word: 'microsoft', similarity: defaultKeywordIndexTuning.spelling.oneEditSimilarity });
    expect(best?.matches).toContainEqual({ stem: 'license', word: 'license', similarity: 1 });
  });

  it('spell-corrects only the first few unknown words of a question, so gibberish stays cheap', () => {
    const gibberish = Array.from({ length: defaultKeywordIndexTuning.maxCorrectedWords }, (_, i) => `zzqx${i}`).join(' ');
    const late = index.rank(tokenize(`${gibberish} datacentre`), { withMatches: true });
    expect(late.flatMap((doc) => doc.matches)).toEqual([]);
    const early = index.rank(tokenize(`datacentre ${gibberish}`), { withMatches: true });
    expect(early[0]?.matches.map((match) => match.word)).toEqual(['datacenter']);
  });

  it('never corrects an everyday word into a knowledge word', () => {
    expect(index.rank([{ stem: 'licence', word: 'licence', familiar: true }])).toEqual([]);
  });

  it('tells the two directions apart by word order in the phrasings', () => {
    const directions = createKeywordIndex(
      [
        { id: 'a-pays-b', phrasings: ['alpha pays beta'], body: 'beta pays alpha too' },
        { id: 'b-pays-a', phrasings: ['beta pays alpha'], body: 'alpha pays beta too' },
      ],
      tokenize,
    );
    expect(directions.rank(tokenize('does alpha pays beta'))[0]?.id).toBe('a-pays-b');
    expect(directions.rank(tokenize('does beta pays alpha'))[0]?.id).toBe('b-pays-a');
  });

  // Every word in more than one document counts as common here.
  const commonTuning = { ...defaultKeywordIndexTuning, commonDocumentShare: 0, minCommonDocuments: 1 };

  it('finds documents through the rarer words, crediting the common ones to what it found', () => {
    const corpus = createKeywordIndex(
      [
        { id: 'cloud-only', phrasings: ['cloud cloud'], body: '' },
        { id: 'cloud-license', phrasings: ['cloud license'], body: '' },
        { id: 'cloud-power', phrasings: ['cloud power'], body: '' },
      ],
      tokenize,
      commonTuning,
    );
    // The documents only "cloud" would bring score far below the one "license" found: not ranked.
    const ranked = corpus.rank(tokenize('cloud license'), { within: 0.1 });
    expect(ranked.map((doc) => doc.id)).toEqual(['cloud-license']);
    expect(ranked[0]?.matchedWords).toBe(2);
    // With nothing rarer in the question, the rarest word still finds every document that has it.
    expect(corpus.rank(tokenize('cloud')).map((doc) => doc.id).sort()).toEqual(['cloud-license', 'cloud-only', 'cloud-power']);
  });

  it('finds a document through common words when the rare words of the question are not its own', () => {
    const corpus = createKeywordIndex(
      [
        { id: 'cloud-power', phrasings: ['cloud power'], body: '' },
        { id: 'cloud-license', phrasings: ['cloud license'], body: '' },
        { id: 'power-license', phrasings: ['power license'], body: '' },
        // "true" is rare here, as a frame word ("is it true that…") can be in a large knowledge base.
        { id: 'true-story', phrasings: ['true story'], body: '' },
      ],
      tokenize,
      commonTuning,
    );
    const ranked = corpus.rank(tokenize('true cloud power'), { limit: 5, within: 0.2 });
    expect(ranked[0]?.id).toBe('cloud-power');
  });

  it('refuses two documents with one id', () => {
    expect(() => createKeywordIndex([{ id: 'x', phrasings: ['a'], body: '' }, { id: 'x', phrasings: ['b'], body: '' }], tokenize)).toThrow(/unique/);
  });
});

describe('pruned ranking', () => {
  // A corpus with a skewed vocabulary, so questions reach many documents with close scores.
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
  const vocabulary = Array.from({ length: 120 }, (_, i) => `w${i.toString(36)}x`);
  const pick = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)] as string;
  const phrase = (length: number) => Array.from({ length }, pick).join(' ');
  const docs: IndexDocument[] = Array.from({ length: 300 }, (_, i) => ({
    id: `doc-${i}`,
    phrasings: Array.from({ length: 3 }, () => phrase(4 + Math.floor(random() * 4))),
    body: phrase(20),
  }));
  const corpus = createKeywordIndex(docs, tokenize);
  // Every document reached by every word it has: the ranking pruning must agree with.
  const exhaustive = createKeywordIndex(docs, tokenize, { ...defaultKeywordIndexTuning, minCommonDocuments: docs.length });
  // Words in more than 15 documents only add to documents rarer words found, unless that could change the top.
  const pruned = createKeywordIndex(docs, tokenize, { ...defaultKeywordIndexTuning, commonDocumentShare: 0, minCommonDocuments: 15 });
  /** Random phrases, and a document's phrasing with a word dropped and a rarer word of another document added. */
  const questions = Array.from({ length: 200 }, (_, q) => {
    if (q % 2 === 0) return tokenize(phrase(2 + Math.floor(random() * 6)));
    const words = (docs[Math.floor(random() * docs.length)]?.phrasings[0] ?? '').split(' ');
    words.splice(Math.floor(random() * words.length), 1);
    return tokenize([vocabulary[vocabulary.length - 1 - Math.floor(random() * 20)], ...words].join(' '));
  });

  it('returns exactly the top k of an exhaustive ranking', () => {
    expect(new Set(docs.map((doc) => doc.phrasings.join(' '))).size).toBe(docs.length);
    for (const question of questions) {
      const all = exhaustive.rank(question);
      expect(corpus.rank(question, { limit: 5 })).toEqual(all.slice(0, 5));
      expect(pruned.rank(question, { limit: 5 })).toEqual(all.slice(0, 5));
    }
  });

  it('returns exactly the documents within the window of the best, however common their words', () => {
    for (const question of questions) {
      const all = exhaustive.rank(question, { limit: 5 });
      const inWindow = all.filter((doc) => doc.score >= (all[0]?.score ?? 0) - 0.2);
      expect(pruned.rank(question, { limit: 5, within: 0.2 }).slice(0, inWindow.length)).toEqual(inWindow);
    }
  });
});
