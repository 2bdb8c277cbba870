/**
 * The documents one question reaches, each with a row of per-word match strengths, in one flat
 * buffer reused from question to question: a question of common words reaches tens of thousands of
 * documents, and a map of arrays cost more than the scoring itself. One question at a time.
 */
export class ReachedDocuments {
  /** The documents reached, by slot (the order they were reached in). */
  readonly docs: Int32Array;
  count = 0;
  /** Slot `s`'s row is `values[s * width]` up to `values[(s + 1) * width]`. */
  values = new Float64Array(1024);
  private width = 0;
  /** Which question last reached each document (0: none yet), and in which slot. */
  private question = 0;
  private readonly questionOfDoc: Int32Array;
  private readonly slotOfDoc: Int32Array;

  constructor(documentCount: number) {
    this.docs = new Int32Array(documentCount);
    this.questionOfDoc = new Int32Array(documentCount);
    this.slotOfDoc = new Int32Array(documentCount);
  }

  /** Forgets the documents the last question reached; rows of `width` from now on. */
  begin(width: number): void {
    this.question = this.question === 2 ** 31 - 1 ? 1 : this.question + 1;
    if (this.question === 1) this.questionOfDoc.fill(0);
    this.width = width;
    this.count = 0;
  }

  /** `doc`'s slot, or -1 when this question has not reached it. */
  slotOf(doc: number): number {
    return this.questionOfDoc[doc] === this.question ? (this.slotOfDoc[doc] as number) : -1;
  }

  /** Where `doc`'s row starts in `values`, a zeroed row the first time the question reaches it. */
  rowOf(doc: number): number {
    if (this.questionOfDoc[doc] === this.question) return (this.slotOfDoc[doc] as number) * this.width;
    const slot = this.count++;
    this.docs[slot] = doc;
    this.questionOfDoc[doc] = this.question;
    this.slotOfDoc[doc] = slot;
    const start = slot * this.width;
    const end = start + this.width;
    if (end > this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, end));
      grown.set(this.values.subarray(0, start));
      this.values = grown;
    }
    for (let at = start; at < end; at++) this.values[at] = 0;
    return start;
  }
}
