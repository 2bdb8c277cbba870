import { describe, expect, it } from 'vitest';
import { negatedBaseOf, negationsOf } from '../../src/text/negatedForms.ts';

describe('negated forms', () => {
  it('reads the word a prefix or "-less" negates, coined or in the dictionary', () => {
    expect(negatedBaseOf('uncapped')).toBe('capped');
    expect(negatedBaseOf('nonexclusive')).toBe('exclusive');
    expect(negatedBaseOf('Non-exclusive')).toBe('exclusive');
    expect(negatedBaseOf('unlimited')).toBe('limited');
    expect(negatedBaseOf('capless')).toBe('cap');
    expect(negatedBaseOf('indirect')).toBe('direct');
    expect(negatedBaseOf('disagree')).toBe('agree');
    expect(negatedBaseOf('irrevocable')).toBe('revocable');
  });

  it('does not take a word that only starts like a negation for one', () => {
    // Dictionary words whose antonyms say otherwise, everyday words, names, too short a rest.
    for (const word of ['display', 'income', 'inside', 'discount', 'union', 'under', 'interest', 'invest', 'limitless', 'unless', 'infosys', 'disney', 'unit', 'capped']) {
      expect(negatedBaseOf(word), word).toBeNull();
    }
  });

  it('finds the negations of a word the same way back', () => {
    expect(negationsOf('capped')).toEqual(expect.arrayContaining(['uncapped', 'noncapped']));
    expect(negationsOf('limited')).toContain('unlimited');
    expect(negationsOf('exclusive')).toContain('nonexclusive');
    expect(negationsOf('agree')).toContain('disagree');
    expect(negationsOf('play')).not.toContain('display');
    expect(negationsOf('come')).not.toContain('income');
    for (const negation of [...negationsOf('capped'), ...negationsOf('secure')]) expect(negatedBaseOf(negation)).not.toBeNull();
  });
});
