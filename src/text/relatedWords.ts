import { openSortedLineFile } from './sortedLineFile.ts';

// Related words from WordNet 3.1 (see src/text/data/WORDNET-LICENSE), generated into related-words.txt by
// scripts/buildLexicon.ts: for a common English word, over its most frequent senses per part of speech
// (noun, verb, adjective), the words sharing a sense with it (synonym; for adjectives also the
// "similar to" cluster), its derivationally related forms (derived: "expire" → "expiration", "own" →
// "owner"), the direct hypernyms (broader) and direct hyponyms (narrower), and its antonyms. Only
// common words and two-word phrases of common words ("run out") are listed.

export type Relation = 'synonym' | 'derived' | 'broader' | 'narrower';

export interface RelatedWord {
  readonly word: string;
  readonly relation: Relation;
}

interface Entry {
  readonly related: readonly RelatedWord[];
  readonly antonyms: readonly string[];
}

const dataFile = new URL('./data/related-words.txt', import.meta.url);
const none: Entry = Object.freeze({ related: Object.freeze([]), antonyms: Object.freeze([]) });

// One line per word, sorted: "word<TAB>synonyms|broader|narrower|antonyms|derived", each a
// comma-separated list (the derived field is left off when empty). Looked up by binary search in
// the file itself (parsing all 30,000 entries up front cost every process ~65 ms at start, and
// reading the 2.6 MB whole most of the rest).
const lexicon = openSortedLineFile(dataFile);
const entries = new Map<string, Entry>();

/** Synonyms first, then derived, broader and narrower words, each in WordNet's sense order; [] for an unknown word. */
export function relatedWordsOf(word: string): readonly RelatedWord[] {
  return entryOf(word).related;
}

/** Words of opposite meaning ("stop" → "start", "continue"…); [] when WordNet lists none. */
export function antonymsOf(word: string): readonly string[] {
  return entryOf(word).antonyms;
}

function entryOf(word: string): Entry {
  const cached = entries.get(word);
  if (cached) return cached;
  const line = lexicon.find(word);
  const entry = line === null ? none : unpack(line);
  // Bounded: the lexicon has ~30,000 words.
  if (entries.size < 50_000) entries.set(word, entry);
  return entry;
}

function unpack(line: string): Entry {
  const [synonyms = '', broader = '', narrower = '', antonyms = '', derived = ''] = line.split('|');
  const related: RelatedWord[] = [];
  const groups: readonly (readonly [string, Relation])[] = [
    [synonyms, 'synonym'],
    [derived, 'derived'],
    [broader, 'broader'],
    [narrower, 'narrower'],
  ];
  for (const [list, relation] of groups) for (const word of split(list)) related.push(Object.freeze({ word, relation }));
  return Object.freeze({ related: Object.freeze(related), antonyms: Object.freeze(split(antonyms)) });
}

function split(list: string): string[] {
  return list === '' ? [] : list.split(',');
}
