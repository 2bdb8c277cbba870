import { createHash } from 'node:crypto';
import { knowledgeFileNames, type KnowledgeFileKind, type KnowledgeTexts } from '../knowledge/knowledgeFiles.ts';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';

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
 * A hash of exactly the texts the loader parsed: the known knowledge files (a file that could not
 * be read counts as its own state, by its reason). Other files in the folder, editors' temp files
 * included, do not change it.
 */
export function hashKnowledgeTexts(texts: KnowledgeTexts): string {
  const hash = createHash('sha256');
  for (const [kind, name] of Object.entries(knowledgeFileNames) as [KnowledgeFileKind, string][]) {
    const file = texts[kind];
    hash.update(`\0${name}\0`);
    if (file.text !== null) hash.update(file.text);
    else hash.update(`\0unreadable:${file.problem.message}`);
  }
  return hash.digest('hex');
}

/** `hashKnowledgeTexts` of the folder as it is now. */
export async function hashKnowledgeFiles(dir: string, limits: ReadLimits = {}): Promise<string> {
  return hashKnowledgeTexts(await readKnowledgeTexts(dir, limits));
}
