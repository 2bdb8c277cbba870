import { isFamiliarWord } from './familiarWords.ts';
import { antonymsOf, relatedWordsOf } from './relatedWords.ts';

/** Prefixes that make a word its opposite: "uncapped", "nonexclusive", "indirect", "illegal", "disagree". */
export const negatingPrefixes = ['non', 'un', 'in', 'im', 'il', 'ir', 'dis'] as const;
/** The ones that still make new words ("uncapped", "noncompete"): the rest only in words a dictionary lists. */
const productivePrefixes: readonly string[] = ['non', 'un'];
/** The suffix that negates at the end: "capless". */
const negatingSuffix = 'less';
/** A shorter remainder is rarely the word negated ("un" + "it"). */
const minBaseLength = 3;

/**
 * The word that `word` negates by a prefix or "-less" ("uncapped" → "capped", "nonexclusive" and
 * "non-exclusive" → "exclusive", "unlimited" → "limited", "capless" → "cap"), or null. The base must be
 * a dictionary word. A word the dictionary lists counts only when it gives the base as its antonym:
 * "display" is not the opposite of "play", "income" of "come", nor "limitless" of "limit" (WordNet:
 * "measurable"). A word it does not list is a coinage ("uncapped") when it is no everyday word
 * ("unless") and has a prefix that still makes new words: un-, non- or -less.
 */
export function negatedBaseOf(word: string): string | null {
  const lower = word.toLowerCase();
  const listed = isDictionaryWord(lower);
  if (!listed && isFamiliarWord(lower)) return null;
  const antonyms = listed ? antonymsOf(lower) : [];
  for (const { base, productive } of baseCandidates(lower)) {
    if (base.length < minBaseLength || !isDictionaryWord(base)) continue;
    if (listed ? antonyms.includes(base) : productive) return base;
  }
  return null;
}

/**
 * The words that negate `word`, as `negatedBaseOf` reads them back: "limited" → "unlimited",
 * "nonlimited", "limitedless"; "agree" → "disagree". Only a dictionary word has any: the dictionary's
 * own antonyms that negate it by a prefix, and the forms un-, non- and -less would coin.
 */
export function negationsOf(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.length < minBaseLength || !isDictionaryWord(lower)) return [];
  const coined = [...productivePrefixes.map((prefix) => `${prefix}${lower}`), `${lower}${negatingSuffix}`];
  const listed = antonymsOf(lower).filter((antonym) => !coined.includes(antonym) && baseCandidates(antonym).some(({ base }) => base === lower));
  return [...coined, ...listed].filter((candidate) => negatedBaseOf(candidate) === lower);
}

function baseCandidates(word: string): { base: string; productive: boolean }[] {
  const bases: { base: string; productive: boolean }[] = [];
  for (const prefix of negatingPrefixes) {
    if (word.startsWith(prefix)) bases.push({ base: word.slice(prefix.length).replace(/^-/, ''), productive: productivePrefixes.includes(prefix) });
  }
  if (word.endsWith(negatingSuffix)) bases.push({ base: word.slice(0, -negatingSuffix.length).replace(/-$/, ''), productive: true });
  return bases;
}

function isDictionaryWord(word: string): boolean {
  return relatedWordsOf(word).length > 0 || antonymsOf(word).length > 0;
}
