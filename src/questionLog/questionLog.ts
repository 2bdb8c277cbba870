import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { AnsweredReply, NoMatchReply, SuggestionsReply } from '../reply/replyModel.ts';
import { groupingKey } from './groupingKey.ts';
import type { ChannelKind, GapRowsRead, LabelSource, LogStore, ReportSource, ReportWindow, StatsRowsRead, StoredWrite } from './logStore.ts';
import { PgLogStore } from './pgLogStore.ts';
import { SqliteLogStore } from './sqliteLogStore.ts';
import { storedText } from './storedText.ts';
import { hashForThisRun, userHasher, type UserHasher } from './userHash.ts';

export { databaseFileName } from './sqliteLogStore.ts';

const dayMs = 24 * 60 * 60 * 1000;
/** A row dated further ahead of the clock than this was written while the clock was wrong: purged. */
const futureSlackMs = 5 * 60 * 1000;

/** Where a question was put to the bot. */
export type { ChannelKind, LabelSource } from './logStore.ts';

/** What the log keeps of a reply (never chat: thanks and greetings are not logged). */
export type LoggedReply =
  | Pick<AnsweredReply, 'status' | 'kind' | 'id' | 'confidence'>
  | Pick<SuggestionsReply, 'status' | 'suggestions' | 'confidence'>
  | Pick<NoMatchReply, 'status' | 'confidence'>;

export interface HandledQuestion {
  readonly guildId: string | null;
  readonly channelKind: ChannelKind;
  readonly userId: string;
  readonly question: string;
  readonly reply: LoggedReply;
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
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly file: string;
}

export type ForgetResult = { readonly ok: true; readonly removed: number } | { readonly ok: false; readonly problem: string };

export interface QuestionLogOptions {
  readonly dataDir: string;
  /** DATABASE_URL: the log in PostgreSQL, shared by every host; else SQLite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly enabled: boolean;
  readonly retentionDays: number;
  readonly logger?: Logger;
  /** The clock; tests move it to see retention work. */
  readonly now?: () => number;
  /** How long after the first queued write a batch is written (ms). */
  readonly flushDelayMs?: number;
  /** How long to wait before trying an unavailable database again (ms; default 60 s for SQLite, 5 s for PostgreSQL). */
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
      readonly id: string;
      readonly userId: string;
      /** Whose words `question` are: their id (hashed when written), or the hash a logged question already has. */
      readonly asker: { readonly id: string } | { readonly hash: string };
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
 * helpers give: in SQLite under DATA_DIR, or in PostgreSQL with DATABASE_URL (every host's rows in
 * one place). Recording never delays a reply and never throws: rows are queued in memory and
 * written in small transactions on a timer. When the database cannot be used (missing, locked,
 * full, corrupt, read-only, unreachable) the bot keeps answering; the log warns once, tells the
 * listeners (the mod-log) once, keeps the queue (at most 10,000 rows, the oldest dropped first)
 * and tries again later. Every write is safe to repeat, so a retried batch lands once.
 */
export class QuestionLog {
  readonly file: string;
  readonly retentionDays: number;
  readonly enabled: boolean;
  readonly #store: LogStore;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #flushDelayMs: number;
  readonly #retryMs: number;
  #queue: Write[] = [];
  /** Rows of the batch being written: still waiting, for /healthz and the metrics, until it is committed. */
  #writing = 0;
  #dropped = 0;
  #open = false;
  #hash: UserHasher | null = null;
  #problem: string | null = null;
  #warned = false;
  #flushTimer: NodeJS.Timeout | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #purgeTimer: NodeJS.Timeout | null = null;
  #closed = false;
  #troubleListeners: ((message: string) => void)[] = [];
  // Question ids: a random prefix per process and a counter, unique across restarts and hosts without a random draw per question.
  readonly #idPrefix = randomBytes(6).toString('base64url').slice(0, 6);
  #idCounter = 0;
  #pendingNotice: string | null = null;
  /** Writes, deletions and reopening, one at a time: a batch in flight never crosses a /forget-me. */
  #serial: Promise<unknown> = Promise.resolve();
  /** Labels waiting for their question's text from the database. */
  readonly #lookups = new Set<Promise<void>>();
  readonly #ready: Promise<void>;

  constructor(options: QuestionLogOptions) {
    this.enabled = options.enabled;
    this.retentionDays = options.retentionDays;
    this.#logger = options.logger ?? pino({ enabled: false });
    this.#store = options.databaseUrl ? new PgLogStore(options.databaseUrl, this.#logger) : new SqliteLogStore(options.dataDir, this.#logger);
    this.file = this.#store.where;
    this.#now = options.now ?? Date.now;
    this.#flushDelayMs = options.flushDelayMs ?? 100;
    // A database server's outage is usually short and asking it again is cheap; a broken file waits for an operator.
    this.#retryMs = options.retryMs ?? (options.databaseUrl ? 5_000 : 60_000);
    if (!this.enabled) {
      this.#ready = Promise.resolve();
      return;
    }
    const purge = options.purge !== false;
    this.#ready = this.#exclusive(() => this.#reopen()).then(async (opened) => {
      if (opened && purge) await this.purge();
    });
    if (!purge) return;
    this.#purgeTimer = setInterval(() => void this.purge(), options.purgeEveryMs ?? dayMs);
    this.#purgeTimer.unref();
  }

  /** Settles once the database was first tried: open, or unavailable and retried in the background. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /**
   * Queues a handled question and returns the id its buttons carry; null when the log is off.
   * Costs an array push on the reply path: hashing, grouping and writing happen when the queue is flushed.
   */
  record(question: HandledQuestion): string | null {
    if (!this.#takesRows()) return null;
    const text = storedText(question.question);
    const row: QuestionRow = {
      id: this.#nextId(),
      at: this.#now(),
      guildId: question.guildId,
      channelKind: question.channelKind,
      userId: question.userId,
      question: text,
      status: question.reply.status,
      kind: question.reply.status === 'answered' ? question.reply.kind : null,
      recordId: question.reply.status === 'answered' ? question.reply.id : null,
      confidence: question.reply.confidence.value,
      suggestions: JSON.stringify(question.reply.status === 'suggestions' ? question.reply.suggestions.map((s) => `${s.kind}:${s.id}`) : []),
    };
    this.#enqueue({ type: 'question', row });
    return row.id;
  }

  /** A member's vote on a reply; a later vote by the same member on the same reply replaces it. */
  vote(questionId: string, userId: string, helpful: boolean): void {
    if (this.#takesRows()) this.#enqueue({ type: 'vote', questionId, userId, helpful, at: this.#now() });
  }

  /** What a helper said a member's message was about. */
  label(label: QuestionLabel): void {
    if (!this.#takesRows()) return;
    this.#enqueueLabel(label, { question: storedText(label.question), asker: { id: label.askerId }, guildId: label.guildId });
  }

  /**
   * What a member said a logged question was about (a suggestion or "None of these" pressed under its reply). Nothing
   * is recorded when the question is no longer in the log (forgotten or purged): a label would bring its words back.
   */
  labelQuestion(questionId: string, pick: QuestionPick): void {
    if (!this.#takesRows()) return;
    const queued = this.#queuedQuestion(questionId);
    if (queued) {
      this.#enqueueLabel(pick, { question: queued.question, asker: { id: queued.userId }, guildId: queued.guildId });
      return;
    }
    const at = this.#now();
    const lookup = this.#query((store) => store.labelledQuestion(questionId)).then((asked) => {
      if (asked && !this.#closed) this.#enqueueLabel(pick, { question: asked.question, asker: { hash: asked.askerHash }, guildId: asked.guildId }, at);
    });
    this.#lookups.add(lookup);
    void lookup.finally(() => this.#lookups.delete(lookup));
  }

  /** A member's id as the bot's log lines give it: the hash the question log stores (never the id itself). */
  memberHash(userId: string): string {
    return this.#hash ? this.#hash(userId) : hashForThisRun(userId);
  }

  /** Hides gap rows with these grouping keys until they are asked again. */
  dismiss(normalizedKeys: readonly string[]): void {
    if (!this.enabled || this.#closed) return;
    const at = this.#now();
    for (const normalized of normalizedKeys) this.#enqueue({ type: 'dismiss', normalized, at });
  }

  /** The text of a logged question (queued or written), or null. */
  async questionText(questionId: string): Promise<string | null> {
    const queued = this.#queuedQuestion(questionId);
    if (queued) return queued.question;
    return this.#query((store) => store.questionText(questionId));
  }

  /**
   * Deletes every row holding this member's hash or words, queued or written, whoever's row it is: their questions,
   * votes and picks, the votes on their questions, and the labels others gave their questions. With SQLite the
   * deleted text is overwritten in the database file and the WAL emptied, so it is not left readable on disk either.
   */
  async forget(userId: string): Promise<ForgetResult> {
    if (!this.enabled) return { ok: true, removed: 0 };
    await this.#lookupsDone();
    return this.#exclusive(async (): Promise<ForgetResult> => {
      // The queue first, whatever the database's state: rows waiting for it never reach it.
      const hash = this.#hash?.(userId) ?? null;
      const before = this.#queue.length;
      this.#queue = this.#queue.filter((write) => !holdsMember(write, userId, hash));
      // Queued votes of others on their queued questions are dropped when written: the questions are gone.
      const queued = before - this.#queue.length;
      if (!(await this.#openNow()) || this.#hash === null) return { ok: false, problem: this.#problem ?? 'the question log is not available' };
      const stored = this.#hash(userId);
      try {
        return { ok: true, removed: (await this.#store.forget(stored)) + queued };
      } catch (error) {
        this.#trouble(error);
        return { ok: false, problem: this.#problem ?? 'the question log is not available' };
      }
    });
  }

  /** Deletes what is older than RETENTION_DAYS, and what is dated ahead of the clock; returns how many rows went. */
  purge(): Promise<number> {
    return this.#exclusive(async () => {
      if (!(await this.#openNow())) return 0;
      const now = this.#now();
      try {
        const removed = await this.#store.purge({ before: now - this.retentionDays * dayMs, after: now + futureSlackMs });
        if (removed > 0) this.#logger.info({ removed, retentionDays: this.retentionDays }, 'Purged question log rows past the retention period');
        return removed;
      } catch (error) {
        this.#trouble(error);
        return 0;
      }
    });
  }

  /** Rows waiting to be written. */
  queueDepth(): number {
    return this.#queue.length + this.#writing;
  }

  health(): QuestionLogHealth {
    return { enabled: this.enabled, writable: this.enabled && this.#open && this.#problem === null, queued: this.queueDepth(), dropped: this.#dropped, problem: this.#problem, file: this.file };
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
  async flush(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    await this.#lookupsDone();
    await this.#exclusive(() => this.#writeQueued());
  }

  /** The gap report's rows of `window`, every host's with PostgreSQL, after writing the queue; null when unavailable. */
  async gapRows(window: ReportWindow): Promise<GapRowsRead | null> {
    await this.flush();
    return this.#query((store) => store.gapRows(window));
  }

  /** The stats report's rows of `window`; null when unavailable. */
  async statsRows(window: ReportWindow): Promise<StatsRowsRead | null> {
    await this.flush();
    return this.#query((store) => store.statsRows(window));
  }

  /** What the log holds, as a string that changes with any row written or deleted by any host; null when unavailable. */
  async version(): Promise<string | null> {
    await this.flush();
    return this.#query((store) => store.version());
  }

  /** Where a report thread reads the rows. */
  reportSource(): ReportSource {
    return this.#store.reportSource();
  }

  now(): number {
    return this.#now();
  }

  /** Writes what is queued and closes the database (a kill -9 instead loses only the queue). */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#ready;
    await this.flush();
    this.#closed = true;
    for (const timer of [this.#flushTimer, this.#retryTimer]) if (timer) clearTimeout(timer);
    if (this.#purgeTimer) clearInterval(this.#purgeTimer);
    await this.#exclusive(async () => {
      this.#open = false;
      await this.#store.close();
    });
  }

  /** Runs `work` after every write, deletion or reopening before it. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#serial.then(work);
    this.#serial = result.catch(() => undefined);
    return result;
  }

  async #lookupsDone(): Promise<void> {
    while (this.#lookups.size > 0) await Promise.all([...this.#lookups]);
  }

  /** A read on the open database; null (the trouble reported) when it is unavailable. */
  async #query<T>(read: (store: LogStore) => Promise<T>): Promise<T | null> {
    if (!this.enabled || this.#closed) return null;
    if (!this.#open && !(await this.#exclusive(() => this.#openNow()))) return null;
    try {
      return await read(this.#store);
    } catch (error) {
      this.#trouble(error);
      return null;
    }
  }

  #queuedQuestion(questionId: string): QuestionRow | null {
    for (const write of this.#queue) if (write.type === 'question' && write.row.id === questionId) return write.row;
    return null;
  }

  #enqueueLabel(pick: QuestionPick, asked: { question: string; asker: { id: string } | { hash: string }; guildId: string | null }, at = this.#now()): void {
    this.#enqueue({ type: 'label', id: `${this.#nextId()}l`, userId: pick.userId, source: pick.source, kind: pick.record?.kind ?? null, recordId: pick.record?.id ?? null, at, ...asked });
  }

  #nextId(): string {
    this.#idCounter = (this.#idCounter + 1) % 36 ** 6;
    return `${this.#idPrefix}${this.#idCounter.toString(36).padStart(6, '0')}`;
  }

  /**
   * Whether rows can be taken: the log is on and its key is loaded, or the key is in the database with the rows
   * (PostgreSQL, unreachable for now): then the queued ids stay in memory and are hashed when written.
   */
  #takesRows(): boolean {
    if (!this.enabled || this.#closed) return false;
    return this.#hash !== null || this.#store.keyWithRows;
  }

  #enqueue(write: Write): void {
    this.#queue.push(write);
    if (this.#queue.length > queueMax) {
      this.#queue.shift();
      this.#dropped++;
    }
    if (this.#flushTimer === null && this.#retryTimer === null) {
      this.#flushTimer = setTimeout(() => void this.flush(), this.#flushDelayMs);
      this.#flushTimer.unref();
    }
  }

  /** Writes the queue in batches; a batch that fails goes back to the front of the queue, to be retried whole. */
  async #writeQueued(): Promise<void> {
    while (this.#queue.length > 0 && (await this.#openNow())) {
      const batch = this.#queue.splice(0, batchMax);
      this.#writing = batch.length;
      try {
        await this.#store.write(batch.map((write) => this.#stored(write)));
        this.#writing = 0;
      } catch (error) {
        this.#writing = 0;
        this.#queue.unshift(...batch);
        const over = this.#queue.length - queueMax;
        if (over > 0) {
          this.#queue.splice(0, over);
          this.#dropped += over;
        }
        this.#trouble(error);
        return;
      }
    }
  }

  /** A queued write as stored: hashed and grouped here, off the reply path; the raw id goes no further. */
  #stored(write: Write): StoredWrite {
    const hash = this.#hash!;
    switch (write.type) {
      case 'question': {
        const { userId, ...row } = write.row;
        return { type: 'question', row: { ...row, userHash: hash(userId), normalized: groupingKey(row.question) } };
      }
      case 'vote':
        return { type: 'vote', questionId: write.questionId, userHash: hash(write.userId), helpful: write.helpful, at: write.at };
      case 'label':
        return {
          type: 'label',
          id: write.id,
          at: write.at,
          userHash: hash(write.userId),
          askerHash: 'id' in write.asker ? hash(write.asker.id) : write.asker.hash,
          guildId: write.guildId,
          source: write.source,
          question: write.question,
          normalized: groupingKey(write.question),
          kind: write.kind,
          recordId: write.recordId,
        };
      case 'dismiss':
        return write;
    }
  }

  /** Open, or opened just now; false while unavailable (and a retry is scheduled). Run inside #exclusive. */
  async #openNow(): Promise<boolean> {
    if (!this.enabled || this.#closed) return false;
    if (this.#open) return true;
    // Between retries, do not hit the disk or the network on every question.
    if (this.#retryTimer !== null) return false;
    return this.#reopen();
  }

  async #reopen(): Promise<boolean> {
    try {
      this.#hash ??= userHasher(await this.#store.key());
      await this.#store.open();
      this.#open = true;
      if (this.#problem !== null) this.#logger.info({ where: this.file }, 'The question log is writable again');
      this.#problem = null;
      this.#warned = false;
      return true;
    } catch (error) {
      this.#trouble(error);
      return false;
    }
  }

  #trouble(error: unknown): void {
    const problem = this.#store.describe(error);
    this.#problem = problem;
    this.#open = false;
    void this.#store.close();
    if (!this.#warned) {
      this.#warned = true;
      this.#logger.warn({ problem, where: this.file }, `Question log unavailable; the bot keeps answering and retries every ${Math.round(this.#retryMs / 1000)} s: ${problem}`);
      const notice = `⚠️ The question log is unavailable (${problem}). The bot keeps answering; questions are kept in memory and written when it works again.`;
      if (this.#troubleListeners.length === 0) this.#pendingNotice = notice;
      for (const listener of this.#troubleListeners) listener(notice);
    }
    if (this.#retryTimer === null && !this.#closed) {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        void this.#exclusive(async () => {
          if (await this.#reopen()) await this.#writeQueued();
        });
      }, this.#retryMs);
      this.#retryTimer.unref();
    }
  }
}

/** Whether a queued write holds this member's id or words: their question, vote or pick, or a label of their words. */
function holdsMember(write: Write, userId: string, hash: string | null): boolean {
  switch (write.type) {
    case 'question':
      return write.row.userId === userId;
    case 'vote':
      return write.userId === userId;
    case 'label':
      return write.userId === userId || ('id' in write.asker ? write.asker.id === userId : write.asker.hash === hash);
    case 'dismiss':
      return false;
  }
}
