import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { describeProblem } from './describeProblem.ts';
import { checkpointAndTruncate, openLogDatabase, type LogStatements } from './logDatabase.ts';
import type { LogStore, ReportSource, StoredWrite } from './logStore.ts';
import { sqliteRows } from './sqliteRows.ts';
import { loadOrCreateSecret } from './userHash.ts';

export const databaseFileName = 'faqbot.sqlite';

/**
 * The question log in SQLite under DATA_DIR: one host's own, WAL, deleted rows overwritten
 * (secure_delete) and the WAL emptied after /forget-me and the purge. Its calls are synchronous
 * underneath (SQLite answers from the file in microseconds); the key is a file beside it.
 */
export class SqliteLogStore implements LogStore {
  readonly where: string;
  readonly #dataDir: string;
  readonly #logger: Logger;
  #db: Database | null = null;
  #statements: LogStatements | null = null;
  readonly #rows = sqliteRows(() => this.#open().db);

  constructor(dataDir: string, logger: Logger) {
    this.#dataDir = dataDir;
    this.where = path.join(dataDir, databaseFileName);
    this.#logger = logger;
  }

  readonly keyWithRows = false;

  async key(): Promise<Buffer> {
    mkdirSync(this.#dataDir, { recursive: true, mode: 0o700 });
    return loadOrCreateSecret(this.#dataDir);
  }

  async open(): Promise<void> {
    await this.close();
    const { db, statements, tightened } = openLogDatabase(this.where);
    if (tightened.length > 0) {
      this.#logger.warn({ files: tightened }, "The question log's files could be read by other users; they are now the bot's user's only (mode 600)");
    }
    this.#db = db;
    this.#statements = statements;
  }

  async write(batch: readonly StoredWrite[]): Promise<void> {
    const { db, s } = this.#open();
    db.transaction(() => {
      for (const write of batch) {
        switch (write.type) {
          case 'question':
            s.insertQuestion.run(write.row);
            break;
          case 'vote':
            s.upsertVote.run({ questionId: write.questionId, userHash: write.userHash, helpful: write.helpful ? 1 : 0, at: write.at });
            break;
          case 'label': {
            const { type: _type, id: _id, ...label } = write;
            s.insertLabel.run(label);
            break;
          }
          case 'dismiss':
            s.upsertDismissed.run({ normalized: write.normalized, at: write.at });
            break;
        }
      }
    })();
  }

  async questionText(questionId: string): Promise<string | null> {
    return (this.#open().s.questionText.get(questionId) as { question: string } | undefined)?.question ?? null;
  }

  async labelledQuestion(questionId: string): Promise<{ question: string; askerHash: string; guildId: string | null } | null> {
    const row = this.#open().s.labelledQuestion.get(questionId) as { question: string; user_hash: string; guild_id: string | null } | undefined;
    return row ? { question: row.question, askerHash: row.user_hash, guildId: row.guild_id } : null;
  }

  async forget(hash: string): Promise<number> {
    const { db, s } = this.#open();
    // Counted for the member: the rows that held their hash or words. Others' votes on their questions and
    // dismissed keys no question has any more go too, uncounted: nothing would be left for them to be about.
    const removed = db.transaction(() => {
      const rows = s.forgetVotes.run({ hash }).changes + s.forgetLabels.run({ hash }).changes;
      s.forgetVotesOnQuestions.run({ hash });
      const questions = s.forgetQuestions.run({ hash }).changes;
      s.forgetDismissed.run();
      return rows + questions;
    })();
    this.#emptyWal(db);
    return removed;
  }

  async purge(range: { before: number; after: number }): Promise<number> {
    const { db, s } = this.#open();
    const removed = db.transaction(() => s.purgeQuestions.run(range).changes + s.purgeVotes.run(range).changes + s.purgeLabels.run(range).changes + s.purgeDismissed.run(range).changes)();
    if (removed > 0) this.#emptyWal(db);
    return removed;
  }

  /** The rows this connection changed and the commits of other connections (a terminal report never writes). */
  async version(): Promise<string> {
    const { db } = this.#open();
    return `${String(db.prepare('SELECT total_changes()').pluck().get())}:${String(db.pragma('data_version', { simple: true }))}`;
  }

  gapRows: LogStore['gapRows'] = (window) => this.#rows.gapRows(window);
  statsRows: LogStore['statsRows'] = (window) => this.#rows.statsRows(window);

  reportSource(): ReportSource {
    return { kind: 'sqlite', files: [this.where] };
  }

  describe(error: unknown): string {
    return describeProblem(error, this.where, this.#dataDir);
  }

  async close(): Promise<void> {
    try {
      this.#db?.close();
    } catch {
      // Closing a database that failed is best effort; it is reopened from scratch.
    }
    this.#db = null;
    this.#statements = null;
  }

  #open(): { db: Database; s: LogStatements } {
    if (this.#db === null || this.#statements === null) throw new Error('the question log is not open');
    return { db: this.#db, s: this.#statements };
  }

  /** After deleting: the old copies of the rows leave the -wal file too. A reader holding it up is worth a line, not a failure. */
  #emptyWal(db: Database): void {
    if (!checkpointAndTruncate(db)) {
      this.#logger.warn({ file: this.where }, 'Another process is reading the question log: the deleted rows stay in its -wal file until the next checkpoint');
    }
  }
}
