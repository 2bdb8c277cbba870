import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSortedLineFile } from '../../src/text/sortedLineFile.ts';

describe('openSortedLineFile', () => {
  let dir: string;
  const lines = new Map<string, string>();
  let file: URL;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'faq-sorted-'));
    // Keys of every length, values from empty to longer than the blocks the file is read in, UTF-8 included.
    for (let i = 0; i < 6000; i++) {
      const key = `${String.fromCharCode(97 + (i % 26))}${i.toString(36)}${i % 7 === 0 ? 'é' : ''}`;
      const value = i % 500 === 0 ? 'x'.repeat(40_000 + i) : i % 3 === 0 ? '' : `v${i},w${i}|é|${'y'.repeat(i % 300)}`;
      lines.set(key, value);
    }
    const sorted = [...lines.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    file = pathToFileURL(path.join(dir, 'words.txt'));
    await writeFile(file, `# a comment\n# another\n${sorted.map((key) => `${key}\t${lines.get(key)}`).join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds every line by its key, across block boundaries', () => {
    const lookup = openSortedLineFile(file);
    expect([...lines].filter(([key, value]) => lookup.find(key) !== value)).toEqual([]);
  });

  it('finds nothing for keys that are not there, comments and prefixes included', () => {
    const lookup = openSortedLineFile(file);
    for (const key of ['', '#', '# a comment', 'a', 'zzzzzz', 'b1x', '\t', 'a0\tx', 'é']) {
      expect(lookup.find(key), JSON.stringify(key)).toBe(lines.get(key) ?? null);
    }
  });
});
