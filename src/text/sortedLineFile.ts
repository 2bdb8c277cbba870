import { fstatSync, openSync, readSync } from 'node:fs';

/**
 * A file of lines sorted by code units, each starting with its key, found by binary search with
 * positional reads: a lookup reads a few blocks of the file, not all of it. For a lexicon of
 * megabytes, of which a question needs a dozen lines, reading it whole cost every process more
 * than everything else it read. Blocks read are kept, so a long-running process reads each once.
 *
 * Lines are `key<TAB>rest`; lines starting with `#` at the top of the file are comments. A line
 * break's byte never occurs inside a UTF-8 character, so lines are found in the bytes and only the
 * keys compared are decoded.
 */
export interface SortedLineFile {
  /** The rest of `key`'s line after its tab, or null when no line has that key. */
  find(key: string): string | null;
}

const blockSize = 16 * 1024;
const newline = 0x0a;
const tab = 0x09;

export function openSortedLineFile(file: URL): SortedLineFile {
  let fd: number | null = null;
  let size = 0;
  /** Where the first line after the comments starts. */
  let dataStart = 0;
  const blocks = new Map<number, Buffer>();

  const block = (index: number): Buffer => {
    let bytes = blocks.get(index);
    if (!bytes) {
      const start = index * blockSize;
      bytes = Buffer.allocUnsafe(Math.min(blockSize, size - start));
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd!, bytes, filled, bytes.length - filled, start + filled);
        if (read === 0) throw new Error(`${file.pathname} is shorter than it was`);
        filled += read;
      }
      blocks.set(index, bytes);
    }
    return bytes;
  };

  /** Position of the last `byte` in [from, before), or -1. */
  const lastIndexOf = (byte: number, from: number, before: number): number => {
    for (let end = before; end > from; ) {
      const index = Math.floor((end - 1) / blockSize);
      const blockStart = index * blockSize;
      const found = block(index).lastIndexOf(byte, end - 1 - blockStart);
      if (found >= 0 && blockStart + found >= from) return blockStart + found;
      if (found >= 0) return -1;
      end = blockStart;
    }
    return -1;
  };

  /** Position of the first `byte` at or after `from` (before `end`), or `end`. */
  const indexOf = (byte: number, from: number, end: number): number => {
    for (let start = from; start < end; ) {
      const index = Math.floor(start / blockSize);
      const blockStart = index * blockSize;
      const found = block(index).indexOf(byte, start - blockStart);
      if (found >= 0) return Math.min(blockStart + found, end);
      start = blockStart + blockSize;
    }
    return end;
  };

  const text = (start: number, end: number): string => {
    if (end <= start) return '';
    const first = Math.floor(start / blockSize);
    const last = Math.floor((end - 1) / blockSize);
    if (first === last) return block(first).toString('utf8', start - first * blockSize, end - first * blockSize);
    const parts: Buffer[] = [];
    for (let index = first; index <= last; index++) {
      const blockStart = index * blockSize;
      parts.push(block(index).subarray(Math.max(start, blockStart) - blockStart, Math.min(end, blockStart + blockSize) - blockStart));
    }
    return Buffer.concat(parts).toString('utf8');
  };

  // Opened at the first lookup and kept open for the process's life, like a module it has loaded.
  const open = (): void => {
    fd = openSync(file, 'r');
    size = fstatSync(fd).size;
    while (dataStart < size && block(Math.floor(dataStart / blockSize))[dataStart % blockSize] === 0x23 /* # */) {
      dataStart = indexOf(newline, dataStart, size) + 1;
    }
  };

  return {
    find(key) {
      if (fd === null) open();
      let low = dataStart;
      let high = size;
      // Invariant: the key's line, if present, starts within [low, high).
      while (low < high) {
        const middle = (low + high) >> 1;
        const lineStart = Math.max(lastIndexOf(newline, low, middle) + 1, low);
        const lineEnd = indexOf(newline, lineStart, size);
        const keyEnd = indexOf(tab, lineStart, lineEnd);
        const lineKey = text(lineStart, keyEnd);
        if (lineKey === key) return keyEnd < lineEnd ? text(keyEnd + 1, lineEnd) : '';
        if (lineKey < key) low = lineEnd + 1;
        else high = lineStart;
      }
      return null;
    },
  };
}
