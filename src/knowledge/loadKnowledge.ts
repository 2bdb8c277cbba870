import { parseKnowledge, type LoadResult } from './parseKnowledge.ts';
import type { ReadLimits } from './readTextFile.ts';
import { readKnowledgeTexts } from './readKnowledgeTexts.ts';

export type { LoadResult };

/** Reads every knowledge file in `dir` and validates them together (see `parseKnowledge`). */
export async function loadKnowledge(dir: string, limits: ReadLimits = {}): Promise<LoadResult> {
  return parseKnowledge(await readKnowledgeTexts(dir, limits));
}
