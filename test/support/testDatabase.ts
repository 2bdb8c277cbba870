import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A new, empty database on the test run's PostgreSQL server (test/support/postgresServer.ts), for one
 * test file or one test: its URL, and `drop` to remove it (connections to it are ended first).
 */
export async function testDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const server = inject('postgresUrl');
  const name = `faqbot_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${name}`);
  return {
    url: `${server}/${name}`,
    name,
    drop: () => onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs one statement as the server's superuser, on its maintenance database. */
export async function onServer(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Takes a database away from its clients as an outage would: new connections are refused and the open ones are
 * ended. `restore` lets them connect again.
 */
export async function takeDatabaseDown(name: string): Promise<{ restore: () => Promise<void> }> {
  const server = inject('postgresUrl');
  await onServer(server, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await onServer(server, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
  return { restore: () => onServer(server, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`) };
}
