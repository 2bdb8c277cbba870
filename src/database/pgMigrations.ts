import type pg from 'pg';
import { checkOut } from './postgres.ts';

/** Everything the bot keeps in PostgreSQL is in this schema, so the database may hold other applications' tables. */
export const schemaName = 'faqbot';

/**
 * The shared database's schema, one migration per version, never edited once shipped: a change is a
 * new entry. `faqbot.schema_version` records how many have run. Times are milliseconds since the
 * epoch (bigint), as in the SQLite log, so every report reads the same numbers from either.
 */
export const pgMigrations: readonly string[] = [
  `
  CREATE TABLE faqbot.questions (
    id text PRIMARY KEY,              -- given when the question is handled; a retried batch writes it once
    at bigint NOT NULL,
    guild_id text,
    channel_kind text NOT NULL,
    user_hash text NOT NULL,          -- HMAC of the member's id; the id itself is never stored
    question text NOT NULL,
    normalized text NOT NULL,
    status text NOT NULL,
    kind text,
    record_id text,
    confidence double precision NOT NULL,
    suggestions text NOT NULL
  );
  CREATE INDEX questions_at ON faqbot.questions (at);
  CREATE INDEX questions_user ON faqbot.questions (user_hash);
  CREATE INDEX questions_guild ON faqbot.questions (guild_id, at);
  CREATE INDEX questions_normalized ON faqbot.questions (normalized);

  CREATE TABLE faqbot.votes (
    question_id text NOT NULL,
    user_hash text NOT NULL,
    helpful smallint NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (question_id, user_hash)
  );
  CREATE INDEX votes_user ON faqbot.votes (user_hash);
  CREATE INDEX votes_at ON faqbot.votes (at);

  CREATE TABLE faqbot.labels (
    id text PRIMARY KEY,              -- given when queued, so a retried batch writes a label once
    at bigint NOT NULL,
    user_hash text NOT NULL,
    source text NOT NULL,
    question text NOT NULL,
    normalized text NOT NULL,
    kind text,
    record_id text,
    guild_id text,
    asker_hash text NOT NULL
  );
  CREATE INDEX labels_user ON faqbot.labels (user_hash);
  CREATE INDEX labels_asker ON faqbot.labels (asker_hash);
  CREATE INDEX labels_at ON faqbot.labels (at);
  CREATE INDEX labels_normalized ON faqbot.labels (normalized);

  CREATE TABLE faqbot.dismissed (
    normalized text PRIMARY KEY,
    at bigint NOT NULL
  );

  -- Bumped by every change to the log, by any host: whether a gap report built earlier is still current.
  CREATE TABLE faqbot.log_changes (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version bigint NOT NULL);
  INSERT INTO faqbot.log_changes (version) VALUES (0);

  -- The key every host hashes members' ids with: one for all, so /forget-me on any host finds every host's rows.
  CREATE TABLE faqbot.member_key (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), secret text NOT NULL);

  -- The moderators' audit log: who changed which knowledge record, before and after, on which host.
  CREATE TABLE faqbot.audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    host text NOT NULL,
    entry jsonb NOT NULL
  );

  -- Every valid version of the knowledge files any host served since the database was set up, newest last.
  CREATE TABLE faqbot.knowledge_versions (
    seq bigint PRIMARY KEY,           -- a host publishes seq n + 1 only on top of n: two saves at once, one wins
    content_hash text NOT NULL,
    files jsonb NOT NULL,             -- file name -> text
    host text NOT NULL,
    reason text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
  );
  `,
];

/**
 * Brings the schema to the newest version in one transaction, hosts starting at
 * once taking turns (an advisory lock). A database of a newer version is left untouched: throws an
 * error with code SCHEMA_TOO_NEW naming both versions.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await checkOut(pool);
  try {
    await client.query('BEGIN');
    // One key for this schema's migrations: hosts wait for each other here rather than run the same DDL twice.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('faqbot schema migration'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schemaName}.schema_version (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version integer NOT NULL)`);
    const found = await client.query<{ version: number }>(`SELECT version FROM ${schemaName}.schema_version`);
    const version = found.rows[0]?.version ?? 0;
    if (version > pgMigrations.length) {
      throw Object.assign(
        new Error(`the database's faqbot schema is version ${version}, newer than this bot knows (${pgMigrations.length}): it was set up by a newer version of the bot; update this host's bot (nothing was changed)`),
        { code: 'SCHEMA_TOO_NEW' },
      );
    }
    for (let next = version; next < pgMigrations.length; next++) {
      await client.query(pgMigrations[next]!);
      await client.query(`INSERT INTO ${schemaName}.schema_version (version) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET version = excluded.version`, [next + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
