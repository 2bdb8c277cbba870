import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createClient } from '../../src/database/postgres.ts';
import { databaseFileName, QuestionLog, type LoggedReply, type QuestionLogOptions } from '../../src/questionLog/questionLog.ts';
import { testDatabase } from '../support/testDatabase.ts';

export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-qlog-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A DATA_DIR the bot cannot write. File modes do not stop root (these tests may run as root in
 * CI containers), so as root it is a folder under /sys, where nobody may create anything.
 */
export async function unwritableDataDir(): Promise<{ dir: string; restore: () => Promise<void> }> {
  if (process.getuid?.() === 0) return { dir: '/sys/faq-bot-data', restore: async () => undefined };
  const { dir, remove } = await tempDataDir();
  await chmod(dir, 0o555);
  return { dir, restore: async () => (await chmod(dir, 0o755), await remove()) };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 1, 12)): { now: () => number; advanceDays: (days: number) => void } {
  let time = start;
  return { now: () => time, advanceDays: (days) => void (time += days * 24 * 60 * 60 * 1000) };
}

export const noMatch: LoggedReply = { status: 'no_match', confidence: { scale: 'score', value: 0 } };
export const answered = (id: string): LoggedReply => ({ status: 'answered', kind: 'faq', id, confidence: { scale: 'score', value: 0.9 } });

export function openLog(dataDir: string, options: Partial<QuestionLogOptions> = {}): QuestionLog {
  return new QuestionLog({ dataDir, enabled: true, retentionDays: 30, flushDelayMs: 5, ...options });
}

/** A question log's database for one test, on either backend: how to open the log on it, and its rows by SQL. */
export interface LogBackend {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** A fresh DATA_DIR (and, for PostgreSQL, a fresh database); removed after the test by `cleanup`. */
  create(): Promise<LogHome>;
}

export interface LogHome {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** The options of a log on this database. */
  readonly options: Pick<QuestionLogOptions, 'dataDir' | 'databaseUrl'>;
  /** Runs SQL on the log's tables (questions, votes, labels, dismissed), as any other reader would. */
  rows(sql: string): Promise<unknown[]>;
  cleanup(): Promise<void>;
}

export const sqliteBackend: LogBackend = {
  name: 'SQLite',
  async create() {
    const { dir, remove } = await tempDataDir();
    return {
      dataDir: dir,
      databaseUrl: undefined,
      options: { dataDir: dir },
      async rows(sql) {
        const db = new BetterSqlite3(path.join(dir, databaseFileName), { readonly: true });
        try {
          return db.prepare(sql).all();
        } finally {
          db.close();
        }
      },
      cleanup: remove,
    };
  },
};

export const postgresBackend: LogBackend = {
  name: 'PostgreSQL',
  async create() {
    const { dir, remove } = await tempDataDir();
    const database = await testDatabase();
    return {
      dataDir: dir,
      databaseUrl: database.url,
      options: { dataDir: dir, databaseUrl: database.url },
      async rows(sql) {
        const client = createClient(database.url);
        await client.connect();
        try {
          await client.query('SET search_path TO faqbot');
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      },
      cleanup: async () => {
        await database.drop();
        await remove();
      },
    };
  },
};

export const logBackends: readonly LogBackend[] = [sqliteBackend, postgresBackend];

/** A log on `home`, first tried before it is returned (as the bot does before connecting). */
export async function openLogOn(home: LogHome, options: Partial<QuestionLogOptions> = {}): Promise<QuestionLog> {
  const log = openLog(home.dataDir, { ...home.options, ...options });
  await log.ready();
  return log;
}
