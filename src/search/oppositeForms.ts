import { negatedBaseOf, negationsOf } from '../text/negatedForms.ts';
import type { WordMatch } from './keywordIndex.ts';

/**
 * How closely a word matches the word it negates or that negates it. A record that states "capped"
 * is the one that answers "is it uncapped?", and its answer states the fact whichever way the
 * question was put; so nearly as close as the word itself, closer than a lexicon synonym.
 */
export const oppositeFormSimilarity = 0.9;

/**
 * For a question word, the stems of its opposite forms by negation ("uncapped" → "capped" → cap;
 * "limited" → "unlimited"), for matching where the knowledge lacks the word itself: without them a
 * question about "uncapped" is told the sources never mention it while a record says "capped".
 * `stemsOf` turns a word into the stems the knowledge is indexed under (synonyms, base form, stem).
 */
export function createOppositeMatcher(stemsOf: (word: string) => readonly string[]): (word: string) => readonly WordMatch[] {
  const cache = new Map<string, readonly WordMatch[]>();
  return (word) => {
    const cached = cache.get(word);
    if (cached) return cached;
    const base = negatedBaseOf(word);
    const opposites = [...(base ? [base] : []), ...negationsOf(word)];
    const matches = opposites.flatMap((opposite) => stemsOf(opposite)).map((stem) => ({ word: stem, similarity: oppositeFormSimilarity }));
    // Bounded: one engine serves until the knowledge changes.
    if (cache.size < 50_000) cache.set(word, matches);
    return matches;
  };
}
