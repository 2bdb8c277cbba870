import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { migrations } from './migrations.ts';

/** Only the bot's user may read or write the log's files: they hold members' questions. */
export const ownerOnlyMode = 0o600;

/** Every statement the log runs, prepared once when the database opens. */
export interface LogStatements {
  readonly insertQuestion: Statement;
  readonly upsertVote: Statement;
  readonly insertLabel: Statement;
  readonly upsertDismissed: Statement;
  readonly questionText: Statement;
  readonly labelledQuestion: Statement;
  readonly forgetQuestions: Statement;
  readonly forgetVotes: Statement;
  readonly forgetVotesOnQuestions: Statement;
  readonly forgetLabels: Statement;
  readonly forgetDismissed: Statement;
  readonly purgeQuestions: Statement;
  readonly purgeVotes: Statement;
  readonly purgeLabels: Statement;
  readonly purgeDismissed: Statement;
}

export interface OpenedLog {
  readonly db: Database;
  readonly statements: LogStatements;
  /** Files of the log other users could read, made the bot user's only as it opened (the caller warns). */
  readonly tightened: readonly string[];
}

/**
 * Opens (creating it when missing) the log's database: WAL, so readers never wait for the writer
 * and a kill mid-write leaves the last committed state; a busy timeout short enough never to hold
 * the bot up; deleted rows overwritten with zeros (secure_delete), so what /forget-me and the purge
 * delete is not left readable in free space; the schema migrated to the newest version. The file is
 * created readable by the bot's user only (SQLite gives its -wal and -shm files the same mode), and
 * any of them found readable by others is made so. Throws what SQLite or the file system says when
 * the file cannot be used; the caller decides what that means for the bot.
 */
export function openLogDatabase(file: string): OpenedLog {
  const tightened = keepToOwner(file);
  const db = new BetterSqlite3(file, { timeout: 200 });
  try {
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('secure_delete = ON');
    migrate(db);
    return { db, statements: prepare(db), tightened };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the database file 0600 when missing; returns the files of it (database, -wal, -shm) that were looser, now 0600. */
function keepToOwner(file: string): string[] {
  const tightened: string[] = [];
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = statSync(each).mode;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // SQLite would create it with the process's default mode (usually 0644); an empty file is a new database to it.
      if (each === file) closeSync(openSync(file, 'a', ownerOnlyMode));
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    chmodSync(each, ownerOnlyMode);
    tightened.push(`${each} (was ${(mode & 0o777).toString(8)})`);
  }
  return tightened;
}

/**
 * Writes every page the WAL holds into the database and empties the -wal file, so the old copies of
 * rows just deleted are gone from disk too. False when a reader (a terminal report) kept it from
 * finishing: the copies then go at the next checkpoint.
 */
export function checkpointAndTruncate(db: Database): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
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
    // A vote on a question no longer in the log (forgotten, purged) is not kept: it would be a new row about it.
    upsertVote: db.prepare(
      `INSERT INTO votes (question_id, user_hash, helpful, at)
       SELECT @questionId, @userHash, @helpful, @at WHERE EXISTS (SELECT 1 FROM questions WHERE id = @questionId)
       ON CONFLICT (question_id, user_hash) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ),
    insertLabel: db.prepare(
      `INSERT INTO labels (at, user_hash, source, question, normalized, kind, record_id, guild_id, asker_hash)
       VALUES (@at, @userHash, @source, @question, @normalized, @kind, @recordId, @guildId, @askerHash)`,
    ),
    upsertDismissed: db.prepare(`INSERT INTO dismissed (normalized, at) VALUES (@normalized, @at) ON CONFLICT (normalized) DO UPDATE SET at = excluded.at`),
    questionText: db.prepare('SELECT question FROM questions WHERE id = ?'),
    labelledQuestion: db.prepare('SELECT question, user_hash, guild_id FROM questions WHERE id = ?'),
    // Every row holding the member's hash or words, whoever's row it is: their votes and the votes on their
    // questions, labels they gave and labels others gave their questions (rows from before asker_hash: by the
    // text of their questions), then the questions. Run in this order, in one transaction.
    forgetVotes: db.prepare('DELETE FROM votes WHERE user_hash = @hash'),
    forgetVotesOnQuestions: db.prepare('DELETE FROM votes WHERE question_id IN (SELECT id FROM questions WHERE user_hash = @hash)'),
    forgetLabels: db.prepare(
      `DELETE FROM labels WHERE user_hash = @hash OR asker_hash = @hash
         OR (asker_hash IS NULL AND question IN (SELECT question FROM questions WHERE user_hash = @hash))`,
    ),
    forgetQuestions: db.prepare('DELETE FROM questions WHERE user_hash = @hash'),
    // A dismissed grouping key is made of question words: kept only while some question or label still has it.
    forgetDismissed: db.prepare(
      'DELETE FROM dismissed WHERE normalized NOT IN (SELECT normalized FROM questions) AND normalized NOT IN (SELECT normalized FROM labels)',
    ),
    // Past the retention period, or dated ahead of the clock (written while it was wrong): either way, not to keep.
    purgeQuestions: db.prepare('DELETE FROM questions WHERE at < @before OR at > @after'),
    purgeVotes: db.prepare('DELETE FROM votes WHERE at < @before OR at > @after'),
    purgeLabels: db.prepare('DELETE FROM labels WHERE at < @before OR at > @after'),
    purgeDismissed: db.prepare('DELETE FROM dismissed WHERE at < @before OR at > @after'),
  };
}
