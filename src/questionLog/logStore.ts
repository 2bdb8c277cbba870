/** Where a question was asked. */
export type ChannelKind = 'channel' | 'answer_channel' | 'thread' | 'forum' | 'dm' | 'slash';
/** How a label was given: a suggestion pressed, "None of these", a helper's Answer with FAQ. */
export type LabelSource = 'suggestion' | 'none' | 'helper';

/** A question as the store writes it: the member already hashed, the grouping key worked out. */
export interface StoredQuestion {
  readonly id: string;
  readonly at: number;
  readonly guildId: string | null;
  readonly channelKind: ChannelKind;
  readonly userHash: string;
  readonly question: string;
  readonly normalized: string;
  readonly status: string;
  readonly kind: string | null;
  readonly recordId: string | null;
  readonly confidence: number;
  readonly suggestions: string;
}

/** One row to write; every kind is safe to write twice (a batch retried after a lost connection lands once). */
export type StoredWrite =
  | { readonly type: 'question'; readonly row: StoredQuestion }
  | { readonly type: 'vote'; readonly questionId: string; readonly userHash: string; readonly helpful: boolean; readonly at: number }
  | {
      readonly type: 'label';
      /** Given when queued: a label written twice is kept once. */
      readonly id: string;
      readonly at: number;
      readonly userHash: string;
      readonly askerHash: string;
      readonly guildId: string | null;
      readonly source: LabelSource;
      readonly question: string;
      readonly normalized: string;
      readonly kind: string | null;
      readonly recordId: string | null;
    }
  | { readonly type: 'dismiss'; readonly normalized: string; readonly at: number };

/** What the gap report groups: the rows of its window, still unchecked (a database anyone with access could edit). */
export interface GapRowsRead {
  readonly questions: unknown[];
  readonly labels: unknown[];
}

/** What the stats report counts, still unchecked. */
export interface StatsRowsRead {
  readonly byDay: unknown[];
  readonly votes: unknown[];
  readonly records: unknown[];
}

/** A report's window: rows at or after `since` (ms), of one server's questions when `guildId` is set. */
export interface ReportWindow {
  readonly since: number;
  readonly guildId: string | null;
}

/** What the reports read from a question log, whichever database holds it. */
export interface LogRows {
  gapRows(window: ReportWindow): Promise<GapRowsRead>;
  statsRows(window: ReportWindow): Promise<StatsRowsRead>;
}

/** Where a report thread reads the rows from: the SQLite files, or the PostgreSQL database. */
export type ReportSource = { readonly kind: 'sqlite'; readonly files: readonly string[] } | { readonly kind: 'postgres'; readonly url: string };

/**
 * The question log's database: SQLite in DATA_DIR (one host) or PostgreSQL (every host). The
 * QuestionLog in front of it queues, hashes, retries and never throws; a store's methods throw what
 * the database says, and `describe` turns that into one line a moderator can act on.
 */
export interface LogStore extends LogRows {
  /** The file, or the database URL without its password: for logs and /healthz. */
  readonly where: string;
  /**
   * Whether the key lives in the database with the rows (PostgreSQL): while it cannot be reached, rows are queued
   * with members' ids held in memory only, hashed as they are written. False (SQLite): the key is a file in DATA_DIR;
   * without it nothing is queued.
   */
  readonly keyWithRows: boolean;
  /** The key members' ids are hashed with, created on first use. */
  key(): Promise<Buffer>;
  /** Opens (creating and migrating the schema); again after a failure. */
  open(): Promise<void>;
  write(batch: readonly StoredWrite[]): Promise<void>;
  questionText(questionId: string): Promise<string | null>;
  /** The text, asker's hash and server of a logged question, as a label of it stores them; null when gone. */
  labelledQuestion(questionId: string): Promise<{ readonly question: string; readonly askerHash: string; readonly guildId: string | null } | null>;
  /** Deletes every row holding this hash or the words of its questions; returns the rows counted for the member. */
  forget(userHash: string): Promise<number>;
  /** Deletes rows dated before `before` or after `after`; returns how many. */
  purge(range: { readonly before: number; readonly after: number }): Promise<number>;
  /** A string that changes with every row written or deleted, by any process: whether a report is still current. */
  version(): Promise<string>;
  /** Where a report thread reads from. */
  reportSource(): ReportSource;
  /** One line naming what is wrong and how to fix it. */
  describe(error: unknown): string;
  close(): Promise<void>;
}
