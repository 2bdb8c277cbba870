import { stemOf } from './stem.ts';

/**
 * Ages that askers state about themselves or others ("I'm 70", "my kid is 15", "she just turned 14",
 * "a 6 year old"), and the age-group words a text about rules by age uses for them: "teen",
 * "senior", "child". A knowledge base says "teenagers aged 13 to 17" or "seniors 65 and over",
 * never "15" or "70"; without this the number would only match unrelated counts ("15 holds").
 */

/** An age-group word and how surely the age stands for it. */
export interface AgeWord {
  readonly word: string;
  /** As `stemOf` makes it: what matching uses. */
  readonly stem: string;
  readonly similarity: number;
}

// Who an age is said of: the asker, a pronoun, or a relative ("my daughter is 15").
const people = new Set(['i', 'im', 'she', 'he', 'they', 'we', 'you']);
const relatives = new Set([
  ...['kid', 'kids', 'child', 'children', 'son', 'sons', 'daughter', 'daughters', 'boy', 'girl', 'baby', 'toddler'],
  ...['mom', 'mum', 'mother', 'dad', 'father', 'parent', 'parents', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'grandparent', 'grandparents'],
  ...['wife', 'husband', 'partner', 'brother', 'sister', 'nephew', 'niece', 'grandson', 'granddaughter', 'friend', 'neighbor', 'neighbour'],
]);
const linking = new Set(['is', 'am', 'are', 's', 'was', 'be']);
const before = new Set(['turned', 'turning', 'turn', 'turns', 'aged', 'age', 'ages']);

const maxAge = 110;

const groupWords = (...entries: readonly (readonly [word: string, similarity: number])[]): readonly AgeWord[] =>
  [...entries, ['age', 0.7] as const].map(([word, similarity]) => ({ word, stem: stemOf(word), similarity }));

/**
 * Age-group words by the oldest age each applies to, most specific first. "age" itself: a rule's
 * text often says "what age…".
 */
const ageGroups: readonly { readonly upTo: number; readonly words: readonly AgeWord[] }[] = [
  { upTo: 12, words: groupWords(['child', 0.8], ['kid', 0.8], ['minor', 0.7], ['youth', 0.6]) },
  { upTo: 17, words: groupWords(['teen', 0.8], ['teenager', 0.8], ['youth', 0.7], ['minor', 0.7]) },
  { upTo: 24, words: groupWords(['adult', 0.7], ['youth', 0.5]) },
  { upTo: 59, words: groupWords(['adult', 0.8]) },
  { upTo: 64, words: groupWords(['adult', 0.7], ['senior', 0.6], ['older', 0.6]) },
  { upTo: maxAge, words: groupWords(['senior', 0.8], ['elderly', 0.8], ['older', 0.7], ['retiree', 0.6]) },
];

function wordsForAge(age: number): readonly AgeWord[] {
  return (ageGroups.find((group) => age <= group.upTo) ?? ageGroups[ageGroups.length - 1]!).words;
}

/**
 * For each word of `words` (a canonical question, split) that states someone's age, the age-group
 * words it stands for, by the word's index. A number elsewhere ("is the limit 15?") is no age.
 */
export function statedAges(words: readonly string[]): ReadonlyMap<number, readonly AgeWord[]> {
  const ages = new Map<number, readonly AgeWord[]>();
  words.forEach((word, i) => {
    if (!/^\d{1,3}$/.test(word)) return;
    const age = Number(word);
    if (age > maxAge) return;
    const previous = words[i - 1] ?? '';
    const twoBack = words[i - 2] ?? '';
    const next = words[i + 1] ?? '';
    const saidOfSomeone =
      people.has(previous) ||
      before.has(previous) ||
      (linking.has(previous) && (people.has(twoBack) || relatives.has(twoBack))) ||
      relatives.has(previous) ||
      next === 'yo' ||
      ((next === 'year' || next === 'years' || next === 'yr' || next === 'yrs') && words[i + 2] === 'old');
    if (saidOfSomeone) ages.set(i, wordsForAge(age));
  });
  return ages;
}
