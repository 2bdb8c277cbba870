import { stemmer } from 'stemmer';
import { stopwords } from '../search/stopwords.ts';
import { baseFormOf } from '../text/wordForms.ts';
import { normalizeText } from '../text/normalizeText.ts';

/**
 * The key near-identical phrasings share: the distinct stems of the words that carry meaning,
 * sorted. "Does the deal cover quantum computing?" and "is quantum computing covered by the deal"
 * both become "comput cover deal quantum". Word order, punctuation, case, mentions and little
 * words do not split a group; a different content word does (the report then merges close keys).
 */
export function groupingKey(question: string): string {
  const words = normalizeText(question).split(' ').filter((word) => word && !stopwords.has(word));
  const stems = new Set(words.map((word) => stemmer(baseFormOf(word))));
  const key = [...stems].sort().join(' ');
  // A question of little words only ("what is it?") groups by its normalised text instead.
  return key || normalizeText(question);
}

/** How alike two grouping keys are: shared stems over all stems (Jaccard). */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const left = new Set(a.split(' ').filter(Boolean));
  const right = new Set(b.split(' ').filter(Boolean));
  let shared = 0;
  for (const stem of left) if (right.has(stem)) shared++;
  const all = left.size + right.size - shared;
  return all === 0 ? 0 : shared / all;
}
