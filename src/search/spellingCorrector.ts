/**
 * Optimal-string-alignment distance (Damerau–Levenshtein without re-editing a substring):
 * insertions, deletions, substitutions and swaps of two neighbouring letters each cost 1, so
 * "microsfot" is one edit from "microsoft". Stops early and returns `max + 1` once the distance
 * must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  // Three rows reused across calls: this runs for hundreds of candidates per misspelt word.
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[previous + j] as number) + 1, (rows[current + j - 1] as number) + 1, (rows[previous + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (rows[beforePrevious + j - 2] as number) + 1);
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return rows[previous + b.length] as number;
}

let rows = new Int32Array(96);

export interface Correction {
  readonly word: string;
  /** 1 for an exact word, less the more edits the correction took. */
  readonly similarity: number;
}

export interface SpellingCorrectorTuning {
  /** Shorter words are never corrected: "gg" or "lol" are one edit from too many words. */
  readonly minLength: number;
  /** Words at least this long may be two edits away; shorter ones only one. */
  readonly twoEditLength: number;
  /** Similarity of a one-edit and a two-edit correction. */
  readonly oneEditSimilarity: number;
  readonly twoEditSimilarity: number;
  /** At most this many corrections per word, best first. */
  readonly maxCorrections: number;
}

export const defaultSpellingTuning: SpellingCorrectorTuning = {
  minLength: 4,
  twoEditLength: 8,
  oneEditSimilarity: 0.85,
  twoEditSimilarity: 0.7,
  maxCorrections: 2,
};

export interface SpellingCorrector {
  /** The vocabulary words `word` is a likely misspelling of, fewest edits first; empty when none. */
  correct(word: string): Correction[];
}

/**
 * Corrects misspelt words against a vocabulary (the knowledge's own words). Words are bucketed by
 * length: an edit changes a word's length by at most one letter, so a word is only compared with
 * the few buckets it could be an edit away from. Within a bucket, the set of letters each word uses
 * rules most words out before the edit distance is computed: one edit adds or removes at most two
 * letters from the set (a swap none), so words whose sets differ by more cannot be close enough.
 */
export function createSpellingCorrector(
  vocabulary: Iterable<string>,
  tuning: SpellingCorrectorTuning = defaultSpellingTuning,
): SpellingCorrector {
  const byLength = new Map<number, Bucket>();
  const wordsByLength = new Map<number, string[]>();
  for (const word of vocabulary) {
    // A candidate this short would be a different word, not a misspelling ("cap" ← "capo").
    if (word.length < tuning.minLength - 1) continue;
    const bucket = wordsByLength.get(word.length) ?? [];
    bucket.push(word);
    wordsByLength.set(word.length, bucket);
  }
  for (const [length, words] of wordsByLength) byLength.set(length, { words, letters: Int32Array.from(words, letterSet) });

  return {
    correct(word) {
      if (word.length < tuning.minLength || /\d/.test(word)) return [];
      const maxEdits = word.length >= tuning.twoEditLength ? 2 : 1;
      const found: { word: string; edits: number; sameStart: boolean }[] = [];
      const letters = letterSet(word);
      for (let length = word.length - maxEdits; length <= word.length + maxEdits; length++) {
        const bucket = byLength.get(length);
        if (!bucket) continue;
        // The letter sets, one number per word in an array of their own, rule most words out at a
        // glance; only the rest are read as words.
        const { words, letters: candidateLetters } = bucket;
        for (let k = 0; k < candidateLetters.length; k++) {
          if (bitCount(letters ^ (candidateLetters[k] as number)) > 2 * maxEdits) continue;
          const candidate = words[k] as string;
          const edits = editDistance(word, candidate, maxEdits);
          if (edits <= maxEdits && edits > 0) found.push({ word: candidate, edits, sameStart: candidate[0] === word[0] });
        }
      }
      found.sort((a, b) => a.edits - b.edits || Number(b.sameStart) - Number(a.sameStart) || byCodeUnits(a.word, b.word));
      const fewest = found[0]?.edits;
      return found
        .filter((entry) => entry.edits === fewest)
        .slice(0, tuning.maxCorrections)
        .map((entry) => ({ word: entry.word, similarity: entry.edits === 1 ? tuning.oneEditSimilarity : tuning.twoEditSimilarity }));
    },
  };
}

/** The vocabulary's words of one length, and the letters each uses (see `letterSet`). */
interface Bucket {
  readonly words: readonly string[];
  readonly letters: Int32Array;
}

/** The letters a word uses, one bit each (a–z; other characters share the remaining bits). */
function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    set |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return set;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Plain code-unit order: the same everywhere, and no locale collator to load on the first question. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
