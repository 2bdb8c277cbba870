import path from 'node:path';
import { displayPathOf, knowledgeFileNames, type FileText, type KnowledgeFileKind, type KnowledgeTexts } from './knowledgeFiles.ts';
import { readTextFile, type ReadLimits } from './readTextFile.ts';

/** Every knowledge file in `dir`, each read once within the limits: what `parseKnowledge` checks and the store hashes. */
export async function readKnowledgeTexts(dir: string, limits: ReadLimits = {}): Promise<KnowledgeTexts> {
  const entries = await Promise.all(
    (Object.entries(knowledgeFileNames) as [KnowledgeFileKind, string][]).map(async ([kind, name]): Promise<[KnowledgeFileKind, FileText]> => {
      const filePath = path.join(dir, name);
      return [kind, { ...(await readTextFile(filePath, limits)), displayPath: displayPathOf(filePath) }];
    }),
  );
  return Object.fromEntries(entries) as Record<KnowledgeFileKind, FileText>;
}
