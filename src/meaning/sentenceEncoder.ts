import type { io } from '@tensorflow/tfjs-core';
import { readModelFiles, type ModelFiles } from './modelFiles.ts';
import { createSentencePieceTokenizer } from './sentencePieceTokenizer.ts';

/** Where TensorFlow.js runs the graph: plain JavaScript, or WebAssembly (faster here; see docs/engine.md → The sentence encoder). */
export type EncoderBackend = 'cpu' | 'wasm';

/** The Universal Sentence Encoder lite, run in this thread. */
export interface SentenceEncoder {
  /** Names the weights: embeddings made by another model are not comparable. */
  readonly modelId: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order; an empty text gets the zero vector. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export const encoderDimensions = 512;

/**
 * Loads the encoder from the model package on disk (nothing is downloaded). TensorFlow.js is
 * imported here, not at the top: it takes most of a second to load, and only a process that embeds needs it.
 */
export async function loadSentenceEncoder({ backend = 'wasm', files }: { backend?: EncoderBackend; files?: ModelFiles } = {}): Promise<SentenceEncoder> {
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
  const model = converter.loadGraphModelSync({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights) as WeightSpecs,
    weightData: weights,
  });
  const tokenizer = createSentencePieceTokenizer(vocabulary);

  return {
    modelId,
    dimensions: encoderDimensions,
    async embed(texts) {
      const vectors = texts.map(() => new Float32Array(encoderDimensions));
      const encoded = texts.map((text) => tokenizer.encode(text));
      // The graph reads a sparse batch: (row, position) → token id. A row with no tokens would be
      // left out of the output, so empty texts are not sent at all.
      const rows = encoded.flatMap((ids, i) => (ids.length ? [i] : []));
      if (rows.length === 0) return vectors;
      const indices: number[] = [];
      const values: number[] = [];
      rows.forEach((row, batchRow) => {
        encoded[row]!.forEach((id, position) => {
          indices.push(batchRow, position);
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
