import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { knowledgeFileNames, type KnowledgeFileKind, type KnowledgeTexts } from './knowledgeFiles.ts';
import type { LoadResult } from './parseKnowledge.ts';
import type { ReadLimits } from './readTextFile.ts';
import { readKnowledgeTexts } from './readKnowledgeTexts.ts';
import type { Knowledge } from './schema.ts';

// Parsing the YAML with source positions and validating every record is most of a terminal tool's
// start-up (`npm run ask` answers one question and exits). The knowledge that passed is kept in one
// file; a later start whose files have exactly the same text, under the same build, uses it and
// skips the parse. Any difference (a file edited, added or broken, another build) is a full load,
// and a load that finds problems never touches the cache: problems are always reported by the
// full parse, with file and line.

/** Where the validated knowledge is kept, and what else besides the files' text it depends on. */
export interface KnowledgeCache {
  /** The cache file; its folder is created when missing. */
  readonly file: string;
  /** Changes whenever the code that parses and validates may have changed (the build). */
  readonly buildId: string;
}

export type CachedLoadResult = LoadResult & {
  /** True when the knowledge came from the cache (the files were not parsed). */
  readonly fromCache: boolean;
};

/** Bumped when the file layout below changes. */
const format = 'faq-knowledge-cache 1';

/**
 * Reads every knowledge file in `dir`; when their text and `cache.buildId` match what the cache
 * was written for, returns the cached knowledge, else parses and validates them as `loadKnowledge`
 * does (same result, same problems) and, when they are valid, writes the cache. The cache is
 * best-effort: a folder that cannot be written (read-only, full) or a damaged cache file only
 * means a full load.
 */
export async function loadKnowledgeCached(dir: string, limits: ReadLimits, cache: KnowledgeCache | null): Promise<CachedLoadResult> {
  const texts = await readKnowledgeTexts(dir, limits);
  const key = cache && keyOf(texts, cache.buildId);
  if (cache && key) {
    const knowledge = await readCache(cache.file, key);
    if (knowledge) return { ok: true, knowledge, fromCache: true };
  }
  // Imported here: YAML and the schema library take longer to load than the cache does to read.
  const { parseKnowledge } = await import('./parseKnowledge.ts');
  const result = parseKnowledge(texts);
  if (result.ok && cache && key) await writeCache(cache.file, key, result.knowledge);
  return { ...result, fromCache: false };
}

/** A hash of the build and of every file's text, or null when a file has no text (missing, unreadable). */
function keyOf(texts: KnowledgeTexts, buildId: string): string | null {
  const hash = createHash('sha256').update(`${format}\0${buildId}\0`);
  for (const kind of Object.keys(knowledgeFileNames) as KnowledgeFileKind[]) {
    const { text } = texts[kind];
    if (text === null) return null;
    // Lengths delimit the texts, so no two different sets of files hash the same input.
    hash.update(`${kind}\0${text.length}\0`).update(text);
  }
  return hash.digest('hex');
}

/*
 * The cache file: three header lines — the format, the key, the SHA-256 of the rest — then the
 * knowledge as JSON. The key is compared before anything is parsed; the digest catches a file cut
 * short or damaged on disk (it is written by rename, so a crash leaves the old one or none).
 */

async function readCache(file: string, key: string): Promise<Knowledge | null> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const [cachedFormat, cachedKey, digest] = content.split('\n', 3);
  if (cachedFormat !== format || cachedKey !== key || digest === undefined) return null;
  const payload = content.slice(cachedFormat.length + cachedKey.length + digest.length + 3);
  if (sha256(payload) !== digest) return null;
  try {
    const knowledge: unknown = JSON.parse(payload);
    return isKnowledge(knowledge) ? knowledge : null;
  } catch {
    return null;
  }
}

async function writeCache(file: string, key: string, knowledge: Knowledge): Promise<void> {
  const payload = JSON.stringify(knowledge);
  // Only knowledge that comes back from JSON exactly as it is, so a start from the cache builds the
  // very same engine (JSON has no undefined, no prototypes other than Object's and Array's).
  if (!isDeepStrictEqual(JSON.parse(payload), knowledge)) return;
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, `${format}\n${key}\n${sha256(payload)}\n${payload}`);
    await rename(temporary, file);
  } catch {
    // Best-effort: a read-only or full disk only means the next start parses the files again.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The shape of `Knowledge`, checked loosely: the digest already says the file is what was written. */
function isKnowledge(value: unknown): value is Knowledge {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    isObject(record.about) &&
    Array.isArray(record.sources) &&
    Array.isArray(record.faq) &&
    Array.isArray(record.terms) &&
    isObject(record.table) &&
    isObject(record.synonyms) &&
    isObject(record.concepts)
  );
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
