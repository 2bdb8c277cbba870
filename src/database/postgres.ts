import pg from 'pg';
import { shownDatabaseUrl } from '../config/databaseUrl.ts';

/** PostgreSQL's bigint (int8) as a JavaScript number: the log's columns hold milliseconds and counts, far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** Connections at most (the bot: a few; a report thread: one). */
  readonly max?: number;
  /** How long to wait for a connection before the operation fails (ms). */
  readonly connectTimeoutMs?: number;
}

/**
 * A pool of connections to DATABASE_URL. A connection the server drops while idle is reported to
 * `onIdleError` (an unhandled one would end the process); the next query opens a new one.
 */
export function createPool(url: string, { max = 4, connectTimeoutMs = 5_000 }: PoolOptions = {}, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A statement never holds a host for long; a stuck one fails and the write is retried.
    statement_timeout: 30_000,
    query_timeout: 35_000,
    application_name: 'faqbot',
    types,
  });
  pool.on('error', onIdleError);
  return pool;
}

/** A single connection of its own (LISTEN needs one that stays open). */
export function createClient(url: string, connectTimeoutMs = 5_000): pg.Client {
  return new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: 'faqbot', types });
}

/** Runs `work` in a transaction on one connection of the pool: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkOut(pool);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const ignore = () => undefined;

/**
 * A connection of the pool for several statements. A connection the server ends while it is checked out also emits
 * 'error' (unhandled, it would end the process); the statement in progress fails with the same error, which is
 * what the caller handles.
 */
export async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => {
    client.off('error', ignore);
    release(error);
  };
  return client;
}

/** One line a moderator or operator can act on: what PostgreSQL or the network said, never the password. */
export function describePgProblem(error: unknown, url: string): string {
  const where = shownDatabaseUrl(url);
  const code = (error as { code?: unknown }).code;
  const message = shownDatabaseUrl(error instanceof Error ? error.message : String(error));
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EAI_AGAIN':
    // Shutting down, starting, or the connection ended by an administrator.
    case '57P01':
    case '57P02':
    case '57P03':
      return `the database at ${where} cannot be reached (${message}); check that PostgreSQL runs and DATABASE_URL names its host and port`;
    case '28P01':
    case '28000':
      return `the database at ${where} refused the user name or password in DATABASE_URL (${message})`;
    case '3D000':
      return `the database named in DATABASE_URL does not exist on ${where} (${message}); create it (createdb) or fix the name`;
    case '42501':
      return `the user in DATABASE_URL may not do this on ${where} (${message}); grant it the rights on its schema`;
    case 'SCHEMA_TOO_NEW':
      return message;
    default:
      return /timeout|terminated|Connection/i.test(message) ? `the database at ${where} cannot be reached (${message})` : `${message} (database ${where})`;
  }
}
