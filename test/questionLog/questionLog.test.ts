import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { answered, manualClock, noMatch, openLog, tempDataDir, unwritableDataDir } from './logSandbox.ts';

const memberId = '123456789012345678';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dataDir(): Promise<string> {
  const { dir, remove } = await tempDataDir();
  cleanups.push(remove);
  return dir;
}

function rows(dir: string, sql: string): unknown[] {
  const db = new BetterSqlite3(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('privacy', () => {
  it('never writes a raw Discord user id: not in any row, not in the database or its journal files', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const id = log.record({ guildId: '987654321098765432', channelKind: 'channel', userId: memberId, question: `<@${memberId}> <@!${memberId}> is quantum computing covered?`, reply: noMatch })!;
    log.vote(id, memberId, false);
    log.label({ userId: memberId, source: 'suggestion', question: 'is quantum computing covered?', record: { kind: 'faq', id: 'agi-clause' } });
    log.flush();
    const everything = JSON.stringify([rows(dir, 'SELECT * FROM questions'), rows(dir, 'SELECT * FROM votes'), rows(dir, 'SELECT * FROM labels')]);
    expect(everything).toContain('"is quantum computing covered?"');
    expect(everything).not.toContain(memberId);
    for (const file of await readdir(dir)) {
      expect((await readFile(path.join(dir, file))).includes(memberId), file).toBe(false);
    }
    log.close();
    for (const file of await readdir(dir)) expect((await readFile(path.join(dir, file))).includes(memberId), file).toBe(false);
  });

  it('forgets every row of one member, queued or written, and keeps the others', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const asked = log.record({ guildId: null, channelKind: 'dm', userId: memberId, question: 'first question', reply: noMatch })!;
    log.record({ guildId: null, channelKind: 'dm', userId: '222222222222222222', question: 'someone else', reply: noMatch });
    log.flush();
    log.vote(asked, memberId, true);
    log.record({ guildId: null, channelKind: 'dm', userId: memberId, question: 'still queued', reply: noMatch });
    expect(log.forget(memberId)).toEqual({ ok: true, removed: 3 });
    log.flush();
    expect(rows(dir, 'SELECT question FROM questions')).toEqual([{ question: 'someone else' }]);
    expect(rows(dir, 'SELECT * FROM votes')).toEqual([]);
    log.close();
  });
});

describe('votes', () => {
  it('keeps one vote per member per reply: a second press changes it', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const id = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'when does the license end', reply: answered('ip-license') })!;
    log.vote(id, memberId, true);
    log.vote(id, memberId, false);
    log.vote(id, '333333333333333333', true);
    log.flush();
    expect(rows(dir, 'SELECT helpful FROM votes ORDER BY helpful')).toEqual([{ helpful: 0 }, { helpful: 1 }]);
    log.close();
  });
});

describe('retention', () => {
  it('purges rows older than RETENTION_DAYS, by the clock it is given', async () => {
    const dir = await dataDir();
    const clock = manualClock();
    const log = openLog(dir, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'old question', reply: noMatch });
    log.flush();
    clock.advanceDays(5);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'newer question', reply: noMatch });
    log.flush();
    expect(log.purge()).toBe(0);
    clock.advanceDays(3);
    expect(log.purge()).toBe(1);
    expect(rows(dir, 'SELECT question FROM questions')).toEqual([{ question: 'newer question' }]);
    log.close();
  });
});

describe('when the database cannot be used', () => {
  it('keeps taking questions from a corrupt file, warns once, tells the mod-log once, and writes them once the file is moved away', async () => {
    const dir = await dataDir();
    const file = path.join(dir, databaseFileName);
    await writeFile(file, 'this is not a database '.repeat(200));
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const log = openLog(dir, { logger, retryMs: 50 });
    const notices: string[] = [];
    log.onTrouble((notice) => notices.push(notice));
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain('move it away');
    for (const question of ['one', 'two', 'three']) expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question, reply: noMatch })).toEqual(expect.any(String));
    log.flush();
    expect(log.queueDepth()).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('keeps answering');

    await rename(file, `${file}.broken`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(log.health().writable).toBe(true);
    expect(log.queueDepth()).toBe(0);
    log.close();
    expect(rows(dir, 'SELECT question FROM questions ORDER BY question')).toEqual([{ question: 'one' }, { question: 'three' }, { question: 'two' }]);
  });

  it('keeps taking questions when DATA_DIR cannot be written, and says which folder to fix', async () => {
    const { dir, restore } = await unwritableDataDir();
    cleanups.push(restore);
    const log = openLog(dir);
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain(dir);
    expect(existsSync(path.join(dir, databaseFileName))).toBe(false);
    log.close();
  });

  it('records nothing at all with QUESTION_LOG=off', async () => {
    const dir = await dataDir();
    const log = openLog(dir, { enabled: false });
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    log.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
