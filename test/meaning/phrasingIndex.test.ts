import { describe, expect, it } from 'vitest';
import { createPhrasingIndex } from '../../src/meaning/phrasingIndex.ts';
import { quantize } from '../../src/meaning/quantizedVector.ts';

const unit = (...values: number[]) => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (x) => x / norm);
};
// Made-up embeddings in three dimensions.
const vectors: Record<string, Float32Array> = {
  'north one': unit(1, 0, 0),
  'north two': unit(0.9, 0.1, 0),
  'east one': unit(0, 1, 0),
  'mixed one': unit(0.95, 0, 0.3),
  'mixed two': unit(0, 0, 1),
  'up one': unit(0, 0.2, 1),
};
const index = createPhrasingIndex(
  [
    { key: 'faq:north', phrasings: ['north one', 'north two'] },
    { key: 'faq:mixed', phrasings: ['mixed one', 'mixed two'] },
    { key: 'faq:east', phrasings: ['east one'] },
    { key: 'faq:up', phrasings: ['up one'] },
  ],
  (phrasing) => quantize(vectors[phrasing]!),
);

describe('phrasing index', () => {
  it('ranks a record by its closest phrasing and by what its phrasings share', () => {
    const [first, second] = index.nearest(unit(1, 0, 0.05), 2);
    // "mixed one" is nearly as close as "north one", but the mixed record's other phrasing points elsewhere.
    expect(first).toMatchObject({ key: 'faq:north', phrasing: 'north one', rank: 1 });
    expect(second).toMatchObject({ key: 'faq:mixed', phrasing: 'mixed one', rank: 2 });
    expect(first!.closest).toBeGreaterThan(0.99);
    expect(first!.similarity).toBeCloseTo((first!.closest + first!.centroid) / 2, 6);
  });

  it('says how close each record\u2019s nearest other record is', () => {
    const byKey = new Map(index.nearest(unit(1, 0, 0), 4).map((m) => [m.key, m.neighbor]));
    // mixed and up are each other's nearest and share that cosine; north's nearest is mixed, further
    // away; east is far from every other record.
    expect(byKey.get('faq:mixed')).toBeCloseTo(byKey.get('faq:up')!, 9);
    expect(byKey.get('faq:mixed')!).toBeGreaterThan(byKey.get('faq:north')!);
    expect(byKey.get('faq:north')!).toBeGreaterThan(byKey.get('faq:east')!);
    expect(byKey.get('faq:east')!).toBeLessThan(0.3);
  });

  it('adds the records asked for, with their rank among all records', () => {
    const matches = index.nearest(unit(1, 0, 0.05), 1, ['faq:east', 'faq:north', 'faq:unknown']);
    expect(matches.map((m) => [m.key, m.rank])).toEqual([
      ['faq:north', 1],
      ['faq:east', 4],
    ]);
  });
});
