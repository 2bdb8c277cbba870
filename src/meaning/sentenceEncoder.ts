import type { io } from '@tensorflow/tfjs-core';
import { readModelFiles, type ModelFiles } from './modelFiles.ts';
import { createSentencePieceTokenizer, reservedIds } from './sentencePieceTokenizer.ts';

/** Where TensorFlow.js runs the graph: plain JavaScript, or WebAssembly (faster here; see docs/engine.md → The sentence encoder). */
export type EncoderBackend = 'cpu' | 'wasm';

/** The Universal Sentence Encoder lite, run in this thread. */
export interface SentenceEncoder {
  /** Names the weights: embeddings made by another model are not comparable. */
  readonly modelId: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order; an empty text gets the zero vector. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

export interface EmbedOptions {
  /** Only a text's last this many pieces are read (see `maxQuestionTokens`); unset: all of them. */
  readonly maxTokens?: number;
}

export const encoderDimensions = 512;

/**
 * How many pieces of a question the encoder reads: its last ones. Its time grows with the pieces
 * (WebAssembly, one thread: about 6 ms plus 0.5 ms a piece), and a 300-character message has about
 * 70: 24 pieces take about 16 ms, 70 about 40. A long message mostly asks at its end, after the
 * context. Reading the last 24 pieces (10% of the project's questions have more), with MEANING=on:
 * `npm run eval` scores the same on every set of test/fixtures, one question fewer right of 84 on
 * ../shared/eval/styles.jsonl, the same on its dev.jsonl; BANKING77 val (10 phrasings) right
 * 58.6% → 58.5%, wrong 7.5% → 7.4%. Reading the first 32 pieces instead lost 10 of the 19 long
 * questions of styles.jsonl; the last 36 or more kept every score, at about 6 ms more.
 */
export const maxQuestionTokens = 24;

/**
 * Loads the encoder from the model package on disk (nothing is downloaded). TensorFlow.js is
 * imported here, not at the top: it takes most of a second to load, and only a process that embeds needs it.
 */
export async function loadSentenceEncoder({
  backend = 'wasm',
  files,
  warmUpTokens = maxQuestionTokens,
}: {
  backend?: EncoderBackend;
  files?: ModelFiles;
  /** A text of this many pieces is run once before the encoder is returned (0: none); see below. */
  warmUpTokens?: number;
} = {}): Promise<SentenceEncoder> {
  const [tf, converter, modelFiles] = await Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-converter'), files ?? readModelFiles()]);
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // One thread: the bot has two cores and a Discord connection to serve besides.
    wasm.setThreadsCount(1);
  } else await import('@tensorflow/tfjs-backend-cpu');
  // No debug checks on every op, and no console advice to install the native Node backend.
  tf.enableProdMode();
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js could not start its ${backend} backend.`);
  await tf.ready();

  const { modelJson, weights, vocabulary, modelId } = modelFiles;
  const artifacts: io.ModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights) as WeightSpecs,
    weightData: weights,
  };
  const model = converter.loadGraphModelSync(artifacts);
  // The graph model keeps the artifacts it was loaded from (to save itself again), and with them
  // the 27 MB of weights the backend has copied into its own memory by now: dropped here.
  delete artifacts.weightData;
  const tokenizer = createSentencePieceTokenizer(vocabulary);

  /** The graph run on rows of token ids (none empty): one raw vector per row, concatenated. */
  const run = async (rows: readonly (readonly number[])[]): Promise<Float32Array> => {
    // The graph reads a sparse batch: (row, position) → token id.
    const indices: number[] = [];
    const values: number[] = [];
    rows.forEach((ids, row) => {
      ids.forEach((id, position) => {
        indices.push(row, position);
        values.push(id);
      });
    });
    const inputs = { indices: tf.tensor2d(indices, [values.length, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
    const output = await model.executeAsync(inputs);
    inputs.indices.dispose();
    inputs.values.dispose();
    const result = Array.isArray(output) ? output[0] : output;
    if (!result || result.shape.length !== 2 || result.shape[0] !== rows.length || result.shape[1] !== encoderDimensions) {
      throw new Error(`The sentence encoder gave an output of shape [${result?.shape.join(', ') ?? ''}] for ${rows.length} texts.`);
    }
    const flat = (await result.data()) as Float32Array;
    tf.dispose(output);
    return flat;
  };

  // The first run of the graph costs a few hundred milliseconds more than the next ones (the
  // WebAssembly memory grows and kernels set up), and so does each input larger than any before:
  // paid here, at start, rather than by the first question, with a text as long as a question is read.
  if (warmUpTokens > 0) await run([Array.from({ length: warmUpTokens }, (_, i) => reservedIds + i)]);

  return {
    modelId,
    dimensions: encoderDimensions,
    async embed(texts, { maxTokens = Infinity } = {}) {
      const vectors = texts.map(() => new Float32Array(encoderDimensions));
      const encoded = texts.map((text) => {
        const ids = tokenizer.encode(text);
        return ids.length > maxTokens ? ids.slice(ids.length - maxTokens) : ids;
      });
      // A row with no tokens would be left out of the output, so empty texts are not sent at all.
      const rows = encoded.flatMap((ids, i) => (ids.length ? [i] : []));
      if (rows.length === 0) return vectors;
      const flat = await run(rows.map((row) => encoded[row]!));
      rows.forEach((row, batchRow) => {
        const vector = vectors[row]!;
        vector.set(flat.subarray(batchRow * encoderDimensions, (batchRow + 1) * encoderDimensions));
        normalize(vector);
      });
      return vectors;
    },
  };
}

function normalize(vector: Float32Array): void {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
}

/** The manifest's weight entries, checked by `readModelFiles` for the fields the graph needs. */
type WeightSpecs = io.WeightsManifestEntry[];
