import Fuse, { type IFuseOptions } from 'fuse.js/basic';
import type { BuildSteps } from './buildSteps.ts';
import { Int32Buffer } from './flatArrays.ts';

/**
 * Typed words shorter than this are not looked at for slips, nor are words of names shorter than
 * this what a slip was meant as: one edit from three letters ("azr") is too many words to mean one.
 */
const minSlipLength = 4;
/** Sorts after every letter: the words starting with some letters sort from them up to them followed by this. */
const afterEveryLetter = '\uffff';
/** Past this many letters, what was typed is compared by Fuse alone (see `headsNear`). */
const maxHeadLength = 8;

/**
 * Fuse scores how far what was typed is from the start of a word: the share of its letters
 * wrong (a swap of two neighbours counts two), and a quarter more for each letter into the word
 * the match starts. Half is one slip in four letters, swap included ("azru" → "azure").
 */
const fuseOptions: IFuseOptions<string> = { isCaseSensitive: true, threshold: 0.5, location: 0, distance: 4 };

export interface TypoIndex {
  /**
   * The typo tier: up to `limit` names, by position, one per record not `offered`, that hold for
   * each typed word starting no word of any name a word whose start it is one slip from, and
   * contain every other typed word; closest first (Fuse's scores summed), then in list order.
   * Empty when every typed word starts a word somewhere: nothing was mistyped.
   */
  closest(typedWords: readonly string[], offered: ReadonlySet<string>, limit: number): number[];
}

/**
 * The typo tier of autocomplete, built once per knowledge snapshot. A Fuse search of every word
 * of the names takes 25–90 ms a keystroke at 10,000 records (19,000 words); here Fuse scores only
 * the words starting one edit from what was typed, found by binary search in the names' sorted
 * words, and a flat list of the names holding each word leads to the names.
 */
export function* typoIndexSteps(names: readonly { readonly match: string; readonly value: string }[]): BuildSteps<TypoIndex> {
  const idOf = new Map<string, number>();
  const pairWords = new Int32Buffer();
  const pairNames = new Int32Buffer();
  for (const [position, { match }] of names.entries()) {
    const start = pairWords.length;
    // Words found between spaces and only the long enough ones copied out: no array per name, and no
    // string for the quarter of the words too short to matter (at 10,000 records, 75,000 of 320,000).
    for (let from = 0, to = 0; from < match.length; from = to + 1) {
      to = match.indexOf(' ', from);
      if (to < 0) to = match.length;
      if (to - from < minSlipLength) continue;
      const word = match.slice(from, to);
      let id = idOf.get(word);
      if (id === undefined) idOf.set(word, (id = idOf.size));
      if (pairWords.includesFrom(start, id)) continue;
      pairWords.push(id);
      pairNames.push(position);
    }
    if (position % 256 === 255) yield;
  }
  const unsorted = [...idOf.keys()];
  idOf.clear();
  yield;
  const words = [...unsorted].sort();
  yield;
  const rankOf = new Map(words.map((word, rank) => [word, rank]));
  // The letters in the words' heads, in the order first met: an array of letters per word was a tenth
  // of this index's build at 10,000 records.
  const letters = new Set<string>();
  for (const word of words) for (const letter of word.slice(0, maxHeadLength)) letters.add(letter);
  const alphabet = [...letters];
  yield;
  // The names holding each word, in list order: word k's are postings[offsets[k]] up to offsets[k + 1].
  const offsets = new Int32Array(words.length + 1);
  const sortedId = Int32Array.from(unsorted, (word) => rankOf.get(word)!);
  for (let at = 0; at < pairWords.length; at++) offsets[sortedId[pairWords.get(at)]! + 1]!++;
  for (let k = 0; k < words.length; k++) offsets[k + 1]! += offsets[k]!;
  const next = offsets.slice(0, words.length);
  const postings = new Int32Array(pairWords.length);
  for (let at = 0; at < pairWords.length; at++) postings[next[sortedId[pairWords.get(at)]!]!++] = pairNames.get(at);

  /** The first word from `low` to `high` not sorted before `text`. */
  const lowerBound = (text: string, low = 0, high = words.length): number => {
    while (low < high) {
      const mid = (low + high) >> 1;
      if (words[mid]! < text) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const startsSomeWord = (typed: string): boolean => words[lowerBound(typed)]?.startsWith(typed) ?? false;

  /** The words `typed` may be a slip for the start of, by position in `words`, with Fuse's score. */
  const wordsNear = (typed: string): Map<number, number> => {
    const near = new Map<number, number>();
    const scored = new Set<number>();
    for (const { before, heads } of headsNear(typed, alphabet)) {
      const low = lowerBound(before);
      const high = lowerBound(`${before}${afterEveryLetter}`, low);
      for (const head of heads) {
        for (let k = lowerBound(head, low, high); k < high && words[k]!.startsWith(head); k++) {
          // A word may start with more than one head: a shorter one (a letter dropped), or one met at another place.
          if (scored.has(k)) continue;
          scored.add(k);
          const { isMatch, score } = Fuse.match(typed, words[k]!, fuseOptions);
          if (isMatch) near.set(k, score);
        }
      }
    }
    return near;
  };
  /** Where in `postings` the names holding a word starting with `typed` are (a name may be there twice). */
  const namesStarting = (typed: string): { from: number; to: number } => {
    const start = lowerBound(typed);
    return { from: offsets[start]!, to: offsets[lowerBound(`${typed}${afterEveryLetter}`, start)]! };
  };
  const namesHolding = (near: ReadonlyMap<number, number>): number => {
    let count = 0;
    for (const k of near.keys()) count += offsets[k + 1]! - offsets[k]!;
    return count;
  };

  return {
    closest(typedWords, offered, limit) {
      const slipWords = typedWords.filter((word) => word.length >= minSlipLength && !startsSomeWord(word));
      if (slipWords.length === 0) return [];
      const slips: { near: Map<number, number>; scoreOf: Map<string, number>; names: number }[] = [];
      for (const word of slipWords) {
        const near = wordsNear(word);
        // A word that is a slip for none: no name fits (and the rest of a garbled line need not be looked at).
        if (near.size === 0) return [];
        slips.push({ near, scoreOf: new Map([...near].map(([k, score]) => [words[k]!, score])), names: namesHolding(near) });
      }
      const spelled = typedWords.filter((word) => word && !slipWords.includes(word));
      // Short words need only be in the name, as in the tier before; longer ones start one of its words.
      const contained = spelled.filter((word) => word.length < minSlipLength);
      const starting = spelled.filter((word) => word.length >= minSlipLength).map((word) => ({ word, spaced: ` ${word}`, ...namesStarting(word) }));

      /**
       * How far off a name is, null if it does not fit: Fuse's scores of its closest word for each
       * slip, summed; or `known`, when the one slip's word the name was reached by scores that
       * (a closer word of the same name was met before, at its own score).
       */
      const scoreOf = (match: string, known: number | null): number | null => {
        if (!contained.every((word) => match.includes(word))) return null;
        if (!starting.every(({ word, spaced }) => match.startsWith(word) || match.includes(spaced))) return null;
        if (known !== null) return known;
        const nameWords = match.split(' ');
        let total = 0;
        for (const slip of slips) {
          let best = Number.POSITIVE_INFINITY;
          for (const word of nameWords) best = Math.min(best, slip.scoreOf.get(word) ?? Number.POSITIVE_INFINITY);
          if (best === Number.POSITIVE_INFINITY) return null;
          total += best;
        }
        return total;
      };
      const found = new Map<string, { name: number; score: number }>();
      /** The name's record if the name fits, kept as the record's name when closer than the one found before (or as close and earlier). */
      const consider = (name: number, known: number | null): string | null => {
        const { match, value } = names[name]!;
        if (offered.has(value)) return null;
        const score = scoreOf(match, known);
        if (score === null) return null;
        const previous = found.get(value);
        if (!previous || score < previous.score || (score === previous.score && name < previous.name)) found.set(value, { name, score });
        return value;
      };

      // The names are reached from the slip fewest names hold, closest words first, stopping once
      // `limit` records are sure; or, when that would walk more names, from all the names holding
      // the rarest other typed word. Walking a slip's names meets one that also holds the other
      // words about as often as they are held (taken as independent).
      const [lead] = [...slips].sort((a, b) => a.names - b.names);
      const [rarest] = [...starting].sort((a, b) => a.to - a.from - (b.to - b.from));
      const fitting = starting.reduce((share, { from, to }) => share * ((to - from) / names.length), 1);
      if (rarest && lead && rarest.to - rarest.from < Math.min(lead.names, limit / fitting)) {
        for (let at = rarest.from; at < rarest.to; at++) consider(postings[at]!, null);
      } else if (lead) {
        // A name holding one of the lead slip's words scores at least that word's score: once
        // `limit` records score less than the next word's, no later name can be offered, and a
        // common word ("acount" → "account") need not be walked to its end.
        const byScore = [...lead.near].sort((a, b) => a[1] - b[1]);
        for (let at = 0; at < byScore.length; ) {
          const levelScore = byScore[at]![1];
          for (; at < byScore.length && byScore[at]![1] === levelScore; at++) {
            const k = byScore[at]![0];
            const records = new Set<string>();
            for (let p = offsets[k]!; p < offsets[k + 1]!; p++) {
              const record = consider(postings[p]!, slips.length === 1 ? levelScore : null);
              if (record !== null) records.add(record);
              // With one slip, a word's names all score the same: past its first `limit` records, none can be offered.
              if (slips.length === 1 && records.size >= limit) break;
            }
          }
          const nextScore = byScore[at]?.[1] ?? Number.POSITIVE_INFINITY;
          let sure = 0;
          for (const { score } of found.values()) if (score < nextScore) sure++;
          if (sure >= limit) break;
        }
      }
      return [...found.values()]
        .sort((a, b) => a.score - b.score || a.name - b.name)
        .slice(0, limit)
        .map(({ name }) => name);
    },
  };
}

/**
 * The starts of every word `typed` could be one slip from the start of: what was typed with one
 * letter changed, added, dropped or swapped with the next (the first eight letters of it: past
 * them, Fuse judges the rest). Grouped by where the slip is, with the letters before it, which
 * every start in the group shares.
 */
function headsNear(typed: string, alphabet: readonly string[]): { before: string; heads: string[] }[] {
  const length = Math.min(typed.length, maxHeadLength);
  return Array.from({ length }, (_, at) => {
    const before = typed.slice(0, at);
    const afterChanged = typed.slice(at + 1, length);
    const afterAdded = typed.slice(at, length - 1);
    const heads = alphabet.flatMap((letter) => [before + letter + afterChanged, before + letter + afterAdded]);
    // A letter too many ("revneue"), unless what is left is too short to be a slip for anything.
    if (typed.length > minSlipLength) heads.push(before + typed.slice(at + 1, length + 1));
    if (at + 1 < typed.length) heads.push((before + typed[at + 1] + typed[at] + typed.slice(at + 2, length)).slice(0, length));
    return { before, heads };
  });
}
