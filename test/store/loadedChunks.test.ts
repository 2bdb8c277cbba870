import { describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { createChunkAssembler, toChunks } from '../../src/store/loadedChunks.ts';
import { loadStable } from '../../src/store/loadStable.ts';

describe('a load sent between threads in chunks', () => {
  it('is put back together exactly, records in order, only once the last chunk has arrived', async () => {
    const loaded = await loadStable(bundledKnowledgeDir, {});
    if (!loaded.ok) throw new Error('bundled knowledge must be valid');
    const many = { ...loaded, knowledge: { ...loaded.knowledge, faq: Array.from({ length: 12 }, () => loaded.knowledge.faq).flat() } };
    const chunks = [...toChunks(many)];
    expect(chunks.length).toBeGreaterThan(2);
    const assemble = createChunkAssembler();
    const results = chunks.map((chunk) => assemble(structuredClone(chunk)));
    expect(results.slice(0, -1).every((result) => result === null)).toBe(true);
    expect(results.at(-1)).toEqual(many);
  });

  it('sends a failed load whole', () => {
    const failed = { ok: false as const, hash: null, bytes: 10, problems: [{ file: 'faq.yaml', line: 3, where: 'faq[0]', message: 'broken' }] };
    const assemble = createChunkAssembler();
    expect([...toChunks(failed)].map(assemble)).toEqual([failed]);
  });
});
