/**
 * The documents a question reaches, taken highest score bound first (ties: lower document first,
 * as a sort would give them). A question of common words reaches tens of thousands of documents and
 * ranking usually stops after a few: no object per candidate and no sort, only typed arrays reused
 * from question to question and a binary heap of candidate numbers.
 */
export class CandidateQueue {
  /** By candidate number: the document, its slot among the documents reached, and what its bound was made of. */
  docs = new Int32Array(1024);
  slots = new Int32Array(1024);
  queryCoverages = new Float64Array(1024);
  phrasingBounds = new Float64Array(1024);
  /** Word-order agreement: until `orderKnown`, only the share of the question's pairs whose two words the document has. */
  orderAgreements = new Float64Array(1024);
  bounds = new Float64Array(1024);
  /** 1 once a candidate's word order is looked up: its order agreement is then exact, and its bound tighter. */
  orderKnown = new Uint8Array(1024);
  private heap = new Int32Array(1024);
  private count = 0;
  private heapSize = 0;

  /** Forgets the last question's candidates; room for `capacity` new ones. */
  reset(capacity: number): void {
    this.count = 0;
    this.heapSize = 0;
    if (capacity <= this.heap.length) return;
    const size = Math.max(capacity, 2 * this.heap.length);
    this.docs = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.queryCoverages = new Float64Array(size);
    this.phrasingBounds = new Float64Array(size);
    this.orderAgreements = new Float64Array(size);
    this.bounds = new Float64Array(size);
    this.orderKnown = new Uint8Array(size);
    this.heap = new Int32Array(size);
  }

  /** Adds a candidate (within the capacity given to `reset`). */
  add(doc: number, slot: number, queryCoverage: number, phrasingBound: number, orderAgreement: number, bound: number): void {
    const candidate = this.count++;
    this.docs[candidate] = doc;
    this.slots[candidate] = slot;
    this.queryCoverages[candidate] = queryCoverage;
    this.phrasingBounds[candidate] = phrasingBound;
    this.orderAgreements[candidate] = orderAgreement;
    this.bounds[candidate] = bound;
    this.orderKnown[candidate] = 0;
    this.heap[candidate] = candidate;
  }

  /** Puts a candidate just popped back, its word order looked up: a lower bound, the exact agreement. */
  putBackWithOrder(candidate: number, orderAgreement: number, bound: number): void {
    this.orderAgreements[candidate] = orderAgreement;
    this.bounds[candidate] = bound;
    this.orderKnown[candidate] = 1;
    const { heap } = this;
    let at = this.heapSize++;
    heap[at] = candidate;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(candidate, heap[parent] as number)) return;
      heap[at] = heap[parent] as number;
      heap[parent] = candidate;
      at = parent;
    }
  }

  /** Orders the candidates added; call once, before the first `pop`. */
  heapify(): void {
    this.heapSize = this.count;
    for (let i = (this.heapSize >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The candidate number with the highest bound, or -1 when none is left. */
  pop(): number {
    if (this.heapSize === 0) return -1;
    const { heap } = this;
    const top = heap[0] as number;
    this.heapSize--;
    if (this.heapSize > 0) {
      heap[0] = heap[this.heapSize] as number;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const boundA = this.bounds[a] as number;
    const boundB = this.bounds[b] as number;
    return boundA > boundB || (boundA === boundB && (this.docs[a] as number) < (this.docs[b] as number));
  }

  private siftDown(start: number): void {
    const { heap, heapSize } = this;
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < heapSize && this.before(heap[left] as number, heap[first] as number)) first = left;
      if (right < heapSize && this.before(heap[right] as number, heap[first] as number)) first = right;
      if (first === at) return;
      const moved = heap[at] as number;
      heap[at] = heap[first] as number;
      heap[first] = moved;
      at = first;
    }
  }
}
