import { describe, expect, it } from 'vitest';
import { statedAges } from '../../src/text/statedAge.ts';

/** The age-group words each stated age in `canonical` stands for, by the number as written. */
function agesIn(canonical: string): Record<string, string[]> {
  const words = canonical.split(' ');
  return Object.fromEntries([...statedAges(words)].map(([i, ageWords]) => [words[i]!, ageWords.map((ageWord) => ageWord.word)]));
}

describe('ages stated by the asker', () => {
  it('reach the age-group words rules are written in', () => {
    expect(agesIn('i 70 do i pay full fare')['70']).toEqual(expect.arrayContaining(['senior', 'age']));
    expect(agesIn('my kid is 15 and wants a card')['15']).toEqual(expect.arrayContaining(['teen', 'teenager']));
    expect(agesIn('my daughter just turned 14')['14']).toContain('teen');
    expect(agesIn('does a 6 year old need a ticket')['6']).toEqual(expect.arrayContaining(['child', 'kid']));
    expect(agesIn('she 9 yo')['9']).toContain('child');
    expect(agesIn('my son is 30 now')['30']).toEqual(['adult', 'age']);
  });

  it('leave numbers that are not ages alone', () => {
    expect(agesIn('is the hold limit still 15')).toEqual({});
    expect(agesIn('can i renew 3 times')).toEqual({});
    expect(agesIn('i have 30 books out')).toEqual({});
    expect(agesIn('does it run through 2030')).toEqual({});
  });
});
