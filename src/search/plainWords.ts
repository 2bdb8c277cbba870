import { maxQuestionLength } from '../text/normalizeText.ts';

/**
 * The words of plain text, looked up as they are scanned: no normalised copy of the text, no
 * string per word occurrence, only one per distinct word. Indexing a large knowledge base reads
 * millions of word occurrences of a few tens of thousands of words, and making and hashing a string
 * for each was most of the work.
 *
 * Plain text is ASCII without the characters `normalizeText` treats specially (markup, links,
 * @names, %, apostrophes, underscores): there its words are exactly the runs of letters and digits,
 * lowercased, with "cant" read as "cannot". Other text is declined, for `normalizeText` to handle.
 */
export class PlainWordTable<V> {
  /** Open addressing: entry number + 1 per slot, 0 for empty, and the entry's hash; at most half full. */
  private slots = new Int32Array(4096);
  private slotHashes = new Int32Array(4096);
  /** The words as they appear in the text (lowercased), and what each stands for. */
  private readonly keys: string[] = [];
  private readonly values: V[] = [];
  /** Every key's letters, one byte each, from `keyStart[entry]`: compared without reaching for the strings. */
  private keyLetters = new Uint8Array(65536);
  private keyLettersLength = 0;
  private readonly keyStart: number[] = [];
  private readonly keyLength: number[] = [];

  constructor(
    /** What a word (normalised: "cant" is "cannot") stands for; asked once per distinct word. */
    private readonly valueOf: (word: string) => V,
    /** Beyond this many distinct words, new ones are not kept. */
    private readonly maxWords = 500_000,
  ) {}

  /** Appends to `into` what each word of `raw` stands for, in order; false, with `into` partly filled, when `raw` is not plain text. */
  wordsOf(raw: string, into: V[]): boolean {
    const end = Math.min(raw.length, maxQuestionLength);
    let start = -1;
    let hash = 0;
    // The last four letters of the current run, one per byte: "http" and "www." mean a link.
    let recent = 0;
    for (let at = 0; at <= end; at++) {
      const code = at < end ? raw.charCodeAt(at) : space;
      const lower = code >= 65 && code <= 90 ? code + 32 : code;
      if ((lower >= 97 && lower <= 122) || (code >= 48 && code <= 57)) {
        if (start < 0) {
          start = at;
          hash = fnvOffset;
        }
        hash = Math.imul(hash ^ lower, fnvPrime);
        recent = ((recent << 8) | lower) >>> 0;
        if (recent === http) return false;
        continue;
      }
      if (code >= 128 || special[code] === 1 || (code === dot && (recent & 0xffffff) === www)) return false;
      if (start >= 0) {
        into.push(this.valueAt(raw, start, at, hash));
        start = -1;
        recent = 0;
      }
    }
    return true;
  }

  private valueAt(raw: string, start: number, end: number, hash: number): V {
    const { slots, slotHashes, keys } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[slot] as number) - 1;
      if (entry < 0) break;
      if (slotHashes[slot] !== hash) continue;
      const from = this.keyStart[entry] as number;
      if (this.keyLength[entry] === length && this.sameLetters(from, raw, start, length)) return this.values[entry] as V;
    }
    const key = raw.slice(start, end).toLowerCase();
    const value = this.valueOf(key === 'cant' ? 'cannot' : key);
    if (keys.length < this.maxWords) this.insert(key, hash, value);
    return value;
  }

  private sameLetters(from: number, raw: string, start: number, length: number): boolean {
    const letters = this.keyLetters;
    for (let i = 0; i < length; i++) {
      const code = raw.charCodeAt(start + i);
      if (letters[from + i] !== (code >= 65 && code <= 90 ? code + 32 : code)) return false;
    }
    return true;
  }

  private insert(key: string, hash: number, value: V): void {
    this.keyStart.push(this.keyLettersLength);
    this.keyLength.push(key.length);
    if (this.keyLettersLength + key.length > this.keyLetters.length) {
      const grown = new Uint8Array(2 * (this.keyLettersLength + key.length));
      grown.set(this.keyLetters);
      this.keyLetters = grown;
    }
    for (let i = 0; i < key.length; i++) this.keyLetters[this.keyLettersLength++] = key.charCodeAt(i);
    this.keys.push(key);
    this.values.push(value);
    if (2 * this.keys.length > this.slots.length) {
      const { slots, slotHashes } = this;
      this.slots = new Int32Array(2 * slots.length);
      this.slotHashes = new Int32Array(2 * slots.length);
      for (let slot = 0; slot < slots.length; slot++) if (slots[slot] !== 0) this.place(slots[slot] as number, slotHashes[slot] as number);
    }
    this.place(this.keys.length, hash);
  }

  /** Puts entry number + 1 with its hash in the first free slot from the hash's own. */
  private place(entryPlusOne: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entryPlusOne;
    this.slotHashes[slot] = hash;
  }
}

const space = 32;
const dot = 46;
const fnvOffset = 0x811c9dc5 | 0;
const fnvPrime = 0x01000193;
const http = 0x68747470;
const www = 0x777777;

/** ASCII characters after which `normalizeText` does more than split on them (see `PlainWordTable`). */
const special = new Uint8Array(128);
for (const char of `<>@%'\`_`) special[char.charCodeAt(0)] = 1;
