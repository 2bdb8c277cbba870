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

  it('finds documents through the rarer words, crediting the common ones to what it found', () => {
    // Every word in more than one document counts as common here.
    const tuning = { ...defaultKeywordIndexTuning, commonDocumentShare: 0, minCommonDocuments: 1 };
    const corpus = createKeywordIndex(
      [
        { id: 'cloud-only', phrasings: ['cloud cloud'], body: '' },
        { id: 'cloud-license', phrasings: ['cloud license'], body: '' },
        { id: 'cloud-power', phrasings: ['cloud power'], body: '' },
      ],
      tokenize,
      tuning,
    );
    const ranked = corpus.rank(tokenize('cloud license'));
    expect(ranked.map((doc) => doc.id)).toEqual(['cloud-license']);
    expect(ranked[0]?.matchedWords).toBe(2);
    // With nothing rarer in the question, the rarest word still finds every document that has it.
    expect(corpus.rank(tokenize('cloud')).map((doc) => doc.id).sort()).toEqual(['cloud-license', 'cloud-only', 'cloud-power']);
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

  it('returns exactly the top k of an exhaustive ranking', () => {
    expect(new Set(docs.map((doc) => doc.phrasings.join(' '))).size).toBe(docs.length);
    for (let q = 0; q < 200; q++) {
      const question = tokenize(phrase(2 + Math.floor(random() * 6)));
      const all = corpus.rank(question);
      const top = corpus.rank(question, { limit: 5 });
      expect(top).toEqual(all.slice(0, 5));
    }
  });
});
