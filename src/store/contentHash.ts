import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { knowledgeFileNames } from '../knowledge/loadKnowledge.ts';

/** JSON with object keys sorted and undefined fields left out, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A hash of exactly what the loader reads: the known knowledge files (a missing file counts as
 * its own state). Other files in the folder, editors' temp files included, do not change it.
 */
export async function hashKnowledgeFiles(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of Object.values(knowledgeFileNames)) {
    hash.update(`\0${name}\0`);
    try {
      hash.update(await readFile(path.join(dir, name)));
    } catch (error) {
      hash.update(`\0unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return hash.digest('hex');
}
