import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { antonymsOf, relatedWordsOf, type RelatedWord } from '../../src/text/relatedWords.ts';

const wordsOf = (word: string, relation?: RelatedWord['relation']): string[] =>
  relatedWordsOf(word)
    .filter((entry) => relation === undefined || entry.relation === relation)
    .map((entry) => entry.word);

describe('relatedWordsOf', () => {
  it('gives synonyms from the most frequent senses', () => {
    expect(wordsOf('stake', 'synonym')).toContain('interest');
    expect(wordsOf('expire', 'synonym')).toEqual(expect.arrayContaining(['run out', 'die']));
    expect(wordsOf('rival', 'synonym')).toContain('competitor');
    expect(wordsOf('buy', 'synonym')).toContain('purchase');
    expect(wordsOf('ceiling', 'synonym')).toContain('cap');
  });

  it('counts an adjective "similar to" as a synonym', () => {
    expect(wordsOf('cheap', 'synonym')).toContain('inexpensive');
    expect(wordsOf('cheap', 'synonym')).toContain('affordable');
  });

  it('gives direct hypernyms as broader and direct hyponyms as narrower words', () => {
    expect(wordsOf('stake', 'broader')).toContain('share');
    expect(wordsOf('sales', 'broader')).toContain('income');
    expect(wordsOf('rationale', 'broader')).toContain('explanation');
    expect(wordsOf('include', 'narrower')).toContain('contain');
    expect(wordsOf('share', 'narrower')).toContain('stake');
  });

  it('gives derivationally related forms as derived words', () => {
    expect(wordsOf('expire', 'derived')).toContain('expiration');
    expect(wordsOf('expiration', 'derived')).toContain('expire');
    expect(wordsOf('ownership', 'derived')).toContain('owner');
    expect(wordsOf('own', 'derived')).toContain('owner');
    expect(wordsOf('secure', 'derived')).toContain('security');
    expect(wordsOf('grow', 'derived')).toContain('growth');
    expect(wordsOf('invest', 'derived')).toEqual(expect.arrayContaining(['investment', 'investor']));
    expect(wordsOf('compete', 'derived')).toEqual(expect.arrayContaining(['competition', 'competitor']));
    expect(wordsOf('cheap', 'derived')).toContain('cheapness');
    expect(wordsOf('subsidy', 'derived')).toContain('subsidize');
    expect(wordsOf('cancel', 'derived')).toContain('cancellation');
  });

  it('takes derived words from the word itself, not from the other words of its senses', () => {
    // "die" shares a sense with "expire"; "death" is derived from "die", not from "expire".
    expect(wordsOf('die', 'derived')).toContain('death');
    expect(wordsOf('expire')).not.toContain('death');
  });

  it('lists each word once, synonyms first, then derived, broader, then narrower', () => {
    for (const word of ['stake', 'end', 'control', 'deal', 'board', 'own', 'invest', 'compete']) {
      const related = relatedWordsOf(word);
      const words = related.map((entry) => entry.word);
      expect(new Set(words).size, word).toBe(words.length);
      expect(words, word).not.toContain(word);
      const ranks = related.map((entry) => ['synonym', 'derived', 'broader', 'narrower'].indexOf(entry.relation));
      expect(ranks, word).not.toContain(-1);
      expect(ranks, word).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('keeps only common words and two-word phrases of them', () => {
    for (const word of ['stake', 'end', 'control', 'deal', 'cloud', 'license', 'agreement', 'model']) {
      for (const { word: related } of relatedWordsOf(word)) {
        expect(related, `${word} → ${related}`).toMatch(/^[a-z]+( [a-z]+)?$/);
      }
    }
  });

  it('leaves out the rare senses of a word', () => {
    // "cheap" as in tawdry (brassy, garish) is a minor sense next to "inexpensive".
    expect(wordsOf('cheap')).not.toContain('garish');
    // "cloud" the verb (obscure, befog) is rare next to the noun.
    expect(wordsOf('cloud')).not.toContain('befog');
  });

  it('returns nothing for unknown words, names and non-base input', () => {
    expect(relatedWordsOf('hyperscaler')).toEqual([]);
    expect(relatedWordsOf('xyzzy')).toEqual([]);
    expect(relatedWordsOf('')).toEqual([]);
    expect(relatedWordsOf('constructor')).toEqual(expect.any(Array));
    expect(relatedWordsOf('__proto__')).toEqual([]);
    expect(relatedWordsOf('Stake')).toEqual([]);
  });

  it('returns the same frozen list on every call', () => {
    const first = relatedWordsOf('stake');
    expect(relatedWordsOf('stake')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
  });
});

describe('antonymsOf', () => {
  it('gives WordNet antonyms', () => {
    expect(antonymsOf('include')).toContain('exclude');
    expect(antonymsOf('increase')).toContain('decrease');
    expect(antonymsOf('win')).toContain('lose');
  });

  it('gives antonyms in both directions', () => {
    expect(antonymsOf('sell')).toContain('buy');
    expect(antonymsOf('buy')).toContain('sell');
    expect(antonymsOf('exclude')).toContain('include');
  });

  it('includes the antonyms of words sharing a sense: stop is a sense of discontinue', () => {
    expect(antonymsOf('stop')).toEqual(expect.arrayContaining(['start', 'continue']));
  });

  it('gives an adjective satellite the antonyms of its head', () => {
    // "affordable" is similar to "cheap, inexpensive", whose antonym is "expensive".
    expect(antonymsOf('affordable')).toContain('expensive');
    expect(antonymsOf('cheap')).toContain('expensive');
  });

  it('does not hand a head every satellite of its antonym', () => {
    expect(antonymsOf('big')).toContain('small');
    expect(antonymsOf('big')).not.toContain('bantam');
  });

  it('is empty when WordNet lists none or the word is unknown', () => {
    expect(antonymsOf('rival')).toEqual([]);
    expect(antonymsOf('xyzzy')).toEqual([]);
  });
});

describe('the lexicon file', () => {
  it('is found word by word: every listed word gives its first synonym, broader word and antonym', () => {
    const lines = readFileSync(new URL('../../src/text/data/related-words.txt', import.meta.url), 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines.length).toBeGreaterThan(20_000);
    const wrong = lines.filter((line) => {
      const [word = '', fields = ''] = line.split('\t');
      const [synonyms = '', broader = '', , antonyms = ''] = fields.split('|');
      const first = (list: string) => list.split(',')[0] || undefined;
      return (
        wordsOf(word, 'synonym')[0] !== first(synonyms) || wordsOf(word, 'broader')[0] !== first(broader) || antonymsOf(word)[0] !== first(antonyms)
      );
    });
    expect(wrong).toEqual([]);
  });
});
