import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { openLog, tempDataDir } from './logSandbox.ts';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const writer = fileURLToPath(new URL('./killedWriter.ts', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

it('a kill -9 in the middle of writing leaves a sound database with every batch that was committed', async () => {
  const { dir, remove } = await tempDataDir();
  cleanups.push(remove);
  // tsx runs the script in a child of its own: kill that whole process group, as a supervisor's SIGKILL would.
  const child = spawn(tsx, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('writing') && resolve());
    child.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.kill(-child.pid!, 'SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const db = new BetterSqlite3(path.join(dir, databaseFileName));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM questions').get() as { n: number };
    expect(n).toBeGreaterThanOrEqual(50);
    // Whole batches only: a transaction is on disk entirely or not at all.
    expect(n % 50).toBe(0);
  } finally {
    db.close();
  }
  const log = openLog(dir);
  await log.ready();
  expect(log.health()).toMatchObject({ writable: true, problem: null });
  await log.close();
});
