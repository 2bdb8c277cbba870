/**
 * Ages that askers state about themselves or others ("I'm 70", "my kid is 15", "she just turned 14",
 * "a 6 year old"), and the age-group words a text about rules by age uses for them: "teen",
 * "senior", "child". A knowledge base says "teenagers aged 13 to 17" or "seniors 65 and over",
 * never "15" or "70"; without this the number would only match unrelated counts ("15 holds").
 */

/** An age-group word and how surely the age stands for it. */
export interface AgeWord {
  readonly word: string;
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

/** Age-group words by age, most specific first. "age" itself: a rule's text often says "what age…". */
function wordsForAge(age: number): readonly AgeWord[] {
  const groups: AgeWord[] = [];
  if (age <= 12) groups.push({ word: 'child', similarity: 0.8 }, { word: 'kid', similarity: 0.8 }, { word: 'minor', similarity: 0.7 }, { word: 'youth', similarity: 0.6 });
  else if (age <= 17) groups.push({ word: 'teen', similarity: 0.8 }, { word: 'teenager', similarity: 0.8 }, { word: 'youth', similarity: 0.7 }, { word: 'minor', similarity: 0.7 });
  else if (age <= 24) groups.push({ word: 'adult', similarity: 0.7 }, { word: 'youth', similarity: 0.5 });
  else if (age < 60) groups.push({ word: 'adult', similarity: 0.8 });
  else if (age < 65) groups.push({ word: 'adult', similarity: 0.7 }, { word: 'senior', similarity: 0.6 }, { word: 'older', similarity: 0.6 });
  else groups.push({ word: 'senior', similarity: 0.8 }, { word: 'elderly', similarity: 0.8 }, { word: 'older', similarity: 0.7 }, { word: 'retiree', similarity: 0.6 });
  groups.push({ word: 'age', similarity: 0.7 });
  return groups;
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
