import BetterSqlite3, { type Database } from 'better-sqlite3';
import type pg from 'pg';
import { shownDatabaseUrl } from '../config/databaseUrl.ts';
import { createPool, describePgProblem } from '../database/postgres.ts';
import { pgMigrations } from '../database/pgMigrations.ts';
import type { GapRowsRead, LogRows, ReportWindow, StatsRowsRead } from './logStore.ts';
import { migrations } from './migrations.ts';
import { pgRows } from './pgRows.ts';
import { sqliteRows } from './sqliteRows.ts';

/** What the reports need of a question log: its clock and its rows. The bot's own log is one. */
export interface LogReader {
  now(): number;
  /** Null when the database is unavailable. */
  gapRows(window: ReportWindow): Promise<GapRowsRead | null>;
  statsRows(window: ReportWindow): Promise<StatsRowsRead | null>;
}

/** A question log opened only to read it: the terminal reports, of a file (possibly another host's) or the shared database. */
export interface LogFileReader extends LogReader {
  readonly file: string;
  close(): Promise<void>;
}

/** The clock of the first log (the bot's own, or the reports' wall clock). */
export function nowOf(logs: LogReader | readonly LogReader[]): number {
  return (Array.isArray(logs) ? (logs as readonly LogReader[])[0] : (logs as LogReader))?.now() ?? Date.now();
}

/**
 * Reads from every log (one per host) and joins what each returns, list by list, so several logs
 * are read as one; null when any of them cannot be read.
 */
export async function readFromEach<K extends string>(logs: LogReader | readonly LogReader[], read: (log: LogReader) => Promise<Record<K, unknown[]> | null>): Promise<Record<K, unknown[]> | null> {
  let joined: Record<K, unknown[]> | null = null;
  for (const log of Array.isArray(logs) ? (logs as readonly LogReader[]) : [logs as LogReader]) {
    const rows = await read(log);
    if (rows === null) return null;
    if (joined === null) joined = { ...rows };
    else for (const key of Object.keys(rows) as K[]) joined[key] = [...joined[key], ...rows[key]];
  }
  return joined;
}

function readerOf(file: string, rows: LogRows, close: () => Promise<void>): LogFileReader {
  return { file, now: Date.now, gapRows: (window) => rows.gapRows(window), statsRows: (window) => rows.statsRows(window), close };
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
  return readerOf(file, sqliteRows(() => db), async () => {
    db.close();
  });
}

/**
 * The shared question log (DATABASE_URL), opened to read every host's rows: nothing is migrated,
 * purged or written. Throws one line (never the password) when it cannot be reached or is of
 * another schema version.
 */
export async function openDatabaseForReading(url: string): Promise<LogFileReader> {
  const shown = shownDatabaseUrl(url);
  const pool: pg.Pool = createPool(url, { max: 2 });
  try {
    const { rows } = await pool.query<{ version: number | null }>(
      "SELECT (SELECT version FROM faqbot.schema_version) AS version WHERE to_regclass('faqbot.schema_version') IS NOT NULL",
    );
    const version = rows[0]?.version ?? 0;
    if (version === 0) throw new Error(`${shown} holds no question log yet: the bot creates it when it starts with this DATABASE_URL`);
    if (version > pgMigrations.length) throw new Error(`${shown} was set up by a newer version of the bot (schema ${version}; this one reads ${pgMigrations.length}): update this copy of the bot`);
    if (version < pgMigrations.length) throw new Error(`${shown} was set up by an older version of the bot (schema ${version}; this one reads ${pgMigrations.length}): start the newer bot on it once to upgrade it`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error((error as { code?: unknown }).code === undefined && error instanceof Error ? error.message : describePgProblem(error, url));
  }
  return readerOf(shown, pgRows(() => pool), () => pool.end());
}
