import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Knowledge } from '../knowledge/schema.ts';
import { phrasingKey, readEmbeddingCache, writeEmbeddingCache } from './embeddingCache.ts';
import { phrasingIndexSteps, phrasingsOfKnowledge, type MeaningMatch, type PhrasingIndex } from './phrasingIndex.ts';
import { quantize, type QuantizedVector } from './quantizedVector.ts';
import { maxQuestionTokens as defaultMaxQuestionTokens, type EncoderBackend } from './sentenceEncoder.ts';
import { startInProcessEmbedder, startWorkerEmbedder, type TextEmbedder } from './textEmbedder.ts';

export type { MeaningMatch };

export interface MeaningSearchOptions {
  /** The file embeddings are kept in between runs (`embeddingCacheFile`); null: none, everything is embedded at every start. */
  readonly cacheFile: string | null;
  /** 'worker' (default): the encoder runs in a worker thread and this one stays free; 'in-process': for scripts that only embed. */
  readonly thread?: 'worker' | 'in-process';
  /** An encoder already started (shared, say, by several knowledge bases): used instead of starting one, and left open by `close`. */
  readonly embedder?: Promise<TextEmbedder>;
  readonly backend?: EncoderBackend;
  /** Phrasings embedded per request while indexing: a question waits for at most one such batch. */
  readonly batchSize?: number;
  /** While indexing, the embeddings made so far are written to the cache this often (ms), so a restart loses little. */
  readonly checkpointMs?: number;
  /**
   * Of a question, the encoder reads its last `maxQuestionTokens` pieces (sentenceEncoder.ts: its
   * time grows with the pieces it reads, and a long message mostly asks at its end), split from
   * its last `maxQuestionChars` characters (more than enough, and a bound on the tokenizer's work).
   */
  readonly maxQuestionChars?: number;
  readonly maxQuestionTokens?: number;
  /**
   * The record classifier learnt from the phrasings when a knowledge base is indexed (on by
   * default): its probabilities are a third signal for the decision. The temperature its scores
   * are divided by before their softmax must be the one the decision model was fit with.
   */
  readonly classifier?: boolean;
  readonly classifierTemperature?: number;
  /** The embeddings of this many recent questions are kept: a question asked again (or a retry) skips the encoder. */
  readonly questionCacheSize?: number;
}

export type MeaningStatus =
  | { readonly state: 'off' }
  | { readonly state: 'starting' }
  /** Embedding the phrasings of the knowledge last given; `nearest` answers from the previous knowledge's index, if any. */
  | { readonly state: 'indexing'; readonly embedded: number; readonly total: number; readonly serving: boolean }
  | { readonly state: 'ready'; readonly records: number; readonly phrasings: number }
  | { readonly state: 'failed'; readonly reason: string };

/** What indexing one knowledge did. */
export interface IndexReport {
  readonly records: number;
  readonly phrasings: number;
  /** Phrasings the encoder read; the rest came from the cache (or repeat another phrasing). */
  readonly embedded: number;
  readonly ms: number;
  readonly cacheWritten: boolean;
}

export interface MeaningSearch {
  status(): MeaningStatus;
  /**
   * Indexes `knowledge` (a reload): embeds only phrasings the cache lacks, then answers from it. The
   * previous index keeps answering until then. A later call supersedes one not yet finished (it
   * then rejects with `SupersededError`).
   */
  setKnowledge(knowledge: Knowledge): Promise<IndexReport>;
  /**
   * The `limit` records closest in meaning to `question`, closest first, then the records of `also`
   * (the lexical candidates, to fuse both lists) whatever their rank; null when no index is ready or
   * the encoder failed (`status()` says which): the caller answers lexically. Never rejects.
   */
  nearest(question: string, limit: number, also?: readonly string[]): Promise<readonly MeaningMatch[] | null>;
  close(): Promise<void>;
}

export class SupersededError extends Error {
  override readonly name = 'SupersededError';
}

/** The encoder turned off: no index, every question answered lexically. */
export const meaningSearchOff: MeaningSearch = {
  status: () => ({ state: 'off' }),
  setKnowledge: () => Promise.resolve({ records: 0, phrasings: 0, embedded: 0, ms: 0, cacheWritten: false }),
  nearest: () => Promise.resolve(null),
  close: () => Promise.resolve(),
};

/**
 * The cache file for the knowledge in `knowledgeDir`, in `cacheDir`: one per knowledge folder, so
 * tools switching between folders do not embed each other's phrasings again and again.
 */
export function embeddingCacheFile(cacheDir: string, knowledgeDir: string): string {
  const folder = createHash('sha256').update(path.resolve(knowledgeDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `embeddings-${folder}.bin`);
}

/**
 * Starts the encoder and indexes `knowledge`, and returns at once: `status()` tells how far it is
 * and `nearest` answers null until the index is ready. The first call of `setKnowledge` is this one.
 */
export function startMeaningSearch(knowledge: Knowledge, options: MeaningSearchOptions): MeaningSearch & { readonly firstIndex: Promise<IndexReport> } {
  const {
    cacheFile,
    thread = 'worker',
    backend = 'wasm',
    batchSize = 16,
    checkpointMs = 30_000,
    maxQuestionChars = 300,
    maxQuestionTokens = defaultMaxQuestionTokens,
    classifier = true,
    classifierTemperature = 40,
    questionCacheSize = 256,
  } = options;
  const recentQuestions = new Map<string, Float32Array>();
  let status: MeaningStatus = { state: 'starting' };
  let index: PhrasingIndex | null = null;
  let generation = 0;
  let closed = false;

  const embedderStarted = options.embedder ?? (thread === 'worker' ? startWorkerEmbedder({ backend }) : startInProcessEmbedder({ backend }));
  // Every vector known: the cache file's, then each one embedded. Kept across reloads, so a
  // phrasing edited back is not embedded again; pruned to the current knowledge when written.
  const known = embedderStarted.then(async (embedder) => (cacheFile ? readEmbeddingCache(cacheFile, embedder.modelId, embedder.dimensions) : new Map<string, QuantizedVector>()));
  embedderStarted.catch((error: unknown) => {
    status = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
  });

  const build = async (next: Knowledge): Promise<IndexReport> => {
    const mine = ++generation;
    const started = performance.now();
    const embedder = await embedderStarted;
    const vectors = await known;
    const records = phrasingsOfKnowledge(next);
    const keyOf = new Map<string, string>();
    for (const record of records) for (const phrasing of record.phrasings) keyOf.set(phrasing, phrasingKey(embedder.modelId, phrasing));
    // Shortest first: a batch's texts then have about the same number of tokens, and the encoder
    // wastes less on the longest of a batch (11% faster on generated knowledge, batches of 16).
    const missing = [...keyOf]
      .filter(([, key]) => !vectors.has(key))
      .map(([phrasing]) => phrasing)
      .sort((a, b) => a.length - b.length);
    const total = keyOf.size;
    const setIndexing = (embedded: number) => {
      if (mine === generation) status = { state: 'indexing', embedded: total - missing.length + embedded, total, serving: index !== null };
    };
    const current = () => new Map([...keyOf.values()].flatMap((key) => (vectors.has(key) ? [[key, vectors.get(key)!] as const] : [])));
    setIndexing(0);
    let lastCheckpoint = performance.now();
    for (let at = 0; at < missing.length; at += batchSize) {
      if (mine !== generation || closed) throw new SupersededError('A newer knowledge base is being indexed.');
      const batch = missing.slice(at, at + batchSize);
      const embedded = await embedder.embed(batch);
      batch.forEach((phrasing, i) => vectors.set(keyOf.get(phrasing)!, quantize(embedded[i]!)));
      setIndexing(at + batch.length);
      if (cacheFile && performance.now() - lastCheckpoint >= checkpointMs) {
        await writeEmbeddingCache(cacheFile, embedder.modelId, embedder.dimensions, current());
        lastCheckpoint = performance.now();
      }
    }
    if (mine !== generation || closed) throw new SupersededError('A newer knowledge base is being indexed.');
    // The classifier is fit in slices of a few milliseconds: the bot answers between them.
    const steps = phrasingIndexSteps(records, (phrasing) => vectors.get(keyOf.get(phrasing)!)!, { classifier: classifier ? {} : false, classifierTemperature });
    let built: PhrasingIndex;
    for (;;) {
      const sliceStarted = performance.now();
      let step = steps.next();
      while (!step.done && performance.now() - sliceStarted < 8) step = steps.next();
      if (step.done) {
        built = step.value;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (mine !== generation || closed) throw new SupersededError('A newer knowledge base is being indexed.');
    }
    index = built;
    status = { state: 'ready', records: built.records, phrasings: built.phrasings };
    const cacheWritten = missing.length > 0 && cacheFile !== null ? await writeEmbeddingCache(cacheFile, embedder.modelId, embedder.dimensions, current()) : false;
    return { records: built.records, phrasings: built.phrasings, embedded: missing.length, ms: performance.now() - started, cacheWritten };
  };

  const setKnowledge = (next: Knowledge): Promise<IndexReport> => {
    const report = build(next);
    report.catch((error: unknown) => {
      if (!(error instanceof SupersededError) && !closed) status = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
    });
    return report;
  };

  return {
    firstIndex: setKnowledge(knowledge),
    status: () => status,
    setKnowledge,
    async nearest(question, limit, also) {
      const ready = index;
      if (!ready || status.state === 'failed') return null;
      try {
        const text = question.length > maxQuestionChars ? question.slice(-maxQuestionChars) : question;
        let vector = recentQuestions.get(text);
        if (vector) {
          // Most recently used last: the first key is the one to drop.
          recentQuestions.delete(text);
        } else {
          const embedder = await embedderStarted;
          [vector] = await embedder.embed([text], { urgent: true, maxTokens: maxQuestionTokens });
          if (!vector) return null;
        }
        recentQuestions.set(text, vector);
        if (recentQuestions.size > questionCacheSize) recentQuestions.delete(recentQuestions.keys().next().value!);
        return ready.nearest(vector, limit, also);
      } catch (error) {
        if (!closed) status = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
        return null;
      }
    },
    async close() {
      closed = true;
      if (options.embedder) return;
      const embedder = await embedderStarted.catch(() => null);
      await embedder?.close();
    },
  };
}

export type { TextEmbedder };
