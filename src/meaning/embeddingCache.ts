import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { QuantizedVector } from './quantizedVector.ts';

// Embedding a phrasing costs milliseconds; 40,000 of them, minutes. Each one is kept on disk under
// a hash of the model and its exact text (the encoder reads case and punctuation), so a restart or
// a reload embeds only phrasings it has never seen. The file holds the phrasings of the knowledge
// it was last written for: an edited phrasing's old vector is dropped on the next write.
//
// Layout: one JSON line (format, model, dimensions, count), then `count` entries of a 16-byte key,
// a float32 scale and `dimensions` signed bytes, then a SHA-256 of everything before it. A damaged,
// truncated or foreign file is ignored (everything is embedded again) and rewritten.

const format = 'faq-embeddings 1';
const keyBytes = 16;
const checksumBytes = 32;

const headerSchema = z.strictObject({
  format: z.literal(format),
  modelId: z.string().min(1),
  dimensions: z.number().int().positive(),
  count: z.number().int().nonnegative(),
});

/** The cache's name for a phrasing embedded by `modelId`: hex of the first 16 bytes of a SHA-256. */
export function phrasingKey(modelId: string, text: string): string {
  return createHash('sha256').update(`${modelId}\0${text}`).digest('hex').slice(0, keyBytes * 2);
}

/**
 * The vectors stored in `file` for `modelId`, by phrasing key; empty when the file is missing,
 * damaged or made by another model or format. Vectors are views into one buffer read at once.
 */
export async function readEmbeddingCache(file: string, modelId: string, dimensions: number): Promise<Map<string, QuantizedVector>> {
  const vectors = new Map<string, QuantizedVector>();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return vectors;
  }
  if (bytes.length < checksumBytes) return vectors;
  const body = bytes.subarray(0, bytes.length - checksumBytes);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(body.length))) return vectors;
  const headerEnd = body.indexOf(0x0a);
  if (headerEnd < 0) return vectors;
  let json: unknown;
  try {
    json = JSON.parse(body.subarray(0, headerEnd).toString('utf8'));
  } catch {
    return vectors;
  }
  const header = headerSchema.safeParse(json);
  if (!header.success || header.data.modelId !== modelId || header.data.dimensions !== dimensions) return vectors;
  const entryBytes = keyBytes + 4 + dimensions;
  const { count } = header.data;
  if (body.length !== headerEnd + 1 + count * entryBytes) return vectors;
  // One copy into an aligned buffer, so scales read as floats and vectors as Int8Array views of it.
  const entries = new Uint8Array(body.subarray(headerEnd + 1));
  const view = new DataView(entries.buffer);
  for (let i = 0; i < count; i++) {
    const at = i * entryBytes;
    const key = Buffer.from(entries.buffer, at, keyBytes).toString('hex');
    vectors.set(key, { scale: view.getFloat32(at + keyBytes, true), values: new Int8Array(entries.buffer, at + keyBytes + 4, dimensions) });
  }
  return vectors;
}

/**
 * Writes `vectors` (by phrasing key) to `file` by rename, so a reader never sees half a file.
 * Best effort: a folder that cannot be written only means embedding again next time; returns
 * whether it was written.
 */
export async function writeEmbeddingCache(file: string, modelId: string, dimensions: number, vectors: ReadonlyMap<string, QuantizedVector>): Promise<boolean> {
  const header = Buffer.from(`${JSON.stringify({ format, modelId, dimensions, count: vectors.size })}\n`, 'utf8');
  const entryBytes = keyBytes + 4 + dimensions;
  const body = Buffer.alloc(header.length + vectors.size * entryBytes);
  header.copy(body, 0);
  let at = header.length;
  for (const [key, vector] of vectors) {
    if (vector.values.length !== dimensions) throw new Error(`A vector of ${vector.values.length} dimensions cannot be cached with ${dimensions}.`);
    body.write(key, at, keyBytes, 'hex');
    body.writeFloatLE(vector.scale, at + keyBytes);
    body.set(new Uint8Array(vector.values.buffer, vector.values.byteOffset, dimensions), at + keyBytes + 4);
    at += entryBytes;
  }
  const checksum = createHash('sha256').update(body).digest();
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, Buffer.concat([body, checksum]));
    await rename(temporary, file);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => {});
    return false;
  }
}
