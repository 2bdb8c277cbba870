import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/database/postgres.ts';

/** A pool of one connection that notes every statement and whether it went back to the pool. */
function notingPool() {
  const statements: string[] = [];
  let released = 0;
  const client = Object.assign(new EventEmitter(), {
    query: async (sql: string) => {
      statements.push(sql);
      return { rows: [], rowCount: 0 };
    },
    release: () => void released++,
  });
  const pool = { connect: async () => client } as unknown as pg.Pool;
  return { pool, statements, released: () => released };
}

describe('a transaction on PostgreSQL', () => {
  it('commits only once all of its work is done, however long that work waits in between', async () => {
    const { pool, statements, released } = notingPool();
    const result = await inTransaction(pool, async (client) => {
      await client.query('DELETE one');
      await new Promise((resolve) => setImmediate(resolve));
      await client.query('DELETE two');
      return 2;
    });
    expect(result).toBe(2);
    expect(statements).toEqual(['BEGIN', 'DELETE one', 'DELETE two', 'COMMIT']);
    expect(released()).toBe(1);
  });

  it('rolls back, and commits nothing, when its work fails part of the way', async () => {
    const { pool, statements, released } = notingPool();
    const failing = inTransaction(pool, async (client) => {
      await client.query('DELETE one');
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('the second statement failed');
    });
    await expect(failing).rejects.toThrow('the second statement failed');
    expect(statements).toEqual(['BEGIN', 'DELETE one', 'ROLLBACK']);
    expect(released()).toBe(1);
  });
});
