import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations } from './migrations.ts';

/** What the reports need of a question log: its clock and a read-only query. The bot's own log is one. */
export interface LogReader {
  now(): number;
  /** Runs a query; null when the database is unavailable. */
  read<T>(query: (db: Database) => T): T | null;
}

/** A question log file opened only to read it: the terminal reports, possibly of another host's log. */
export interface LogFileReader extends LogReader {
  readonly file: string;
  close(): void;
}

/** The clock of the first log (the bot's own, or the reports' wall clock). */
export function nowOf(logs: LogReader | readonly LogReader[]): number {
  return (Array.isArray(logs) ? (logs as readonly LogReader[])[0] : (logs as LogReader))?.now() ?? Date.now();
}

/**
 * Runs `query` on every log (one per host) and joins what each returns, list by list, so several
 * logs are read as one; null when any of them cannot be read.
 */
export function readFromEach<K extends string>(logs: LogReader | readonly LogReader[], query: (db: Database) => Record<K, unknown[]>): Record<K, unknown[]> | null {
  let joined: Record<K, unknown[]> | null = null;
  for (const log of Array.isArray(logs) ? (logs as readonly LogReader[]) : [logs as LogReader]) {
    const rows = log.read(query);
    if (rows === null) return null;
    if (joined === null) joined = rows;
    else for (const key of Object.keys(rows) as K[]) joined[key].push(...rows[key]);
  }
  return joined;
}

/**
 * Opens a question log database read-only: no row or schema is changed (SQLite may add its
 * -wal/-shm companions beside it), so a copy fetched from another host is read as it is. Throws
 * one line naming the file and what to do when it is missing, not a question log, or of another
 * schema version.
 */
export function openLogFileForReading(file: string): LogFileReader {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 200 });
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version === 0) throw new Error(`${file} is not a question log (no schema version)`);
    if (version > migrations.length) throw new Error(`${file} was written by a newer version of the bot (schema ${version}; this one reads ${migrations.length}): update this copy of the bot`);
    if (version < migrations.length) throw new Error(`${file} was written by an older version of the bot (schema ${version}; this one reads ${migrations.length}): start the newer bot on it once to upgrade it`);
  } catch (error) {
    db.close();
    throw error instanceof Error && error.message.startsWith(file) ? error : new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    file,
    now: Date.now,
    read: (query) => query(db),
    close: () => db.close(),
  };
}
