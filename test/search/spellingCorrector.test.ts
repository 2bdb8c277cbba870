import { describe, expect, it } from 'vitest';
import { createSpellingCorrector, defaultSpellingTuning, editDistance } from '../../src/search/spellingCorrector.ts';

describe('editDistance', () => {
  it('is 0 for the same word', () => {
    expect(editDistance('microsoft', 'microsoft', 2)).toBe(0);
  });

  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('microsfot', 'microsoft', 2)).toBe(1);
    expect(editDistance('form', 'from', 2)).toBe(1);
  });

  it('counts an insertion, a deletion and a substitution as one edit each', () => {
    expect(editDistance('revnue', 'revenue', 2)).toBe(1);
    expect(editDistance('revenuee', 'revenue', 2)).toBe(1);
    expect(editDistance('revanue', 'revenue', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });

  it('returns max + 1 once the distance must exceed max', () => {
    // Lengths alone rule it out.
    expect(editDistance('abc', 'abcdef', 1)).toBe(2);
    // Same length, every letter different: the rows exceed max early.
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('cloud', 'azure', 1)).toBe(2);
  });

  it('returns the exact distance when it is exactly max', () => {
    expect(editDistance('cusomters', 'customers', 2)).toBe(2);
  });
});

describe('createSpellingCorrector', () => {
  const corrector = createSpellingCorrector(['microsoft', 'revenue', 'customers', 'share', 'cloud', 'open', 'cap']);

  it('corrects a swapped pair of letters', () => {
    expect(corrector.correct('microsfot')).toEqual([{ word: 'microsoft', similarity: defaultSpellingTuning.oneEditSimilarity }]);
  });

  it('corrects a missing letter', () => {
    expect(corrector.correct('revnue')).toEqual([{ word: 'revenue', similarity: defaultSpellingTuning.oneEditSimilarity }]);
  });

  it('corrects a long word two edits away, with a lower similarity than one edit', () => {
    expect(corrector.correct('cusomters')).toEqual([{ word: 'customers', similarity: defaultSpellingTuning.twoEditSimilarity }]);
    expect(defaultSpellingTuning.twoEditSimilarity).toBeLessThan(defaultSpellingTuning.oneEditSimilarity);
  });

  it('allows only one edit in words shorter than the two-edit length', () => {
    // "rvnue" is two edits from "revenue" but only five letters long.
    expect(corrector.correct('rvnue')).toEqual([]);
  });

  it('never corrects words shorter than four letters', () => {
    expect(corrector.correct('opn')).toEqual([]); // one insertion from "open"
    expect(corrector.correct('cpa')).toEqual([]); // one swap from "cap"
  });

  it('never corrects words with digits', () => {
    expect(corrector.correct('rev3nue')).toEqual([]);
    expect(corrector.correct('micros0ft')).toEqual([]);
  });

  it('returns nothing when no vocabulary word is within reach', () => {
    expect(corrector.correct('zzzzzz')).toEqual([]);
    expect(corrector.correct('banana')).toEqual([]);
  });

  it('does not "correct" a word that is already in the vocabulary', () => {
    expect(corrector.correct('microsoft')).toEqual([]);
  });

  it('prefers, among equally close words, the one with the same first letter', () => {
    // "mart" is one edit from both "bart" and "malt"; "bart" comes first alphabetically.
    const tied = createSpellingCorrector(['bart', 'malt']);
    expect(tied.correct('mart').map((c) => c.word)).toEqual(['malt', 'bart']);
    const onlyOne = createSpellingCorrector(['bart', 'malt'], { ...defaultSpellingTuning, maxCorrections: 1 });
    expect(onlyOne.correct('mart').map((c) => c.word)).toEqual(['malt']);
  });

  it('offers only the closest words, not farther ones', () => {
    const both = createSpellingCorrector(['customers', 'costumers']);
    // "custmers" is one edit from "customers" and two from "costumers".
    expect(both.correct('custmers').map((c) => c.word)).toEqual(['customers']);
  });
});
