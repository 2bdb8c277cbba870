import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { migrations } from './migrations.ts';

/** Every statement the log runs, prepared once when the database opens. */
export interface LogStatements {
  readonly insertQuestion: Statement;
  readonly upsertVote: Statement;
  readonly insertLabel: Statement;
  readonly upsertDismissed: Statement;
  readonly questionText: Statement;
  readonly forgetQuestions: Statement;
  readonly forgetVotes: Statement;
  readonly forgetLabels: Statement;
  readonly purgeQuestions: Statement;
  readonly purgeVotes: Statement;
  readonly purgeLabels: Statement;
  readonly purgeDismissed: Statement;
}

/**
 * Opens (creating it when missing) the log's database: WAL, so readers never wait for the writer
 * and a kill mid-write leaves the last committed state; a busy timeout short enough never to hold
 * the bot up; the schema migrated to the newest version. Throws what SQLite says when the file
 * cannot be used; the caller decides what that means for the bot.
 */
export function openLogDatabase(file: string): { db: Database; statements: LogStatements } {
  const db = new BetterSqlite3(file, { timeout: 200 });
  try {
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return { db, statements: prepare(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs the migrations this database has not had yet, each in its own transaction. */
export function migrate(db: Database): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (!Number.isInteger(version) || version > migrations.length) {
    throw Object.assign(new Error(`schema version ${version} is newer than this bot knows (${migrations.length}); was it written by a newer version?`), { code: 'SCHEMA_TOO_NEW' });
  }
  for (let next = version; next < migrations.length; next++) {
    db.transaction(() => {
      db.exec(migrations[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}

function prepare(db: Database): LogStatements {
  return {
    insertQuestion: db.prepare(
      `INSERT OR IGNORE INTO questions (id, at, guild_id, channel_kind, user_hash, question, normalized, status, kind, record_id, confidence, suggestions)
       VALUES (@id, @at, @guildId, @channelKind, @userHash, @question, @normalized, @status, @kind, @recordId, @confidence, @suggestions)`,
    ),
    upsertVote: db.prepare(
      `INSERT INTO votes (question_id, user_hash, helpful, at) VALUES (@questionId, @userHash, @helpful, @at)
       ON CONFLICT (question_id, user_hash) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ),
    insertLabel: db.prepare(
      `INSERT INTO labels (at, user_hash, source, question, normalized, kind, record_id) VALUES (@at, @userHash, @source, @question, @normalized, @kind, @recordId)`,
    ),
    upsertDismissed: db.prepare(`INSERT INTO dismissed (normalized, at) VALUES (@normalized, @at) ON CONFLICT (normalized) DO UPDATE SET at = excluded.at`),
    questionText: db.prepare('SELECT question FROM questions WHERE id = ?'),
    forgetQuestions: db.prepare('DELETE FROM questions WHERE user_hash = ?'),
    forgetVotes: db.prepare('DELETE FROM votes WHERE user_hash = ?'),
    forgetLabels: db.prepare('DELETE FROM labels WHERE user_hash = ?'),
    purgeQuestions: db.prepare('DELETE FROM questions WHERE at < ?'),
    purgeVotes: db.prepare('DELETE FROM votes WHERE at < ?'),
    purgeLabels: db.prepare('DELETE FROM labels WHERE at < ?'),
    purgeDismissed: db.prepare('DELETE FROM dismissed WHERE at < ?'),
  };
}
