import { loadKnowledgeCached } from '../knowledge/knowledgeCache.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { createAnswerEngine, type AnswerEngine } from '../search/answerEngine.ts';
import { knowledgeCacheOfBuild } from './knowledgeCacheOfBuild.ts';

/**
 * The engine for a terminal tool (ask, chat, eval), or every knowledge problem on stderr and exit
 * code 1. Unchanged valid knowledge comes from the build's cache (see `knowledgeCacheOfBuild`):
 * the same knowledge, without parsing the files again.
 */
export async function loadEngineOrExit(knowledgeDir: string, limits: { readonly maxFileBytes: number }): Promise<AnswerEngine> {
  const result = await loadKnowledgeCached(knowledgeDir, limits, knowledgeCacheOfBuild());
  if (result.ok) return createAnswerEngine(result.knowledge);
  process.stderr.write(`The knowledge in ${knowledgeDir} is not valid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
  for (const problem of result.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  process.exit(1);
}
