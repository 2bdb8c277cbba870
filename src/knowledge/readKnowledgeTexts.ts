import { stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPathOf, knowledgeFileNames, type FileText, type KnowledgeFileKind, type KnowledgeTexts } from './knowledgeFiles.ts';
import { missingFileMessage, readTextFile, type ReadLimits } from './readTextFile.ts';

/** Every knowledge file in `dir`, each read once within the limits: what `parseKnowledge` checks and the store hashes. */
export async function readKnowledgeTexts(dir: string, limits: ReadLimits = {}): Promise<KnowledgeTexts> {
  const entries = await Promise.all(
    (Object.entries(knowledgeFileNames) as [KnowledgeFileKind, string][]).map(async ([kind, name]): Promise<[KnowledgeFileKind, FileText]> => {
      const filePath = path.join(dir, name);
      return [kind, { ...(await readTextFile(filePath, limits)), displayPath: displayPathOf(filePath) }];
    }),
  );
  const isMissing = ([, file]: [KnowledgeFileKind, FileText]) => file.text === null && file.problem.message === missingFileMessage;
  // Only when a file is missing (rare): a wrong KNOWLEDGE_DIR or folder argument then says so, rather than
  // "file is missing" for every file with nothing about why.
  const folderProblem = entries.some(isMissing) ? await missingFolderProblem(dir) : null;
  const files =
    folderProblem === null
      ? entries
      : entries.map((entry): [KnowledgeFileKind, FileText] =>
          isMissing(entry) ? [entry[0], { text: null, problem: { line: null, message: `${missingFileMessage}: ${folderProblem}` }, displayPath: entry[1].displayPath }] : entry,
        );
  return Object.fromEntries(files) as Record<KnowledgeFileKind, FileText>;
}

/** Why `dir` cannot be the knowledge folder, or null when it is a folder. */
async function missingFolderProblem(dir: string): Promise<string | null> {
  const fix = 'check KNOWLEDGE_DIR, or the folder given on the command line';
  try {
    if ((await stat(dir)).isDirectory()) return null;
    return `${displayPathOf(dir)} is a file, not the knowledge folder (${fix})`;
  } catch {
    return `the folder ${displayPathOf(dir)} does not exist (${fix})`;
  }
}
