import path from 'node:path';
import type { BotConfig } from '../config/botConfig.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, KnowledgeInvalidError, type KnowledgeStore } from '../store/knowledgeStore.ts';
import { createKnowledgeWriter } from '../store/knowledgeWriter.ts';
import type { Logger } from './logger.ts';
import type { ModeratorTools } from './moderatorTools.ts';

export interface OpenKnowledge {
  readonly store: KnowledgeStore;
  readonly moderation: ModeratorTools;
  close(): Promise<void>;
}

/**
 * The live knowledge: validated at start (the bot will not start on a broken knowledge base),
 * then watched, so edits to the files are served within seconds, or refused with the last good
 * knowledge kept when they do not validate.
 */
export async function openKnowledge(config: BotConfig, logger: Logger): Promise<OpenKnowledge> {
  let store: KnowledgeStore;
  try {
    store = await createKnowledgeStore({ dir: config.knowledgeDir, logger: logger.child({ component: 'knowledge' }) });
  } catch (error) {
    if (!(error instanceof KnowledgeInvalidError)) throw error;
    for (const problem of error.problems) logger.error(formatProblem(problem));
    logger.fatal({ dir: config.knowledgeDir, problems: error.problems.length }, 'The knowledge is not valid; fix it (npm run validate) and start again');
    process.exit(1);
  }
  store.watch();
  const writer = createKnowledgeWriter({
    dir: config.knowledgeDir,
    auditLogPath: path.join(config.dataDir, 'audit.log.jsonl'),
    store,
    logger: logger.child({ component: 'knowledge-writer' }),
  });
  return { store, moderation: { store, writer }, close: () => store.close() };
}
