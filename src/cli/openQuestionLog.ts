import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv } from '../config/botConfig.ts';
import { databaseFileName, QuestionLog } from '../questionLog/questionLog.ts';

/**
 * The bot's question log, opened for a terminal report (nothing purged, nothing created): null,
 * with the reason on stderr, when there is none yet or it cannot be read.
 */
export function openQuestionLogForReport(env: NodeJS.ProcessEnv): QuestionLog | null {
  const dataDir = dataDirFromEnv(env);
  const file = path.join(dataDir, databaseFileName);
  if (!existsSync(file)) {
    process.stderr.write(`No question log at ${file} yet: the bot creates it when it handles its first question (QUESTION_LOG=on). Set DATA_DIR if the bot uses another folder.\n`);
    return null;
  }
  const log = new QuestionLog({ dataDir, enabled: true, retentionDays: 3650, purge: false, retryMs: 3_600_000 });
  const { problem } = log.health();
  if (problem !== null) {
    process.stderr.write(`The question log cannot be read: ${problem}\n`);
    log.close();
    return null;
  }
  return log;
}
