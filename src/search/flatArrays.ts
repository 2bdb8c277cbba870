/**
 * The index keeps its per-document and per-word lists in a few large typed arrays, each list a
 * range of one array, instead of an array per list: at 10,000 records that is hundreds of
 * thousands of small objects fewer to allocate, collect and keep.
 */

/** An Int32Array that grows as numbers are appended. */
export class Int32Buffer {
  private array = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.array.length) this.array = grow(this.array, new Int32Array(2 * this.array.length));
    this.array[this.length++] = value;
  }

  get(at: number): number {
    return this.array[at] as number;
  }

  set(at: number, value: number): void {
    this.array[at] = value;
  }

  /** Whether `value` is among the numbers from `start` on (a short tail: a phrasing's words). */
  includesFrom(start: number, value: number): boolean {
    for (let at = start; at < this.length; at++) if (this.array[at] === value) return true;
    return false;
  }

  /** The numbers appended, in a copy of their exact size. */
  toArray(): Int32Array {
    return this.array.slice(0, this.length);
  }
}

/** A Float64Array that grows as numbers are appended. */
export class Float64Buffer {
  private array = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.array.length) this.array = grow(this.array, new Float64Array(2 * this.array.length));
    this.array[this.length++] = value;
  }

  /** Sorts the numbers from `start` on, ascending, and drops repeats among them. */
  sortAndDedupeFrom(start: number): void {
    const tail = this.array.subarray(start, this.length).sort();
    let kept = 0;
    for (let i = 0; i < tail.length; i++) if (i === 0 || tail[i] !== tail[kept - 1]) tail[kept++] = tail[i] as number;
    this.length = start + kept;
  }

  toArray(): Float64Array {
    return this.array.slice(0, this.length);
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
