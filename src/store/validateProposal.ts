import path from 'node:path';
import { displayPathOf, knowledgeFileNames, type KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import { parseKnowledge, type LoadResult } from '../knowledge/parseKnowledge.ts';
import { sizeProblem, type ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';

/**
 * Validates the knowledge as it would be after an edit, in memory: the other files as they are on
 * disk, the edited ones as proposed, checked by the same `parseKnowledge` as a reload. Problems name
 * the real files, with the line numbers of the edited text.
 */
export async function validateProposal(dir: string, replacements: Partial<Record<KnowledgeFileKind, string>>, limits: ReadLimits = {}): Promise<LoadResult> {
  const texts = { ...(await readKnowledgeTexts(dir, limits)) };
  for (const [kind, text] of Object.entries(replacements) as [KnowledgeFileKind, string | undefined][]) {
    if (text === undefined) continue;
    const displayPath = displayPathOf(path.join(dir, knowledgeFileNames[kind]));
    // An edit may not grow a file past the limit a reload would then refuse.
    const tooLarge = sizeProblem(text, limits.maxFileBytes);
    texts[kind] = tooLarge ? { displayPath, text: null, problem: tooLarge } : { displayPath, text };
  }
  return parseKnowledge(texts);
}
