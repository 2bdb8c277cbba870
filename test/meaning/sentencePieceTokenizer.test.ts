import { describe, expect, it } from 'vitest';
import { createSentencePieceTokenizer, unknownId, type VocabularyEntry } from '../../src/meaning/sentencePieceTokenizer.ts';

// Ids 0-5 are control symbols, as in the encoder's vocabulary; pieces start at 6.
const reserved: VocabularyEntry[] = [
  ['<unk>', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['x1', 0],
  ['x2', 0],
  ['x3', 0],
];
const vocabulary: VocabularyEntry[] = [
  ...reserved,
  ['▁', -2], // 6
  ['▁cloud', -3], // 7
  ['▁c', -4], // 8
  ['loud', -4], // 9
  ['l', -5], // 10
  ['o', -5], // 11
  ['u', -5], // 12
  ['d', -5], // 13
  ['▁a', -3], // 14
  ['ws', -3], // 15
  ['w', -5], // 16
  ['s', -5], // 17
  ['a', -5], // 18
];
const tokenizer = createSentencePieceTokenizer(vocabulary);

describe('SentencePiece tokenizer', () => {
  it('splits a text into the pieces whose scores add up to the most', () => {
    // "▁cloud" (-3) beats "▁c" + "loud" (-8) and letter by letter.
    expect(tokenizer.encode('cloud')).toEqual([7]);
    expect(tokenizer.encode('cloud aws')).toEqual([7, 14, 15]);
  });

  it('reads every symbol no piece starts with as unknown, a run of them as one', () => {
    expect(tokenizer.encode('cloud ZZ aws')).toEqual([7, 6, unknownId, 14, 15]);
    expect(tokenizer.encode('cloud 😀')).toEqual([7, 6, unknownId]);
  });

  it('normalises compatibility characters before splitting', () => {
    // A fullwidth "ａ" is NFKC "a".
    expect(tokenizer.encode('ａws')).toEqual(tokenizer.encode('aws'));
  });

  it('gives nothing for an empty text', () => {
    expect(tokenizer.encode('')).toEqual([]);
  });
});
