import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { displayPathOf, knowledgeFileNames, loadKnowledge, type KnowledgeFileKind, type LoadResult } from '../knowledge/loadKnowledge.ts';

/**
 * Validates the knowledge as it would be after an edit, without touching the real files: the
 * edited file and copies of the others go to a temp folder, which the normal loader checks.
 * Problems name the real files (line numbers are those of the edited text).
 */
export async function validateProposal(dir: string, replacements: Partial<Record<KnowledgeFileKind, string>>): Promise<LoadResult> {
  const temp = await mkdtemp(path.join(tmpdir(), 'faq-kb-edit-'));
  try {
    for (const [kind, name] of Object.entries(knowledgeFileNames) as [KnowledgeFileKind, string][]) {
      const text = replacements[kind] ?? (await readFile(path.join(dir, name), 'utf8').catch(() => null));
      // A missing file stays missing, so the loader reports it as it would for the real folder.
      if (text !== null) await writeFile(path.join(temp, name), text, 'utf8');
    }
    const result = await loadKnowledge(temp);
    return result.ok ? result : { ok: false, problems: result.problems.map((problem) => inRealFolder(problem, temp, dir)) };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function inRealFolder(problem: KnowledgeProblem, temp: string, dir: string): KnowledgeProblem {
  for (const name of Object.values(knowledgeFileNames)) {
    if (problem.file === displayPathOf(path.join(temp, name))) return { ...problem, file: displayPathOf(path.join(dir, name)) };
  }
  return problem;
}
