import path from 'node:path';
import { displayPathOf, knowledgeFileNames, type KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import { parseKnowledge, type LoadResult } from '../knowledge/parseKnowledge.ts';
import { sizeProblem, type ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';
import type { EditedText } from './yamlRecordList.ts';

/**
 * Validates the knowledge as it would be after an edit, in memory: the other files as they are on
 * disk, the edited ones as proposed, checked by the same `parseKnowledge` as a reload. Problems name
 * the real files, with the line numbers of the edited text.
 */
export async function validateProposal(dir: string, replacements: Partial<Record<KnowledgeFileKind, string | EditedText>>, limits: ReadLimits = {}): Promise<LoadResult> {
  const texts = { ...(await readKnowledgeTexts(dir, limits)) };
  for (const [kind, replacement] of Object.entries(replacements) as [KnowledgeFileKind, string | EditedText | undefined][]) {
    if (replacement === undefined) continue;
    const { text, parsed } = typeof replacement === 'string' ? { text: replacement, parsed: null } : replacement;
    const displayPath = displayPathOf(path.join(dir, knowledgeFileNames[kind]));
    // An edit may not grow a file past the limit a reload would then refuse.
    const tooLarge = sizeProblem(text, limits.maxFileBytes);
    // The edit's own parse is used only if it was made under the path problems are reported under.
    const reusable = parsed && parsed.displayPath === displayPath ? parsed : undefined;
    texts[kind] = tooLarge ? { displayPath, text: null, problem: tooLarge } : reusable ? { displayPath, text, parsed: reusable } : { displayPath, text };
  }
  return parseKnowledge(texts);
}
