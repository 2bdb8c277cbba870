import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { secretFileName } from '../../src/questionLog/userHash.ts';
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
    log.labelQuestion(id, { userId: memberId, source: 'suggestion', record: { kind: 'faq', id: 'agi-clause' } });
    log.label({ userId: memberId, source: 'helper', question: 'is quantum computing covered?', record: { kind: 'faq', id: 'agi-clause' }, askerId: memberId, guildId: null });
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

describe('/forget-me', () => {
  const otherId = '222222222222222222';
  const helperId = '333333333333333333';
  const guildId = '987654321098765432';

  it("deletes the labels others gave the member's questions and the votes on them, keeping everyone else's", async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const theirs = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: answered('revenue-share') })!;
    const others = log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'what about the cloud', reply: answered('azure-exclusivity') })!;
    // Someone else presses a suggestion under the member's reply, votes on it, and a helper answers the member's message.
    log.labelQuestion(theirs, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    log.vote(theirs, otherId, true);
    log.label({ userId: helperId, source: 'helper', question: 'so who gets the money now', record: { kind: 'faq', id: 'revenue-share' }, askerId: memberId, guildId });
    log.labelQuestion(others, { userId: otherId, source: 'none', record: null });
    log.vote(others, otherId, false);
    log.flush();
    expect(rows(dir, 'SELECT COUNT(*) AS n FROM labels')).toEqual([{ n: 3 }]);

    // Counted: their question and the two labels of their words; the vote on their question goes uncounted.
    expect(log.forget(memberId)).toEqual({ ok: true, removed: 3 });
    expect(rows(dir, 'SELECT question FROM questions')).toEqual([{ question: 'what about the cloud' }]);
    expect(rows(dir, 'SELECT question, source FROM labels')).toEqual([{ question: 'what about the cloud', source: 'none' }]);
    expect(rows(dir, 'SELECT question_id FROM votes')).toEqual([{ question_id: others }]);
    log.close();
  });

  it('finds labels written before labels named their asker by the text of the questions', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch });
    log.flush();
    log.close();
    const db = new BetterSqlite3(path.join(dir, databaseFileName));
    const insert = db.prepare("INSERT INTO labels (at, user_hash, source, question, normalized, kind, record_id) VALUES (?, 'someone-else', 'none', ?, 'k', NULL, NULL)");
    insert.run(Date.now(), 'what about the money');
    insert.run(Date.now(), 'what about the cloud');
    db.close();

    const reopened = openLog(dir);
    expect(reopened.forget(memberId)).toEqual({ ok: true, removed: 2 });
    expect(rows(dir, 'SELECT question FROM labels')).toEqual([{ question: 'what about the cloud' }]);
    reopened.close();
  });

  it('leaves none of the deleted words readable in the database file or its WAL', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const secret = 'zanzibar walrus contract question';
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: secret, reply: answered('revenue-share') })!;
    log.labelQuestion(asked, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    for (let i = 0; i < 20; i++) log.record({ guildId, channelKind: 'slash', userId: otherId, question: `another question number ${i}`, reply: noMatch });
    log.flush();
    const onDisk = async () => Buffer.concat(await Promise.all((await readdir(dir)).map((file) => readFile(path.join(dir, file)))));
    expect((await onDisk()).includes(secret)).toBe(true);

    expect(log.forget(memberId)).toMatchObject({ ok: true });
    // While the bot still has the database open, as it does after a /forget-me.
    expect((await onDisk()).includes(secret)).toBe(false);
    expect((await onDisk()).includes('walrus')).toBe(false);
    log.close();
    expect((await onDisk()).includes('walrus')).toBe(false);
  });

  it('stores nothing for a forgotten question: not a vote on its answer, not a pick under it', async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch })!;
    log.flush();
    log.forget(memberId);
    log.vote(asked, memberId, true);
    log.vote(asked, otherId, false);
    log.labelQuestion(asked, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    log.flush();
    expect(rows(dir, 'SELECT (SELECT COUNT(*) FROM questions) + (SELECT COUNT(*) FROM votes) + (SELECT COUNT(*) FROM labels) AS n')).toEqual([{ n: 0 }]);
    log.close();
  });
});

describe('file permissions', () => {
  const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

  it("creates the database, its WAL and the secret readable by the bot's user only", async () => {
    const dir = await dataDir();
    const log = openLog(dir);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch });
    log.flush();
    const files = await readdir(dir);
    expect(files.sort()).toEqual([databaseFileName, `${databaseFileName}-shm`, `${databaseFileName}-wal`, secretFileName].sort());
    for (const file of files) expect(await modeOf(path.join(dir, file)), file).toBe(0o600);
    log.close();
  });

  it('makes a database file others can read the bot user\'s only, and says so', async () => {
    const dir = await dataDir();
    openLog(dir).close();
    const file = path.join(dir, databaseFileName);
    await chmod(file, 0o644);
    const warnings: string[] = [];
    const log = openLog(dir, { logger: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }) });
    expect(await modeOf(file)).toBe(0o600);
    expect(warnings.join('')).toContain('could be read by other users');
    expect(warnings.join('')).toContain(`${file} (was 644)`);
    expect(log.health().writable).toBe(true);
    log.close();
  });

  it('refuses a secret others can read, says how to fix it, and uses it once fixed', async () => {
    const dir = await dataDir();
    openLog(dir).close();
    const secret = path.join(dir, secretFileName);
    await chmod(secret, 0o644);
    const log = openLog(dir, { retryMs: 50 });
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain(`chmod 600 ${secret}`);

    await chmod(secret, 0o600);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toEqual(expect.any(String));
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

  it('purges rows dated in the future, written while the clock was wrong', async () => {
    const dir = await dataDir();
    const clock = manualClock();
    const log = openLog(dir, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked today', reply: noMatch });
    log.flush();
    clock.advanceDays(-40);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked 40 days back', reply: noMatch });
    log.flush();
    expect(log.purge()).toBe(1);
    expect(rows(dir, 'SELECT question FROM questions')).toEqual([{ question: 'asked 40 days back' }]);
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
