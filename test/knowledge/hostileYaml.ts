/**
 * Hostile knowledge file contents from the audit (issue 10), shared by the knowledge, store and
 * CLI tests.
 */

/** "Billion laughs": 9 values, each level 9 aliases of the one before, `depth` levels (8 → 9^9 values). */
export function aliasBomb(depth = 8): string {
  const lines = [`lol0: &a0 [${Array(9).fill('lol').join(', ')}]`];
  for (let level = 1; level <= depth; level++) lines.push(`lol${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** `text` as a Windows editor's "Unicode" save: UTF-16 little-endian with a byte order mark. */
export function utf16le(text: string, { bom = true } = {}): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}
