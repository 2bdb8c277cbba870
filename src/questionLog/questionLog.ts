import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { pino, type Logger } from 'pino';
import type { Reply } from '../reply/replyModel.ts';
import { describeProblem } from './describeProblem.ts';
import { groupingKey } from './groupingKey.ts';
import { storedText } from './storedText.ts';
import { checkpointAndTruncate, openLogDatabase, type LogStatements } from './logDatabase.ts';
import { hashForThisRun, loadOrCreateSecret, userHasher, type UserHasher } from './userHash.ts';

export const databaseFileName = 'faqbot.sqlite';

const dayMs = 24 * 60 * 60 * 1000;
/** A row dated further ahead of the clock than this was written while the clock was wrong: purged. */
const futureSlackMs = 5 * 60 * 1000;

/** Where a question was put to the bot. */
export type ChannelKind = 'channel' | 'answer_channel' | 'thread' | 'forum' | 'dm' | 'slash';
export type LabelSource = 'suggestion' | 'none' | 'helper';

export interface HandledQuestion {
  readonly guildId: string | null;
  readonly channelKind: ChannelKind;
  readonly userId: string;
  readonly question: string;
  readonly reply: Pick<Reply, 'status' | 'kind' | 'id' | 'confidence' | 'suggestions'>;
}

/** A label given to a question the log holds (a suggestion pressed, "None of these"): it names the question by id. */
export interface QuestionPick {
  /** Who pressed. */
  readonly userId: string;
  readonly source: LabelSource;
  /** The record chosen; null for "None of these". */
  readonly record: { readonly kind: string; readonly id: string } | null;
}

/** A label given to a member's message (a helper's pick): the message's words and whose they are. */
export interface QuestionLabel extends QuestionPick {
  readonly question: string;
  /** The member whose words `question` are: stored as their hash, so their /forget-me deletes the label too. */
  readonly askerId: string;
  readonly guildId: string | null;
}

/** What the metrics server and the logs can read about the log. */
export interface QuestionLogHealth {
  /** QUESTION_LOG=on. */
  readonly enabled: boolean;
  /** The database is open and the last write went through. */
  readonly writable: boolean;
  readonly queued: number;
  /** Rows given up because the queue was full while the database was unavailable. */
  readonly dropped: number;
  /** Why the database is unavailable, when it is. */
  readonly problem: string | null;
  readonly file: string;
}

export type ForgetResult = { readonly ok: true; readonly removed: number } | { readonly ok: false; readonly problem: string };

export interface QuestionLogOptions {
  readonly dataDir: string;
  readonly enabled: boolean;
  readonly retentionDays: number;
  readonly logger?: Logger;
  /** The clock; tests move it to see retention work. */
  readonly now?: () => number;
  /** How long after the first queued write a batch is written (ms). */
  readonly flushDelayMs?: number;
  /** How long to wait before trying an unavailable database again (ms). */
  readonly retryMs?: number;
  /** How often old rows are purged (ms; default daily). */
  readonly purgeEveryMs?: number;
  /** false for the terminal reports: read what is there, purge nothing (the bot does that). */
  readonly purge?: boolean;
}

type Write =
  | { readonly type: 'question'; readonly row: QuestionRow }
  | { readonly type: 'vote'; readonly questionId: string; readonly userId: string; readonly helpful: boolean; readonly at: number }
  | {
      readonly type: 'label';
      readonly userId: string;
      /** Hashed when queued (labels are rare): whose words `question` are. */
      readonly askerHash: string;
      readonly guildId: string | null;
      readonly source: LabelSource;
      readonly question: string;
      readonly kind: string | null;
      readonly recordId: string | null;
      readonly at: number;
    }
  | { readonly type: 'dismiss'; readonly normalized: string; readonly at: number };

export interface QuestionRow {
  readonly id: string;
  readonly at: number;
  readonly guildId: string | null;
  readonly channelKind: ChannelKind;
  /** The member's Discord id, in memory only: it is hashed as the row is written. */
  readonly userId: string;
  readonly question: string;
  readonly status: string;
  readonly kind: string | null;
  readonly recordId: string | null;
  readonly confidence: number;
  readonly suggestions: string;
}

// At most this many rows wait while the database is unavailable; the oldest go first.
const queueMax = 10_000;
// Small transactions: a batch never holds the write lock long.
const batchMax = 200;

/**
 * Records every question the bot handles, the votes on its answers and the labels members and
 * helpers give, in SQLite under DATA_DIR. Recording never delays a reply: rows are queued in memory
 * and written in small transactions on a timer. When the database cannot be used (missing, locked,
 * full, corrupt, read-only) the bot keeps answering; the log warns once, tells the listeners (the
 * mod-log) once, keeps the queue and tries again later.
 */
export class QuestionLog {
  readonly file: string;
  readonly retentionDays: number;
  readonly enabled: boolean;
  readonly #dataDir: string;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #flushDelayMs: number;
  readonly #retryMs: number;
  #queue: Write[] = [];
  #dropped = 0;
  #db: Database | null = null;
  #statements: LogStatements | null = null;
  #hash: UserHasher | null = null;
  #problem: string | null = null;
  #warned = false;
  #flushTimer: NodeJS.Timeout | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #purgeTimer: NodeJS.Timeout | null = null;
  #closed = false;
  #troubleListeners: ((message: string) => void)[] = [];
  // Question ids: a random prefix per process and a counter, unique across restarts without a random draw per question.
  readonly #idPrefix = randomBytes(6).toString('base64url').slice(0, 6);
  #idCounter = 0;
  #pendingNotice: string | null = null;

  constructor(options: QuestionLogOptions) {
    this.#dataDir = options.dataDir;
    this.file = path.join(options.dataDir, databaseFileName);
    this.enabled = options.enabled;
    this.retentionDays = options.retentionDays;
    this.#logger = options.logger ?? pino({ enabled: false });
    this.#now = options.now ?? Date.now;
    this.#flushDelayMs = options.flushDelayMs ?? 100;
    this.#retryMs = options.retryMs ?? 60_000;
    if (!this.enabled) return;
    const opened = this.#open();
    if (options.purge === false) return;
    if (opened) this.purge();
    this.#purgeTimer = setInterval(() => this.purge(), options.purgeEveryMs ?? dayMs);
    this.#purgeTimer.unref();
  }

  /**
   * Queues a handled question and returns the id its buttons carry; null when the log is off.
   * Costs an array push on the reply path: hashing, grouping and writing happen when the queue is flushed.
   */
  record(question: HandledQuestion): string | null {
    if (!this.#canHash()) return null;
    const text = storedText(question.question);
    const row: QuestionRow = {
      id: this.#nextId(),
      at: this.#now(),
      guildId: question.guildId,
      channelKind: question.channelKind,
      userId: question.userId,
      question: text,
      status: question.reply.status,
      kind: question.reply.kind,
      recordId: question.reply.id,
      confidence: question.reply.confidence,
      suggestions: JSON.stringify(question.reply.suggestions.map((s) => `${s.kind}:${s.id}`)),
    };
    this.#enqueue({ type: 'question', row });
    return row.id;
  }

  /** A member's vote on a reply; a later vote by the same member on the same reply replaces it. */
  vote(questionId: string, userId: string, helpful: boolean): void {
    if (this.#canHash()) this.#enqueue({ type: 'vote', questionId, userId, helpful, at: this.#now() });
  }

  /** What a helper said a member's message was about. */
  label(label: QuestionLabel): void {
    if (!this.#canHash()) return;
    this.#enqueueLabel(label, { question: storedText(label.question), askerHash: this.#hash!(label.askerId), guildId: label.guildId });
  }

  /**
   * What a member said a logged question was about (a suggestion or "None of these" pressed under its reply). Nothing
   * is recorded when the question is no longer in the log (forgotten or purged): a label would bring its words back.
   */
  labelQuestion(questionId: string, pick: QuestionPick): void {
    if (!this.#canHash()) return;
    const asked = this.#labelledQuestion(questionId);
    if (asked) this.#enqueueLabel(pick, asked);
  }

  /** A member's id as the bot's log lines give it: the hash the question log stores (never the id itself). */
  memberHash(userId: string): string {
    return this.#canHash() ? this.#hash!(userId) : hashForThisRun(userId);
  }

  /** Hides gap rows with these grouping keys until they are asked again. */
  dismiss(normalizedKeys: readonly string[]): void {
    if (!this.enabled || this.#closed) return;
    const at = this.#now();
    for (const normalized of normalizedKeys) this.#enqueue({ type: 'dismiss', normalized, at });
  }

  /** The text of a logged question (queued or written), or null. */
  questionText(questionId: string): string | null {
    for (const write of this.#queue) if (write.type === 'question' && write.row.id === questionId) return write.row.question;
    return this.#read((s) => s.questionText.get(questionId) as { question: string } | undefined)?.question ?? null;
  }

  /**
   * Deletes every row holding this member's hash or words, queued or written, whoever's row it is: their questions,
   * votes and picks, the votes on their questions, and the labels others gave their questions. The deleted text is
   * overwritten in the database file and the WAL emptied, so it is not left readable on disk either.
   */
  forget(userId: string): ForgetResult {
    if (!this.enabled) return { ok: true, removed: 0 };
    if (!this.#ensureOpen() || this.#hash === null) return { ok: false, problem: this.#problem ?? 'the question log is not available' };
    const hash = this.#hash(userId);
    const before = this.#queue.length;
    this.#queue = this.#queue.filter((write) => !holdsMember(write, userId, hash));
    // Queued votes of others on their queued questions are dropped when written: the questions are gone.
    const queued = before - this.#queue.length;
    try {
      const s = this.#statements!;
      const db = this.#db!;
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
      return { ok: true, removed: removed + queued };
    } catch (error) {
      this.#trouble(error);
      return { ok: false, problem: this.#problem ?? 'the question log is not available' };
    }
  }

  /** Deletes what is older than RETENTION_DAYS, and what is dated ahead of the clock; returns how many rows went. */
  purge(): number {
    if (!this.#ensureOpen()) return 0;
    const now = this.#now();
    const range = { before: now - this.retentionDays * dayMs, after: now + futureSlackMs };
    try {
      const s = this.#statements!;
      const db = this.#db!;
      const removed = db.transaction(() => s.purgeQuestions.run(range).changes + s.purgeVotes.run(range).changes + s.purgeLabels.run(range).changes + s.purgeDismissed.run(range).changes)();
      if (removed > 0) {
        this.#emptyWal(db);
        this.#logger.info({ removed, retentionDays: this.retentionDays }, 'Purged question log rows past the retention period');
      }
      return removed;
    } catch (error) {
      this.#trouble(error);
      return 0;
    }
  }

  /** Rows waiting to be written. */
  queueDepth(): number {
    return this.#queue.length;
  }

  health(): QuestionLogHealth {
    return { enabled: this.enabled, writable: this.enabled && this.#db !== null && this.#problem === null, queued: this.#queue.length, dropped: this.#dropped, problem: this.#problem, file: this.file };
  }

  /** Calls `listener` once per spell of trouble (and at once for trouble before it was added): the mod-log notice. */
  onTrouble(listener: (message: string) => void): void {
    this.#troubleListeners.push(listener);
    if (this.#pendingNotice !== null) {
      listener(this.#pendingNotice);
      this.#pendingNotice = null;
    }
  }

  /** Writes everything queued now (reports and shutdown read what was asked up to this moment). */
  flush(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    while (this.#queue.length > 0 && this.#ensureOpen()) {
      const batch = this.#queue.slice(0, batchMax);
      try {
        this.#writeBatch(batch);
        this.#queue.splice(0, batch.length);
      } catch (error) {
        this.#trouble(error);
        return;
      }
    }
  }

  /**
   * Runs a query on the open database, flushing first; null when it is unavailable. For this
   * module's reports (gapReport, statsReport): the SQL stays in src/questionLog/.
   */
  read<T>(query: (db: Database, statements: LogStatements) => T): T | null {
    this.flush();
    if (!this.#ensureOpen()) return null;
    try {
      return query(this.#db!, this.#statements!);
    } catch (error) {
      this.#trouble(error);
      return null;
    }
  }

  now(): number {
    return this.#now();
  }

  /** Writes what is queued and closes the database (a kill -9 instead loses only the queue). */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    for (const timer of [this.#flushTimer, this.#retryTimer]) if (timer) clearTimeout(timer);
    if (this.#purgeTimer) clearInterval(this.#purgeTimer);
    this.#db?.close();
    this.#db = null;
  }

  #read<T>(query: (statements: LogStatements) => T): T | null {
    if (!this.#ensureOpen()) return null;
    try {
      return query(this.#statements!);
    } catch (error) {
      this.#trouble(error);
      return null;
    }
  }

  /** The text, asker and server of a logged question (queued or written), as a label of it stores them; null when gone. */
  #labelledQuestion(questionId: string): { question: string; askerHash: string; guildId: string | null } | null {
    for (const write of this.#queue) {
      if (write.type === 'question' && write.row.id === questionId) return { question: write.row.question, askerHash: this.#hash!(write.row.userId), guildId: write.row.guildId };
    }
    const row = this.#read((s) => s.labelledQuestion.get(questionId) as { question: string; user_hash: string; guild_id: string | null } | undefined);
    return row ? { question: row.question, askerHash: row.user_hash, guildId: row.guild_id } : null;
  }

  #enqueueLabel(pick: QuestionPick, asked: { question: string; askerHash: string; guildId: string | null }): void {
    this.#enqueue({ type: 'label', userId: pick.userId, source: pick.source, kind: pick.record?.kind ?? null, recordId: pick.record?.id ?? null, at: this.#now(), ...asked });
  }

  /** After deleting: the old copies of the rows leave the -wal file too. A reader holding it up is worth a line, not a failure. */
  #emptyWal(db: Database): void {
    if (!checkpointAndTruncate(db)) {
      this.#logger.warn({ file: this.file }, 'Another process is reading the question log: the deleted rows stay in its -wal file until the next checkpoint');
    }
  }

  #nextId(): string {
    this.#idCounter = (this.#idCounter + 1) % 36 ** 6;
    return `${this.#idPrefix}${this.#idCounter.toString(36).padStart(6, '0')}`;
  }

  /** Whether rows can be taken: the log is on and its secret is loaded (a member is never queued unhashable). */
  #canHash(): boolean {
    if (!this.enabled || this.#closed) return false;
    if (this.#hash === null) this.#ensureOpen();
    return this.#hash !== null;
  }

  #enqueue(write: Write): void {
    this.#queue.push(write);
    if (this.#queue.length > queueMax) {
      this.#queue.shift();
      this.#dropped++;
    }
    if (this.#flushTimer === null && this.#retryTimer === null) {
      this.#flushTimer = setTimeout(() => this.flush(), this.#flushDelayMs);
      this.#flushTimer.unref();
    }
  }

  #writeBatch(batch: readonly Write[]): void {
    const s = this.#statements!;
    const hash = this.#hash!;
    this.#db!.transaction(() => {
      for (const write of batch) {
        switch (write.type) {
          case 'question': {
            // Hashing and the grouping key are worked out here, off the reply path; the raw id goes no further.
            const { userId, ...row } = write.row;
            s.insertQuestion.run({ ...row, userHash: hash(userId), normalized: groupingKey(row.question) });
            break;
          }
          case 'vote':
            s.upsertVote.run({ questionId: write.questionId, userHash: hash(write.userId), helpful: write.helpful ? 1 : 0, at: write.at });
            break;
          case 'label':
            s.insertLabel.run({
              at: write.at,
              userHash: hash(write.userId),
              source: write.source,
              question: write.question,
              normalized: groupingKey(write.question),
              kind: write.kind,
              recordId: write.recordId,
              guildId: write.guildId,
              askerHash: write.askerHash,
            });
            break;
          case 'dismiss':
            s.upsertDismissed.run({ normalized: write.normalized, at: write.at });
            break;
        }
      }
    })();
  }

  /** Open, or opened just now; false while unavailable (and a retry is scheduled). */
  #ensureOpen(): boolean {
    if (!this.enabled || this.#closed) return false;
    if (this.#db !== null) return true;
    // Between retries, do not hit the disk on every question.
    if (this.#retryTimer !== null) return false;
    return this.#open();
  }

  #open(): boolean {
    try {
      mkdirSync(this.#dataDir, { recursive: true, mode: 0o700 });
      this.#hash ??= userHasher(loadOrCreateSecret(this.#dataDir));
      const { db, statements, tightened } = openLogDatabase(this.file);
      if (tightened.length > 0) {
        this.#logger.warn({ files: tightened }, "The question log's files could be read by other users; they are now the bot's user's only (mode 600)");
      }
      this.#db = db;
      this.#statements = statements;
      if (this.#problem !== null) this.#logger.info({ file: this.file }, 'The question log is writable again');
      this.#problem = null;
      this.#warned = false;
      return true;
    } catch (error) {
      this.#trouble(error);
      return false;
    }
  }

  #trouble(error: unknown): void {
    const problem = describeProblem(error, this.file, this.#dataDir);
    this.#problem = problem;
    try {
      this.#db?.close();
    } catch {
      // Closing a database that failed is best effort; it is reopened from scratch.
    }
    this.#db = null;
    this.#statements = null;
    if (!this.#warned) {
      this.#warned = true;
      this.#logger.warn({ err: error, file: this.file }, `Question log unavailable; the bot keeps answering and retries every ${Math.round(this.#retryMs / 1000)} s: ${problem}`);
      const notice = `⚠️ The question log is unavailable (${problem}). The bot keeps answering; questions are kept in memory and written when it works again.`;
      if (this.#troubleListeners.length === 0) this.#pendingNotice = notice;
      for (const listener of this.#troubleListeners) listener(notice);
    }
    if (this.#retryTimer === null && !this.#closed) {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        if (this.#open()) this.flush();
      }, this.#retryMs);
      this.#retryTimer.unref();
    }
  }
}

/** Whether a queued write holds this member's id or words: their question, vote or pick, or a label of their words. */
function holdsMember(write: Write, userId: string, hash: string): boolean {
  switch (write.type) {
    case 'question':
      return write.row.userId === userId;
    case 'vote':
      return write.userId === userId;
    case 'label':
      return write.userId === userId || write.askerHash === hash;
    case 'dismiss':
      return false;
  }
}
