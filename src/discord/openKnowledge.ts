import type { BotConfig } from '../config/botConfig.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../knowledge/loadKnowledge.ts';
import { createAnswerEngine } from '../search/answerEngine.ts';
import type { KnowledgeSource } from './commandModule.ts';
import type { Logger } from './logger.ts';
import type { ModeratorTools } from './moderatorTools.ts';

export interface OpenKnowledge extends KnowledgeSource {
  readonly extras: { readonly moderation?: ModeratorTools };
  close(): Promise<void>;
}

/** Loads the knowledge the bot starts with; a bot must not start on a broken knowledge base. */
export async function openKnowledge(config: BotConfig, logger: Logger): Promise<OpenKnowledge> {
  const result = await loadKnowledge(config.knowledgeDir);
  if (!result.ok) {
    for (const problem of result.problems) logger.error(formatProblem(problem));
    logger.fatal({ dir: config.knowledgeDir, problems: result.problems.length }, 'The knowledge is not valid; fix it (npm run validate) and start again');
    process.exit(1);
  }
  const snapshot = { engine: createAnswerEngine(result.knowledge) };
  return { current: () => snapshot, extras: {}, close: async () => undefined };
}
