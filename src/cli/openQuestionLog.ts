import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv } from '../config/botConfig.ts';
import { databaseFileName, QuestionLog } from '../questionLog/questionLog.ts';
import { parseReportArgs, type ReportArgs } from './reportArgs.ts';

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

/**
 * A terminal report's whole run: its arguments (`usage` on a mistake or --help), the log opened
 * for reading, `report` run on it, the log closed. Returns the process exit code.
 */
export function runReport(usage: string, allowed: readonly ('json' | 'out')[], report: (log: QuestionLog, args: ReportArgs) => number): number {
  let args: ReportArgs;
  try {
    args = parseReportArgs(process.argv.slice(2), allowed);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const log = openQuestionLogForReport(process.env);
  if (!log) return 1;
  try {
    return report(log, args);
  } finally {
    log.close();
  }
}

/** Says why a report could not read the log; exit code 1. */
export function unreadable(log: QuestionLog): number {
  process.stderr.write(`The question log cannot be read: ${log.health().problem ?? 'unknown problem'}\n`);
  return 1;
}
