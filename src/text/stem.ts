import { stemmer } from 'stemmer';

/**
 * The Porter stem of a word, with one inconsistency of the algorithm removed: it turns a final "y"
 * into "i" before it strips suffixes, so "deploy" → "deploi" but "deployment" → "deploy", and the
 * two never met. A vowel and "y" left at the end once the suffixes are gone end in "i" too.
 */
export function stemOf(word: string): string {
  const stem = stemmer(word);
  return /[aeiou]y$/.test(stem) ? `${stem.slice(0, -1)}i` : stem;
}
