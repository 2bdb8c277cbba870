import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv } from '../config/botConfig.ts';
import { databaseUrlOf, databaseUrlProblem } from '../config/databaseUrl.ts';
import { openDatabaseForReading, openLogFileForReading, type LogFileReader } from '../questionLog/logReader.ts';
import { databaseFileName } from '../questionLog/questionLog.ts';
import { parseReportArgs, type ReportArgs } from './reportArgs.ts';

/** A `--log` argument: a database file, or a folder holding the bot's (a DATA_DIR). */
function logFileOf(location: string): string {
  const resolved = path.resolve(location);
  return existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, databaseFileName) : resolved;
}

/**
 * Why `file` cannot be a question log before SQLite opens it, or null: opening a FIFO would wait
 * for a writer forever, and a device would be read as a database.
 */
function notARegularFile(file: string): string | null {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info || info.isFile()) return null;
  const kind = info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a file';
  return `${file} is not a regular file (${kind}); give a faqbot.sqlite file or a DATA_DIR folder`;
}

/**
 * The question logs a terminal report reads, opened read-only (nothing purged or changed): every
 * `--log`, else the shared database when DATABASE_URL is set, else this host's DATA_DIR. Null, with
 * the reason on stderr, when one cannot be read.
 */
async function openLogsForReport(args: ReportArgs, env: NodeJS.ProcessEnv): Promise<LogFileReader[] | null> {
  if (args.logs.length === 0 && databaseUrlOf(env.DATABASE_URL) !== undefined) {
    const problem = databaseUrlProblem(env.DATABASE_URL);
    if (problem !== null) {
      process.stderr.write(`${problem}
`);
      return null;
    }
    try {
      return [await openDatabaseForReading(databaseUrlOf(env.DATABASE_URL)!)];
    } catch (error) {
      process.stderr.write(`The question log cannot be read: ${error instanceof Error ? error.message : String(error)}
`);
      return null;
    }
  }
  const ownLog = path.join(dataDirFromEnv(env), databaseFileName);
  if (args.logs.length === 0 && !existsSync(ownLog)) {
    process.stderr.write(`No question log at ${ownLog} yet: the bot creates it when it handles its first question (QUESTION_LOG=on). Set DATA_DIR (in .env, as for the bot) if the bot uses another folder.\n`);
    return null;
  }
  const files = args.logs.length === 0 ? [ownLog] : args.logs.map(logFileOf);
  const readers: LogFileReader[] = [];
  for (const file of new Set(files)) {
    try {
      const problem = notARegularFile(file);
      if (problem) throw new Error(problem);
      readers.push(openLogFileForReading(file));
    } catch (error) {
      process.stderr.write(`The question log cannot be read: ${error instanceof Error ? error.message : String(error)}\n`);
      for (const reader of readers) await reader.close();
      return null;
    }
  }
  return readers;
}

/**
 * A terminal report's whole run: its arguments (`usage` on a mistake or --help), the logs opened
 * for reading, `report` run on them, the logs closed. Returns the process exit code.
 */
export async function runReport(usage: string, allowed: readonly ('json' | 'out')[], report: (logs: readonly LogFileReader[], args: ReportArgs) => Promise<number>): Promise<number> {
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
  const logs = await openLogsForReport(args, process.env);
  if (!logs) return 1;
  try {
    return await report(logs, args);
  } catch (error) {
    process.stderr.write(`The question log cannot be read: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    for (const log of logs) await log.close();
  }
}

/** Where the reports read from, for their usage text. */
export const logsUsage = `Reads DATA_DIR/faqbot.sqlite (DATA_DIR as the bot uses it), read-only; with DATABASE_URL set, every
host's questions in that PostgreSQL database instead. Both are read from .env as the bot reads it (a variable
set in the environment wins).
With --log PATH (repeatable: a faqbot.sqlite file or a DATA_DIR folder), reads those SQLite logs instead,
as one: one per host when hosts keep their own.`;
