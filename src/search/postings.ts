import type { BuildSteps } from './buildSteps.ts';
import { Int32Buffer } from './flatArrays.ts';

/** Where a word occurs in a document: bit flags, so a word in both keeps both. */
export const inPhrasing = 1;
export const inBody = 2;

/**
 * Every word's documents, ascending, in one array: word `w`'s are `docs[start[w]]` up to (not
 * including) `docs[start[w + 1]]`, and `fields` says for each whether the word is in a phrasing,
 * the body or both.
 */
export interface Postings {
  readonly start: Int32Array;
  readonly docs: Int32Array;
  readonly fields: Uint8Array;
}

/**
 * Collects (word, document) occurrences, documents in ascending order, then lays them out in
 * `Postings` with one counting pass: no list per word grows by copying, and nothing is left over.
 */
export class PostingsBuilder {
  /** Per word: how many documents it is in, the last one, and where that occurrence is recorded. */
  private readonly documentCount = new Int32Buffer();
  private readonly lastDoc = new Int32Buffer();
  private readonly lastOccurrence = new Int32Buffer();
  /**
   * One entry per distinct word of each document, in document order: the word's number and its
   * fields in one number (`word << fieldBits | fields`). One array rather than one each for the word, the
   * document and the fields: it is the largest of the build, and every doubling of it is fresh
   * memory to allocate and fill.
   */
  private readonly occurrences = new Int32Buffer();
  /** Each document with occurrences, ascending, and where its occurrences start. */
  private readonly runDoc = new Int32Buffer();
  private readonly runStart = new Int32Buffer();

  /** Word numbers are given out in order: 0, 1, 2… */
  get words(): number {
    return this.documentCount.length;
  }

  addWord(): number {
    const word = this.documentCount.length;
    this.documentCount.push(0);
    this.lastDoc.push(-1);
    this.lastOccurrence.push(0);
    return word;
  }

  /** `doc` is never lower than in an earlier call. */
  add(word: number, doc: number, field: number): void {
    if (this.lastDoc.get(word) === doc) {
      const at = this.lastOccurrence.get(word);
      this.occurrences.set(at, this.occurrences.get(at) | field);
      return;
    }
    const { runDoc, occurrences } = this;
    if (runDoc.length === 0 || runDoc.get(runDoc.length - 1) !== doc) {
      runDoc.push(doc);
      this.runStart.push(occurrences.length);
    }
    this.lastDoc.set(word, doc);
    this.lastOccurrence.set(word, occurrences.length);
    this.documentCount.set(word, this.documentCount.get(word) + 1);
    occurrences.push((word << fieldBits) | field);
  }

  /** How many documents `word` is in so far. */
  documentsOf(word: number): number {
    return this.documentCount.get(word);
  }

  *build(): BuildSteps<Postings> {
    const words = this.words;
    const start = new Int32Array(words + 1);
    for (let word = 0; word < words; word++) start[word + 1] = (start[word] as number) + this.documentCount.get(word);
    const total = start[words] as number;
    const docs = new Int32Array(total);
    const fields = new Uint8Array(total);
    const next = start.slice(0, words);
    const { occurrences, runDoc, runStart } = this;
    for (let run = 0; run < runDoc.length; run++) {
      const doc = runDoc.get(run);
      const end = run + 1 < runDoc.length ? runStart.get(run + 1) : occurrences.length;
      for (let at = runStart.get(run); at < end; at++) {
        const occurrence = occurrences.get(at);
        const word = occurrence >> fieldBits;
        const to = next[word] as number;
        next[word] = to + 1;
        docs[to] = doc;
        fields[to] = occurrence & fieldMask;
      }
      if ((run & 0xff) === 0xff) yield;
    }
    return { start, docs, fields };
  }
}

/** The bits a posting's fields take (`inPhrasing | inBody`) below the word number in an occurrence. */
const fieldBits = 2;
const fieldMask = (1 << fieldBits) - 1;
