import { describe, expect, it } from 'vitest';
import { createKeywordIndex, defaultKeywordIndexTuning, type Token } from '../../src/search/keywordIndex.ts';

// Whole words as stems, none of them everyday English: enough to see matching and correction apart.
const tokenize = (text: string): Token[] =>
  text
    .toLowerCase()
    .split(/\W+/)
    .filter(Boolean)
    .map((word) => ({ stem: word, word, familiar: false }));

const index = createKeywordIndex(
  [
    { phrasings: ['microsoft license expiry'], body: '' },
    { phrasings: ['datacenter power'], body: '' },
  ],
  tokenize,
);

describe('keyword index', () => {
  it('corrects a misspelt word to the knowledge word one edit away', () => {
    const [best] = index.rank(tokenize('microsfot license'));
    expect(best?.doc).toBe(0);
    expect(best?.matches).toContainEqual({ stem: 'microsfot', word: 'microsoft', similarity: defaultKeywordIndexTuning.spelling.oneEditSimilarity });
  });

  it('spell-corrects only the first few unknown words of a question, so gibberish stays cheap', () => {
    const gibberish = Array.from({ length: defaultKeywordIndexTuning.maxCorrectedWords }, (_, i) => `zzqx${i}`).join(' ');
    const late = index.rank(tokenize(`${gibberish} datacentre`));
    expect(late.flatMap((doc) => doc.matches)).toEqual([]);
    const early = index.rank(tokenize(`datacentre ${gibberish}`));
    expect(early[0]?.matches.map((match) => match.word)).toEqual(['datacenter']);
  });

  it('never corrects an everyday word into a knowledge word', () => {
    const ranked = index.rank([{ stem: 'licence', word: 'licence', familiar: true }]);
    expect(ranked).toEqual([]);
  });
});
