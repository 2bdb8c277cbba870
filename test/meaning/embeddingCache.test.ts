import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phrasingKey, readEmbeddingCache, writeEmbeddingCache } from '../../src/meaning/embeddingCache.ts';
import { cosine, quantize } from '../../src/meaning/quantizedVector.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faq-embeddings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const unit = (values: number[]) => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (x) => x / norm);
};

describe('embedding cache', () => {
  it('gives back the vectors it was given, by phrasing', async () => {
    const file = path.join(dir, 'nested', 'embeddings.bin');
    const vectors = new Map([
      [phrasingKey('model@1', 'can openai use aws?'), quantize(unit([1, 2, 3, 4]))],
      [phrasingKey('model@1', 'who owns openai?'), quantize(unit([-4, 0, 1, 0.5]))],
    ]);
    expect(await writeEmbeddingCache(file, 'model@1', 4, vectors)).toBe(true);
    const read = await readEmbeddingCache(file, 'model@1', 4);
    expect([...read.keys()]).toEqual([...vectors.keys()]);
    const query = unit([1, 2, 3, 4]);
    expect(cosine(query, read.get(phrasingKey('model@1', 'can openai use aws?'))!)).toBeCloseTo(1, 2);
    expect(cosine(query, read.get(phrasingKey('model@1', 'who owns openai?'))!)).toBeCloseTo(cosine(query, vectors.get(phrasingKey('model@1', 'who owns openai?'))!), 6);
  });

  it('names a phrasing by its exact text and the model', () => {
    expect(phrasingKey('model@1', 'Can OpenAI use AWS?')).not.toBe(phrasingKey('model@1', 'can openai use aws?'));
    expect(phrasingKey('model@2', 'can openai use aws?')).not.toBe(phrasingKey('model@1', 'can openai use aws?'));
  });

  it('ignores a file of another model, or one damaged or missing', async () => {
    const file = path.join(dir, 'embeddings.bin');
    expect((await readEmbeddingCache(file, 'model@1', 4)).size).toBe(0);
    await writeEmbeddingCache(file, 'model@1', 4, new Map([[phrasingKey('model@1', 'a question'), quantize(unit([1, 0, 0, 0]))]]));
    expect((await readEmbeddingCache(file, 'model@1', 4)).size).toBe(1);
    expect((await readEmbeddingCache(file, 'model@2', 4)).size).toBe(0);
    const bytes = await readFile(file);
    bytes[bytes.length - 40]! ^= 0xff;
    await writeFile(file, bytes);
    expect((await readEmbeddingCache(file, 'model@1', 4)).size).toBe(0);
  });

  it('reports a folder it cannot write instead of throwing', async () => {
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, 'not a folder');
    expect(await writeEmbeddingCache(path.join(blocked, 'embeddings.bin'), 'model@1', 4, new Map())).toBe(false);
  });
});
