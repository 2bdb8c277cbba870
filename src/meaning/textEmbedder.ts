import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbedRequest, WorkerMessage } from './encoderMessages.ts';
import { loadSentenceEncoder, type EmbedOptions, type EncoderBackend } from './sentenceEncoder.ts';

/** Texts in, unit-length vectors out: the encoder in this thread or in a worker. */
export interface TextEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** How long loading the model took, in milliseconds. */
  readonly loadMs: number;
  /**
   * `urgent`: a question someone waits for goes before batches of phrasings already queued.
   * `maxTokens`: only each text's last pieces are read (a question; see `maxQuestionTokens`).
   */
  embed(texts: readonly string[], options?: EmbedOptions & { readonly urgent?: boolean }): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The encoder in this thread: for scripts and measurements, where nothing else waits. */
export async function startInProcessEmbedder({ backend = 'wasm' }: { backend?: EncoderBackend } = {}): Promise<TextEmbedder> {
  const started = performance.now();
  const encoder = await loadSentenceEncoder({ backend });
  const loadMs = performance.now() - started;
  return { modelId: encoder.modelId, dimensions: encoder.dimensions, loadMs, embed: (texts, options) => encoder.embed(texts, options), close: async () => {} };
}

interface Pending {
  readonly request: EmbedRequest;
  readonly resolve: (vectors: Float32Array[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The encoder in a worker thread, loaded there (resolves once it is ready, rejects when it cannot
 * load). One request at a time is with the worker; the rest wait here, urgent ones first.
 */
export function startWorkerEmbedder({ backend = 'wasm' }: { backend?: EncoderBackend } = {}): Promise<TextEmbedder> {
  let worker: Worker;
  try {
    worker = createEncoderWorker({ backend });
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const urgent: Pending[] = [];
  const queued: Pending[] = [];
  let inFlight: Pending | null = null;
  let nextId = 1;
  let failure: Error | null = null;

  const pump = () => {
    if (inFlight || failure) return;
    inFlight = urgent.shift() ?? queued.shift() ?? null;
    if (inFlight) worker.postMessage(inFlight.request);
  };
  const failAll = (error: Error) => {
    failure ??= error;
    for (const pending of [...(inFlight ? [inFlight] : []), ...urgent.splice(0), ...queued.splice(0)]) pending.reject(failure);
    inFlight = null;
  };

  return new Promise((resolveStart, rejectStart) => {
    worker.on('error', (error) => {
      failAll(error);
      rejectStart(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`The sentence encoder's worker stopped (exit code ${code}).`);
      failAll(error);
      rejectStart(error);
    });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') {
        rejectStart(new Error(message.message));
        void worker.terminate();
        return;
      }
      if (message.type === 'ready') {
        resolveStart({
          modelId: message.modelId,
          dimensions: message.dimensions,
          loadMs: message.loadMs,
          embed(texts, options = {}) {
            if (failure) return Promise.reject(failure);
            return new Promise((resolve, reject) => {
              const request = { id: nextId++, texts: [...texts], ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }) };
              (options.urgent ? urgent : queued).push({ request, resolve, reject });
              pump();
            });
          },
          async close() {
            failAll(new Error('The sentence encoder was closed.'));
            await worker.terminate();
          },
        });
        return;
      }
      const pending = inFlight;
      if (!pending || pending.request.id !== message.id) return;
      inFlight = null;
      if (message.type === 'vectors') pending.resolve(message.vectors);
      else pending.reject(new Error(message.message));
      pump();
    });
  });
}

/**
 * The worker runs compiled JavaScript: the `encoderWorker.js` beside this module, or, when running
 * from the TypeScript sources (tests, `npm run dev`), the build's copy in dist/src/meaning/ — Node 20
 * gives a worker thread no TypeScript loader (tsx's hooks do not reach it), and the tests build first.
 * In the bundled terminal tools this module keeps its dist/src location, so the worker is found there.
 */
function createEncoderWorker(workerData: { readonly backend: EncoderBackend }): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const entry = compiled ? new URL('./encoderWorker.js', import.meta.url) : new URL('../../dist/src/meaning/encoderWorker.js', import.meta.url);
  if (!existsSync(entry)) throw new Error(`The sentence encoder's worker ${fileURLToPath(entry)} is missing: run npm run build.`);
  return new Worker(entry, { workerData, resourceLimits: encoderHeapLimits });
}

/**
 * The worker's JavaScript heap. Its tensors live in WebAssembly memory, so it holds little (about
 * 20 MB live: the graph, the vocabulary). Young generation: 8 MB instead of the 32 a worker gets by
 * default. Old generation: up to 256 MB (ten times what it holds), under which V8 grows the heap by
 * 1.3 times what survives a collection instead of up to 4 times: after 2,000 questions it held
 * 22 MB, against 22 to 62 MB unbounded.
 */
const encoderHeapLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } as const;
