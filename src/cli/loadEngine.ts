import type { ToolMeaning } from './cliArgs.ts';
import { loadKnowledgeCached } from '../knowledge/knowledgeCache.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { createAnswerEngine, type AnswerEngine } from '../answer/answerEngine.ts';
import { knowledgeCacheOfBuild } from './knowledgeCacheOfBuild.ts';
import type { ToolAnswerer } from './toolMeaning.ts';

export type { ToolAnswerer };

/**
 * The engine for a terminal tool (ask, chat, eval), or every knowledge problem on stderr and exit
 * code 1. Unchanged valid knowledge comes from the build's cache (see `knowledgeCacheOfBuild`):
 * the same knowledge, without parsing the files again.
 */
export async function loadEngineOrExit(knowledgeDir: string, limits: { readonly maxFileBytes: number }): Promise<AnswerEngine> {
  return createAnswerEngine(await loadKnowledgeOrExit(knowledgeDir, limits));
}

/**
 * `loadEngineOrExit` with MEANING: off, the engine alone, at once; on, the engine deciding with the
 * encoder's neighbours, once the encoder has indexed the knowledge (its modules loaded only then).
 */
export async function loadAnswererOrExit(knowledgeDir: string, limits: { readonly maxFileBytes: number }, meaning: ToolMeaning): Promise<ToolAnswerer> {
  const knowledge = await loadKnowledgeOrExit(knowledgeDir, limits);
  if (meaning.setting === 'off') return { engine: createAnswerEngine(knowledge), meaning: undefined, close: () => Promise.resolve() };
  const { startToolMeaning } = await import('./toolMeaning.ts');
  return startToolMeaning(knowledge, knowledgeDir, meaning.dataDir);
}

async function loadKnowledgeOrExit(knowledgeDir: string, limits: { readonly maxFileBytes: number }): Promise<Knowledge> {
  const result = await loadKnowledgeCached(knowledgeDir, limits, knowledgeCacheOfBuild());
  if (result.ok) return result.knowledge;
  process.stderr.write(`The knowledge in ${knowledgeDir} is not valid (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`);
  for (const problem of result.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  process.exit(1);
}
