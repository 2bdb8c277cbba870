import { describe, expect, it } from 'vitest';
import { PlainWordTable } from '../../src/search/plainWords.ts';
import { maxQuestionLength, normalizeText } from '../../src/text/normalizeText.ts';

const wordsOf = (table: PlainWordTable<string>, raw: string): string[] | null => {
  const words: string[] = [];
  return table.wordsOf(raw, words) ? words : null;
};

describe('plain word table', () => {
  const table = new PlainWordTable((word) => word);

  it.each([
    'Does Microsoft still pay OpenAI a revenue share?',
    'AZURE exclusivity, until 2030; then: non-exclusive (mostly).',
    'cant, CANT and cant5 are not the same',
    'Trailing space and\ttabs\nand new lines  ',
    '',
    '   ...   ',
    'x'.repeat(maxQuestionLength - 2) + ' abc def',
  ])('splits plain text as normalizeText does: %j', (raw) => {
    expect(wordsOf(table, raw)).toEqual(normalizeText(raw).split(' ').filter(Boolean));
    // The second time from the table.
    expect(wordsOf(table, raw)).toEqual(normalizeText(raw).split(' ').filter(Boolean));
  });

  it.each([
    'Microsoft’s share',
    "what's new",
    'café latte',
    'see https://example.com',
    'see HTTP docs',
    'go to www.example.com',
    '20% of revenue',
    '<@123> hello',
    '@someone hi',
    'msft -> openai',
    'snake_case word',
    'back`tick',
  ])('declines text normalizeText does more with: %j', (raw) => {
    expect(wordsOf(table, raw)).toBeNull();
  });

  it('keeps thousands of distinct words apart as its table grows', () => {
    const many = new PlainWordTable((word) => word);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const chunks = Array.from({ length: 50 }, (_, i) => words.slice(100 * i, 100 * i + 100));
    for (const chunk of chunks) expect(wordsOf(many, chunk.join(' '))).toEqual(chunk);
    for (const chunk of chunks.reverse()) expect(wordsOf(many, chunk.reverse().join(' '))).toEqual(chunk);
  });
});
