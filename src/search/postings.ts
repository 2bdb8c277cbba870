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
  /** One entry per distinct word of each document, in document order. */
  private readonly occurrenceWord = new Int32Buffer();
  private readonly occurrenceDoc = new Int32Buffer();
  private readonly occurrenceFields = new Int32Buffer();

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
      this.occurrenceFields.set(at, this.occurrenceFields.get(at) | field);
      return;
    }
    this.lastDoc.set(word, doc);
    this.lastOccurrence.set(word, this.occurrenceWord.length);
    this.documentCount.set(word, this.documentCount.get(word) + 1);
    this.occurrenceWord.push(word);
    this.occurrenceDoc.push(doc);
    this.occurrenceFields.push(field);
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
    for (let at = 0; at < total; at++) {
      const word = this.occurrenceWord.get(at);
      const to = next[word] as number;
      next[word] = to + 1;
      docs[to] = this.occurrenceDoc.get(at);
      fields[to] = this.occurrenceFields.get(at);
      if ((at & 0x3fff) === 0x3fff) yield;
    }
    return { start, docs, fields };
  }
}
