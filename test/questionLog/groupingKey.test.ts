import { describe, expect, it } from 'vitest';
import { groupingKey, keySimilarity } from '../../src/questionLog/groupingKey.ts';

describe('groupingKey', () => {
  it('gives phrasings of one question one key, whatever the order, case, punctuation, mentions and little words', () => {
    const keys = ['Does the deal cover quantum computing?', 'is quantum computing covered by the deal', '<@123456789012345678> QUANTUM computing: covered by the deal??'].map(groupingKey);
    expect(new Set(keys)).toEqual(new Set(['comput cover deal quantum']));
  });

  it('leaves a phrasing with one more word a key of its own, close enough for the report to merge', () => {
    const extra = groupingKey('quantum computing — covered under the deal?');
    expect(extra).toBe('comput cover deal quantum under');
    expect(keySimilarity(extra, groupingKey('Does the deal cover quantum computing?'))).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps questions about different things apart', () => {
    expect(groupingKey('can openai use aws')).not.toBe(groupingKey('can openai use google cloud'));
    expect(keySimilarity(groupingKey('can openai use aws'), groupingKey('can openai use gcp'))).toBeLessThan(0.6);
  });

  it('falls back to the normalised text for a question of little words only', () => {
    expect(groupingKey('What is it?')).toBe('what is it');
  });

  it('measures shared stems over all stems', () => {
    expect(keySimilarity('a b c d', 'a b c e')).toBeCloseTo(3 / 5);
    expect(keySimilarity('a b', 'a b')).toBe(1);
    expect(keySimilarity('', '')).toBe(1);
    expect(keySimilarity('a', 'b')).toBe(0);
  });
});
