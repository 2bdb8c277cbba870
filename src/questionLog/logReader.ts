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

/**
 * Opens a question log database read-only: no row or schema is changed (SQLite may add its
 * -wal/-shm companions beside it), so a copy fetched from another host is read as it is. Throws one line naming the file and what to do
 * when it is missing, not a question log, or of another schema version.
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
