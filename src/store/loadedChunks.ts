import type { FaqRecord } from '../knowledge/schema.ts';
import type { Loaded } from './loadStable.ts';

/** A load split for sending between threads: everything but the FAQ records first, then the records in slices. */
export type LoadedChunk =
  | { readonly kind: 'head'; readonly loaded: Loaded; readonly faqCount: number }
  | { readonly kind: 'faq'; readonly records: readonly FaqRecord[] };

// About 50 KB of text per message: receiving one takes well under a millisecond.
const recordsPerChunk = 100;

export function* toChunks(loaded: Loaded): Generator<LoadedChunk> {
  if (!loaded.ok) {
    yield { kind: 'head', loaded, faqCount: 0 };
    return;
  }
  const { faq } = loaded.knowledge;
  yield { kind: 'head', loaded: { ...loaded, knowledge: { ...loaded.knowledge, faq: [] } }, faqCount: faq.length };
  for (let start = 0; start < faq.length; start += recordsPerChunk) yield { kind: 'faq', records: faq.slice(start, start + recordsPerChunk) };
}

/** Puts the chunks back together; null until the last one has arrived. */
export function createChunkAssembler(): (chunk: LoadedChunk) => Loaded | null {
  let head: Loaded | null = null;
  let expected = 0;
  const records: FaqRecord[] = [];
  const complete = (): Loaded | null => {
    if (!head || records.length < expected) return null;
    return head.ok ? { ...head, knowledge: { ...head.knowledge, faq: records } } : head;
  };
  return (chunk) => {
    if (chunk.kind === 'head') {
      head = chunk.loaded;
      expected = chunk.faqCount;
    } else records.push(...chunk.records);
    return complete();
  };
}
