import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { shownDatabaseUrl } from '../config/databaseUrl.ts';
import { createPool, describePgProblem, inTransaction } from '../database/postgres.ts';
import { migratePostgres } from '../database/pgMigrations.ts';
import type { LogStore, ReportSource, StoredWrite } from './logStore.ts';
import { pgRows } from './pgRows.ts';

const bumpVersion = 'UPDATE faqbot.log_changes SET version = version + 1';

/**
 * The question log in PostgreSQL (DATABASE_URL): every host writes its rows here and every host's
 * reports read all of them. Each write is idempotent (questions and labels by the id given when
 * queued, votes and dismissals by their keys), so a batch retried after the connection broke during
 * COMMIT lands once. The member-hash key is a row of its own, made by the first host.
 */
export class PgLogStore implements LogStore {
  readonly where: string;
  readonly #url: string;
  readonly #logger: Logger;
  #pool: pg.Pool | null = null;
  #key: Buffer | null = null;
  readonly #rows = pgRows(() => this.#connected());

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.where = shownDatabaseUrl(url);
    this.#logger = logger;
  }

  readonly keyWithRows = true;

  async key(): Promise<Buffer> {
    await this.close();
    const pool = createPool(this.#url, { max: 3 }, (error) => this.#logger.debug({ problem: this.describe(error) }, 'A connection to the question log database closed'));
    try {
      await migratePostgres(pool);
      const fresh = randomBytes(32).toString('hex');
      // The first host makes the key; every other host (and every later start) reads that one.
      await pool.query('INSERT INTO faqbot.member_key (secret) VALUES ($1) ON CONFLICT (only_row) DO NOTHING', [fresh]);
      const { rows } = await pool.query<{ secret: string }>('SELECT secret FROM faqbot.member_key');
      const secret = rows[0]?.secret ?? '';
      if (!/^[0-9a-f]{64}$/.test(secret)) throw new Error(`faqbot.member_key in ${this.where} does not hold a 64-character hex key; delete its row and the bot makes a new one`);
      this.#pool = pool;
      this.#key = Buffer.from(secret, 'hex');
      return this.#key;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async open(): Promise<void> {
    if (this.#pool === null || this.#key === null) await this.key();
  }

  /** One statement per kind of row, whatever the batch's size: a round trip per row would cost more than the rows. */
  async write(batch: readonly StoredWrite[]): Promise<void> {
    const questions = batch.flatMap((write) => (write.type === 'question' ? [write.row] : []));
    // One row per key in a statement (PostgreSQL refuses to update a row twice in one): the last vote or dismissal counts.
    const votes = [...new Map(batch.flatMap((write) => (write.type === 'vote' ? [[`${write.questionId}\0${write.userHash}`, write] as const] : []))).values()];
    const labels = batch.flatMap((write) => (write.type === 'label' ? [write] : []));
    const dismissed = [...new Map(batch.flatMap((write) => (write.type === 'dismiss' ? [[write.normalized, write] as const] : []))).values()];
    await inTransaction(this.#connected(), async (client) => {
      if (questions.length > 0) {
        await client.query(
          `INSERT INTO faqbot.questions (id, at, guild_id, channel_kind, user_hash, question, normalized, status, kind, record_id, confidence, suggestions)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::text[])
           ON CONFLICT (id) DO NOTHING`,
          columns(questions, (r) => [r.id, r.at, r.guildId, r.channelKind, r.userHash, r.question, r.normalized, r.status, r.kind, r.recordId, r.confidence, r.suggestions]),
        );
      }
      if (votes.length > 0) {
        // A vote on a question no longer in the log (forgotten, purged) is not kept: it would be a new row about it.
        await client.query(
          `INSERT INTO faqbot.votes (question_id, user_hash, helpful, at)
           SELECT v.* FROM unnest($1::text[], $2::text[], $3::smallint[], $4::bigint[]) AS v (question_id, user_hash, helpful, at)
           WHERE EXISTS (SELECT 1 FROM faqbot.questions q WHERE q.id = v.question_id)
           ON CONFLICT (question_id, user_hash) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
          columns(votes, (v) => [v.questionId, v.userHash, v.helpful ? 1 : 0, v.at]),
        );
      }
      if (labels.length > 0) {
        await client.query(
          `INSERT INTO faqbot.labels (id, at, user_hash, source, question, normalized, kind, record_id, guild_id, asker_hash)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           ON CONFLICT (id) DO NOTHING`,
          columns(labels, (l) => [l.id, l.at, l.userHash, l.source, l.question, l.normalized, l.kind, l.recordId, l.guildId, l.askerHash]),
        );
      }
      if (dismissed.length > 0) {
        await client.query(
          `INSERT INTO faqbot.dismissed (normalized, at) SELECT * FROM unnest($1::text[], $2::bigint[])
           ON CONFLICT (normalized) DO UPDATE SET at = excluded.at`,
          columns(dismissed, (d) => [d.normalized, d.at]),
        );
      }
      await client.query(bumpVersion);
    });
  }

  async questionText(questionId: string): Promise<string | null> {
    const { rows } = await this.#connected().query<{ question: string }>('SELECT question FROM faqbot.questions WHERE id = $1', [questionId]);
    return rows[0]?.question ?? null;
  }

  async labelledQuestion(questionId: string): Promise<{ question: string; askerHash: string; guildId: string | null } | null> {
    const { rows } = await this.#connected().query<{ question: string; user_hash: string; guild_id: string | null }>('SELECT question, user_hash, guild_id FROM faqbot.questions WHERE id = $1', [questionId]);
    const row = rows[0];
    return row ? { question: row.question, askerHash: row.user_hash, guildId: row.guild_id } : null;
  }

  async forget(hash: string): Promise<number> {
    const removed = await inTransaction(this.#connected(), async (client) => {
      const votes = await client.query('DELETE FROM faqbot.votes WHERE user_hash = $1', [hash]);
      const labels = await client.query(
        'DELETE FROM faqbot.labels WHERE user_hash = $1 OR asker_hash = $1',
        [hash],
      );
      await client.query('DELETE FROM faqbot.votes WHERE question_id IN (SELECT id FROM faqbot.questions WHERE user_hash = $1)', [hash]);
      const questions = await client.query('DELETE FROM faqbot.questions WHERE user_hash = $1', [hash]);
      await client.query(
        `DELETE FROM faqbot.dismissed d WHERE NOT EXISTS (SELECT 1 FROM faqbot.questions q WHERE q.normalized = d.normalized)
           AND NOT EXISTS (SELECT 1 FROM faqbot.labels l WHERE l.normalized = d.normalized)`,
      );
      await client.query(bumpVersion);
      return (votes.rowCount ?? 0) + (labels.rowCount ?? 0) + (questions.rowCount ?? 0);
    });
    this.#vacuum();
    return removed;
  }

  async purge({ before, after }: { before: number; after: number }): Promise<number> {
    const removed = await inTransaction(this.#connected(), async (client) => {
      let count = 0;
      for (const table of ['questions', 'votes', 'labels', 'dismissed']) count += (await client.query(`DELETE FROM faqbot.${table} WHERE at < $1 OR at > $2`, [before, after])).rowCount ?? 0;
      if (count > 0) await client.query(bumpVersion);
      return count;
    });
    if (removed > 0) this.#vacuum();
    return removed;
  }

  async version(): Promise<string> {
    const { rows } = await this.#connected().query<{ version: number }>('SELECT version FROM faqbot.log_changes');
    return String(rows[0]?.version ?? 0);
  }

  gapRows: LogStore['gapRows'] = (window) => this.#rows.gapRows(window);
  statsRows: LogStore['statsRows'] = (window) => this.#rows.statsRows(window);

  reportSource(): ReportSource {
    return { kind: 'postgres', url: this.#url };
  }

  describe(error: unknown): string {
    return describePgProblem(error, this.#url);
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.end().catch(() => undefined);
  }

  #connected(): pg.Pool {
    if (this.#pool === null) throw new Error('the question log database is not connected');
    return this.#pool;
  }

  /**
   * After deleting: the deleted rows' space is made free for reuse at once rather than at autovacuum's next
   * pass. PostgreSQL has no secure_delete: the bytes stay in free space until overwritten (docs/operations.md says so).
   */
  #vacuum(): void {
    this.#connected()
      .query('VACUUM faqbot.questions, faqbot.votes, faqbot.labels, faqbot.dismissed')
      .catch((error: unknown) => this.#logger.warn({ problem: this.describe(error) }, 'Could not vacuum the question log after deleting rows'));
  }
}

/** Rows as one array per column, for `unnest`. */
function columns<T>(rows: readonly T[], values: (row: T) => unknown[]): unknown[][] {
  const result: unknown[][] = [];
  for (const row of rows) {
    values(row).forEach((value, i) => (result[i] ??= []).push(value));
  }
  return result;
}
