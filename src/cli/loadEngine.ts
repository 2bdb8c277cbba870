import { loadKnowledge } from '../knowledge/loadKnowledge.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { createAnswerEngine, type AnswerEngine } from '../search/answerEngine.ts';

/** The engine for a terminal tool, or every knowledge problem on stderr and exit code 1. */
export async function loadEngineOrExit(knowledgeDir: string, limits: { readonly maxFileBytes: number }): Promise<AnswerEngine> {
  const result = await loadKnowledge(knowledgeDir, limits);
  if (result.ok) return createAnswerEngine(result.knowledge);
  process.stderr.write(`The knowledge in ${knowledgeDir} is not valid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
  for (const problem of result.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  process.exit(1);
}
