import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { storedText } from '../../src/questionLog/storedText.ts';
import { secretFileName } from '../../src/questionLog/userHash.ts';
import { takeDatabaseDown } from '../support/testDatabase.ts';
import { answered, logBackends, manualClock, noMatch, openLog, openLogOn, postgresBackend, sqliteBackend, unwritableDataDir, type LogBackend, type LogHome } from './logSandbox.ts';

const memberId = '123456789012345678';
const otherId = '222222222222222222';
const helperId = '333333333333333333';
const guildId = '987654321098765432';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function homeOn(backend: LogBackend): Promise<LogHome> {
  const home = await backend.create();
  cleanups.push(home.cleanup);
  return home;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('the condition did not hold in time');
    await sleep(25);
  }
}

// The same behaviour, whichever database holds the log.
describe.each(logBackends)('the question log on $name', (backend) => {
  it('never writes a raw Discord user id into any row', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const id = log.record({ guildId, channelKind: 'channel', userId: memberId, question: `<@${memberId}> <@!${memberId}> is quantum computing covered?`, reply: noMatch })!;
    log.vote(id, memberId, false);
    log.labelQuestion(id, { userId: memberId, source: 'suggestion', record: { kind: 'faq', id: 'agi-clause' } });
    log.label({ userId: memberId, source: 'helper', question: `<@${memberId}> is quantum computing covered?`, record: { kind: 'faq', id: 'agi-clause' }, askerId: memberId, guildId: null });
    await log.flush();
    const everything = JSON.stringify([await home.rows('SELECT * FROM questions'), await home.rows('SELECT * FROM votes'), await home.rows('SELECT * FROM labels')]);
    expect(everything).toContain('"is quantum computing covered?"');
    expect(everything).not.toContain(memberId);
    expect(JSON.parse(everything)[2]).toHaveLength(2);
    await log.close();
  });

  it('names a member in log lines by the very hash their rows hold, never their id', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    log.record({ guildId: null, channelKind: 'dm', userId: memberId, question: 'anything', reply: noMatch });
    await log.flush();
    expect(log.memberHash(memberId)).not.toContain(memberId);
    expect(await home.rows('SELECT user_hash FROM questions')).toEqual([{ user_hash: log.memberHash(memberId) }]);
    expect(log.memberHash(otherId)).not.toBe(log.memberHash(memberId));
    await log.close();
  });

  it('forgets every row of one member, queued or written, and keeps the others', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const asked = log.record({ guildId: null, channelKind: 'dm', userId: memberId, question: 'first question', reply: noMatch })!;
    log.record({ guildId: null, channelKind: 'dm', userId: otherId, question: 'someone else', reply: noMatch });
    await log.flush();
    log.vote(asked, memberId, true);
    log.record({ guildId: null, channelKind: 'dm', userId: memberId, question: 'still queued', reply: noMatch });
    expect(await log.forget(memberId)).toEqual({ ok: true, removed: 3 });
    await log.flush();
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'someone else' }]);
    expect(await home.rows('SELECT * FROM votes')).toEqual([]);
    await log.close();
  });

  it("/forget-me deletes the labels others gave the member's questions and the votes on them, keeping everyone else's", async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const theirs = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: answered('revenue-share') })!;
    const others = log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'what about the cloud', reply: answered('azure-exclusivity') })!;
    await log.flush();
    // Someone else presses a suggestion under the member's (written) reply, votes on it, and a helper answers the member's message.
    log.labelQuestion(theirs, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    log.vote(theirs, otherId, true);
    log.label({ userId: helperId, source: 'helper', question: 'so who gets the money now', record: { kind: 'faq', id: 'revenue-share' }, askerId: memberId, guildId });
    log.labelQuestion(others, { userId: otherId, source: 'none', record: null });
    log.vote(others, otherId, false);
    await log.flush();
    expect(await home.rows('SELECT COUNT(*) AS n FROM labels')).toEqual([{ n: 3 }]);

    // Counted: their question and the two labels of their words; the vote on their question goes uncounted.
    expect(await log.forget(memberId)).toEqual({ ok: true, removed: 3 });
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'what about the cloud' }]);
    expect(await home.rows('SELECT question, source FROM labels')).toEqual([{ question: 'what about the cloud', source: 'none' }]);
    expect(await home.rows('SELECT question_id FROM votes')).toEqual([{ question_id: others }]);
    await log.close();
  });

  it("deletes the member's votes on others' questions, written or queued, and keeps everyone else's votes", async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const written = log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'what about the cloud', reply: answered('azure-exclusivity') })!;
    const queued = log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'what about the money', reply: answered('revenue-share') })!;
    log.vote(written, memberId, false);
    log.vote(written, helperId, true);
    await log.flush();
    log.vote(queued, memberId, true);
    log.vote(queued, helperId, false);

    // The member asked nothing: what they held is their two votes.
    expect(await log.forget(memberId)).toEqual({ ok: true, removed: 2 });
    await log.flush();
    expect(await home.rows('SELECT question_id, helpful FROM votes ORDER BY helpful')).toEqual([
      { question_id: queued, helpful: 0 },
      { question_id: written, helpful: 1 },
    ]);
    expect(await home.rows('SELECT COUNT(*) AS n FROM questions')).toEqual([{ n: 2 }]);
    await log.close();
  });

  it("deletes queued labels of the member's words: picks under their reply and a helper's pick of their message", async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const theirs = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch })!;
    const others = log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'what about the cloud', reply: noMatch })!;
    log.labelQuestion(theirs, { userId: otherId, source: 'none', record: null });
    log.label({ userId: helperId, source: 'helper', question: 'so who gets the money now', record: { kind: 'faq', id: 'revenue-share' }, askerId: memberId, guildId });
    log.labelQuestion(others, { userId: helperId, source: 'suggestion', record: { kind: 'faq', id: 'azure-exclusivity' } });

    // Their question and the two labels of their words, all still queued.
    expect(await log.forget(memberId)).toEqual({ ok: true, removed: 3 });
    await log.flush();
    expect(await home.rows('SELECT question, source FROM labels')).toEqual([{ question: 'what about the cloud', source: 'suggestion' }]);
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'what about the cloud' }]);
    await log.close();
  });

  it("drops the dismissed gaps only the member's questions made, and keeps the ones others' questions still have", async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what happens to the quokka clause', reply: noMatch });
    log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'is quantum computing covered', reply: noMatch });
    await log.flush();
    const keys = (await home.rows('SELECT normalized FROM questions')) as { normalized: string }[];
    log.dismiss(keys.map((row) => row.normalized));
    await log.flush();
    expect(await home.rows('SELECT COUNT(*) AS n FROM dismissed')).toEqual([{ n: 2 }]);

    await log.forget(memberId);
    const [othersKey] = (await home.rows('SELECT normalized FROM questions')) as { normalized: string }[];
    expect(othersKey?.normalized).toContain('quantum');
    expect(await home.rows('SELECT normalized FROM dismissed')).toEqual([othersKey]);
    await log.close();
  });

  it("keeps a dismissed gap that a label of someone else's words still has", async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    log.label({ userId: helperId, source: 'helper', question: 'what happens to the quokka clause', record: null, askerId: otherId, guildId });
    log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'is quantum computing covered', reply: noMatch });
    await log.flush();
    const [label] = (await home.rows('SELECT normalized FROM labels')) as { normalized: string }[];
    log.dismiss([label!.normalized]);
    await log.flush();
    await log.forget(memberId);
    expect(await home.rows('SELECT normalized FROM dismissed')).toEqual([label]);
    await log.close();
  });

  it('writes a pick under a written reply with the flush that follows it, not with a later one', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home, { flushDelayMs: 60_000 });
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch })!;
    await log.flush();
    // The pick needs the written question's text from the database before it can be queued.
    log.labelQuestion(asked, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    await log.flush();
    expect(await home.rows('SELECT question, source FROM labels')).toEqual([{ question: 'what about the money', source: 'suggestion' }]);
    await log.close();
  });

  it('stores nothing for a forgotten question: not a vote on its answer, not a pick under it', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch })!;
    await log.flush();
    await log.forget(memberId);
    log.vote(asked, memberId, true);
    log.vote(asked, otherId, false);
    log.labelQuestion(asked, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    await log.flush();
    expect(await home.rows('SELECT (SELECT COUNT(*) FROM questions) + (SELECT COUNT(*) FROM votes) + (SELECT COUNT(*) FROM labels) AS n')).toEqual([{ n: 0 }]);
    await log.close();
  });

  it('keeps one vote per member per reply: a second press changes it', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const id = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'when does the license end', reply: answered('ip-license') })!;
    log.vote(id, memberId, true);
    log.vote(id, memberId, false);
    log.vote(id, helperId, true);
    await log.flush();
    expect(await home.rows('SELECT helpful FROM votes ORDER BY helpful')).toEqual([{ helpful: 0 }, { helpful: 1 }]);
    await log.close();
  });

  it('reads back the text of a question, queued or written, for the "Not helpful" follow-up', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home);
    const first = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'written question', reply: noMatch })!;
    await log.flush();
    const second = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'queued question', reply: noMatch })!;
    expect([await log.questionText(first), await log.questionText(second), await log.questionText('nosuchid0000')]).toEqual(['written question', 'queued question', null]);
    await log.close();
  });

  it('purges rows older than RETENTION_DAYS, by the clock it is given', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'old question', reply: noMatch });
    await log.flush();
    clock.advanceDays(5);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'newer question', reply: noMatch });
    await log.flush();
    expect(await log.purge()).toBe(0);
    clock.advanceDays(3);
    expect(await log.purge()).toBe(1);
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'newer question' }]);
    await log.close();
  });

  it('keeps a row until RETENTION_DAYS have passed, to the minute', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked a week back', reply: noMatch });
    await log.flush();
    const minute = 1 / (24 * 60);
    clock.advanceDays(7 - minute);
    expect(await log.purge()).toBe(0);
    clock.advanceDays(2 * minute);
    expect(await log.purge()).toBe(1);
    await log.close();
  });

  it('purges old votes, labels and dismissals with the old questions, and keeps the newer ones of each', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    const rowsOfEach = async (question: string) => {
      const id = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question, reply: noMatch })!;
      log.vote(id, otherId, false);
      log.labelQuestion(id, { userId: otherId, source: 'none', record: null });
      log.dismiss([`key of ${question}`]);
      await log.flush();
    };
    await rowsOfEach('old question');
    clock.advanceDays(1);
    await rowsOfEach('newer question');
    clock.advanceDays(6.5);
    expect(await log.purge()).toBe(4);
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'newer question' }]);
    expect(await home.rows('SELECT q.question FROM votes v JOIN questions q ON q.id = v.question_id')).toEqual([{ question: 'newer question' }]);
    expect(await home.rows('SELECT question FROM labels')).toEqual([{ question: 'newer question' }]);
    expect(await home.rows('SELECT normalized FROM dismissed')).toEqual([{ normalized: 'key of newer question' }]);
    await log.close();
  });

  it('purges every kind of row dated more than five minutes ahead of the clock, and keeps those within five', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    const id = log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked while the clock ran fast', reply: noMatch })!;
    log.vote(id, otherId, true);
    log.labelQuestion(id, { userId: otherId, source: 'none', record: null });
    log.dismiss(['some key']);
    await log.flush();
    const minute = 1 / (24 * 60);
    clock.advanceDays(-4 * minute);
    expect(await log.purge()).toBe(0);
    clock.advanceDays(-2 * minute);
    expect(await log.purge()).toBe(4);
    expect(await home.rows('SELECT (SELECT COUNT(*) FROM questions) + (SELECT COUNT(*) FROM votes) + (SELECT COUNT(*) FROM labels) + (SELECT COUNT(*) FROM dismissed) AS n')).toEqual([{ n: 0 }]);
    await log.close();
  });

  it('purges as the bot starts, not only a day later', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked before the restart', reply: noMatch });
    await log.close();
    clock.advanceDays(8);
    const restarted = await openLogOn(home, { retentionDays: 7, now: clock.now });
    expect(await home.rows('SELECT COUNT(*) AS n FROM questions')).toEqual([{ n: 0 }]);
    await restarted.close();
  });

  it('purges rows dated in the future, written while the clock was wrong', async () => {
    const home = await homeOn(backend);
    const clock = manualClock();
    const log = await openLogOn(home, { retentionDays: 7, now: clock.now });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked today', reply: noMatch });
    await log.flush();
    clock.advanceDays(-40);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked 40 days back', reply: noMatch });
    await log.flush();
    expect(await log.purge()).toBe(1);
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'asked 40 days back' }]);
    await log.close();
  });

  it('writes what is still queued when it closes', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home, { flushDelayMs: 60_000 });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'asked just before the bot stopped', reply: noMatch });
    await log.close();
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'asked just before the bot stopped' }]);
  });

  it('gives the questions of every run ids of their own, so none is lost to an earlier one', async () => {
    const home = await homeOn(backend);
    const ids: string[] = [];
    for (let run = 0; run < 3; run++) {
      const log = await openLogOn(home);
      ids.push(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: `asked in run ${run}`, reply: noMatch })!);
      await log.close();
    }
    expect(new Set(ids).size).toBe(3);
    expect(await home.rows('SELECT COUNT(*) AS n FROM questions')).toEqual([{ n: 3 }]);
  });

  it('leaves a database of a newer schema untouched, says so, and keeps answering', async () => {
    const home = await homeOn(backend);
    await (await openLogOn(home)).close();
    await setSchemaVersion(home, 99);
    const log = await openLogOn(home, { retryMs: 60_000 });
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toMatch(/99.*newer|newer.*99/);
    await log.close();
    expect(await schemaVersion(home)).toBe(99);
  });

  it('records nothing at all with QUESTION_LOG=off', async () => {
    const home = await homeOn(backend);
    const log = await openLogOn(home, { enabled: false });
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    // Nor anything pressed under replies logged before it was turned off.
    log.vote('abcdef000001', memberId, true);
    log.labelQuestion('abcdef000001', { userId: memberId, source: 'none', record: null });
    log.label({ userId: memberId, source: 'helper', question: 'anything', record: null, askerId: otherId, guildId: null });
    log.dismiss(['anything']);
    expect(log.health()).toMatchObject({ enabled: false, writable: false, queued: 0 });
    expect(await log.forget(memberId)).toEqual({ ok: true, removed: 0 });
    await log.close();
    expect(await readdir(home.dataDir)).toEqual([]);
  });
});

describe('the text a question is stored as', () => {
  it('stores a question without any mention (member, nickname, role, channel), at most 500 characters of it', () => {
    expect(storedText(`<@${memberId}> ask <@!${memberId}> the <@&${memberId}> mods in <#${memberId}>:  is it   covered?`)).toBe('ask the mods in : is it covered?');
    expect(storedText('é'.repeat(500))).toBe('é'.repeat(500));
    expect(storedText(`${'é'.repeat(500)}x`)).toBe('é'.repeat(500));
  });
});

async function setSchemaVersion(home: LogHome, version: number): Promise<void> {
  if (home.databaseUrl === undefined) {
    const db = new BetterSqlite3(path.join(home.dataDir, databaseFileName));
    db.pragma(`user_version = ${version}`);
    db.close();
    return;
  }
  const { createClient } = await import('../../src/database/postgres.ts');
  const client = createClient(home.databaseUrl);
  await client.connect();
  await client.query('UPDATE faqbot.schema_version SET version = $1', [version]);
  await client.end();
}

async function schemaVersion(home: LogHome): Promise<number> {
  if (home.databaseUrl === undefined) {
    const db = new BetterSqlite3(path.join(home.dataDir, databaseFileName), { readonly: true });
    const version = Number(db.pragma('user_version', { simple: true }));
    db.close();
    return version;
  }
  return ((await home.rows('SELECT version FROM schema_version')) as { version: number }[])[0]!.version;
}

describe('the question log on SQLite: its files', () => {
  it('never writes a raw Discord user id into the database or its journal files', async () => {
    const home = await homeOn(sqliteBackend);
    const dir = home.dataDir;
    const log = await openLogOn(home);
    const id = log.record({ guildId, channelKind: 'channel', userId: memberId, question: `<@${memberId}> is quantum computing covered?`, reply: noMatch })!;
    log.vote(id, memberId, false);
    log.label({ userId: memberId, source: 'helper', question: 'is quantum computing covered?', record: { kind: 'faq', id: 'agi-clause' }, askerId: memberId, guildId: null });
    await log.flush();
    for (const file of await readdir(dir)) expect((await readFile(path.join(dir, file))).includes(memberId), file).toBe(false);
    await log.close();
    for (const file of await readdir(dir)) expect((await readFile(path.join(dir, file))).includes(memberId), file).toBe(false);
  });

  it('finds labels written before labels named their asker by the text of the questions', async () => {
    const home = await homeOn(sqliteBackend);
    const log = await openLogOn(home);
    log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'what about the money', reply: noMatch });
    await log.close();
    const db = new BetterSqlite3(path.join(home.dataDir, databaseFileName));
    const insert = db.prepare("INSERT INTO labels (at, user_hash, source, question, normalized, kind, record_id) VALUES (?, 'someone-else', 'none', ?, 'k', NULL, NULL)");
    insert.run(Date.now(), 'what about the money');
    insert.run(Date.now(), 'what about the cloud');
    db.close();

    const reopened = await openLogOn(home);
    expect(await reopened.forget(memberId)).toEqual({ ok: true, removed: 2 });
    expect(await home.rows('SELECT question FROM labels')).toEqual([{ question: 'what about the cloud' }]);
    await reopened.close();
  });

  it('leaves none of the deleted words readable in the database file or its WAL', async () => {
    const home = await homeOn(sqliteBackend);
    const dir = home.dataDir;
    const log = await openLogOn(home);
    const secret = 'zanzibar walrus contract question';
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: secret, reply: answered('revenue-share') })!;
    log.labelQuestion(asked, { userId: otherId, source: 'suggestion', record: { kind: 'faq', id: 'revenue-share' } });
    for (let i = 0; i < 20; i++) log.record({ guildId, channelKind: 'slash', userId: otherId, question: `another question number ${i}`, reply: noMatch });
    await log.flush();
    const onDisk = async () => Buffer.concat(await Promise.all((await readdir(dir)).map((file) => readFile(path.join(dir, file)))));
    expect((await onDisk()).includes(secret)).toBe(true);

    expect(await log.forget(memberId)).toMatchObject({ ok: true });
    // While the bot still has the database open, as it does after a /forget-me.
    expect((await onDisk()).includes(secret)).toBe(false);
    expect((await onDisk()).includes('walrus')).toBe(false);
    await log.close();
    expect((await onDisk()).includes('walrus')).toBe(false);
  });

  const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

  it("creates the database, its WAL and the secret readable by the bot's user only", async () => {
    const home = await homeOn(sqliteBackend);
    const log = await openLogOn(home);
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch });
    await log.flush();
    const files = await readdir(home.dataDir);
    expect(files.sort()).toEqual([databaseFileName, `${databaseFileName}-shm`, `${databaseFileName}-wal`, secretFileName].sort());
    for (const file of files) expect(await modeOf(path.join(home.dataDir, file)), file).toBe(0o600);
    await log.close();
  });

  it.each([0o644, 0o640, 0o604])("makes a database file of mode %o (others or its group can read it) the bot user's only, and says so", async (loose) => {
    const home = await homeOn(sqliteBackend);
    await (await openLogOn(home)).close();
    const file = path.join(home.dataDir, databaseFileName);
    await chmod(file, loose);
    const warnings: string[] = [];
    const log = await openLogOn(home, { logger: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }) });
    expect(await modeOf(file)).toBe(0o600);
    expect(warnings.join('')).toContain('could be read by other users');
    expect(warnings.join('')).toContain(`${file} (was ${loose.toString(8)})`);
    expect(log.health().writable).toBe(true);
    await log.close();
  });

  it.each([0o644, 0o640])('refuses a secret of mode %o (others or its group can read it), says how to fix it, and uses it once fixed', async (loose) => {
    const home = await homeOn(sqliteBackend);
    await (await openLogOn(home)).close();
    const secret = path.join(home.dataDir, secretFileName);
    await chmod(secret, loose);
    const log = await openLogOn(home, { retryMs: 50 });
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain(`chmod 600 ${secret}`);

    await chmod(secret, 0o600);
    await until(() => log.health().writable);
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toEqual(expect.any(String));
    await log.close();
  });

  it('keeps taking questions from a corrupt file, warns once, tells the mod-log once, and writes them once the file is moved away', async () => {
    const home = await homeOn(sqliteBackend);
    const file = path.join(home.dataDir, databaseFileName);
    await writeFile(file, 'this is not a database '.repeat(200));
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const log = await openLogOn(home, { logger, retryMs: 50 });
    const notices: string[] = [];
    log.onTrouble((notice) => notices.push(notice));
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain('move it away');
    for (const question of ['one', 'two', 'three']) expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question, reply: noMatch })).toEqual(expect.any(String));
    await log.flush();
    expect(log.queueDepth()).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('keeps answering');

    await rename(file, `${file}.broken`);
    await until(() => log.health().writable && log.queueDepth() === 0);
    await log.close();
    expect(await home.rows('SELECT question FROM questions ORDER BY question')).toEqual([{ question: 'one' }, { question: 'three' }, { question: 'two' }]);
  });

  it('holds 10,000 rows while the database is unavailable, then gives up the oldest first, counting them', async () => {
    const home = await homeOn(sqliteBackend);
    await writeFile(path.join(home.dataDir, databaseFileName), 'this is not a database '.repeat(200));
    const log = await openLogOn(home, { retryMs: 60_000 });
    const ask = (n: number) => log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: `question ${n}`, reply: noMatch })!;
    const ids = Array.from({ length: 10_000 }, (_, n) => ask(n));
    expect(log.health()).toMatchObject({ writable: false, queued: 10_000, dropped: 0 });
    expect(await log.questionText(ids[0]!)).toBe('question 0');

    const newest = ask(10_000);
    expect(log.health()).toMatchObject({ queued: 10_000, dropped: 1 });
    expect(await log.questionText(ids[0]!)).toBeNull();
    expect(await log.questionText(ids[1]!)).toBe('question 1');
    expect(await log.questionText(newest)).toBe('question 10000');
    await log.close();
  });

  it("refuses /forget-me while the database is unavailable, saying why, and still drops the member's queued rows only", async () => {
    const home = await homeOn(sqliteBackend);
    await writeFile(path.join(home.dataDir, databaseFileName), 'this is not a database '.repeat(200));
    const log = await openLogOn(home, { retryMs: 60_000 });
    log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'queued meanwhile', reply: noMatch });
    const kept = log.record({ guildId: null, channelKind: 'slash', userId: otherId, question: 'someone else meanwhile', reply: noMatch })!;
    expect(await log.forget(memberId)).toEqual({ ok: false, problem: expect.stringContaining('move it away') });
    expect(log.queueDepth()).toBe(1);
    expect(await log.questionText(kept)).toBe('someone else meanwhile');
    await log.close();
  });

  it('writes every question queued meanwhile once the database can be used, however many batches that takes', async () => {
    const home = await homeOn(sqliteBackend);
    const file = path.join(home.dataDir, databaseFileName);
    await writeFile(file, 'this is not a database '.repeat(200));
    const log = await openLogOn(home, { retryMs: 50 });
    for (let n = 0; n < 450; n++) log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: `question ${n}`, reply: noMatch });
    await rename(file, `${file}.broken`);
    await until(() => log.health().writable && log.queueDepth() === 0);
    expect(await home.rows('SELECT COUNT(*) AS n FROM questions')).toEqual([{ n: 450 }]);
    await log.close();
  });

  it('warns and tells the mod-log again when the database fails again after it worked', async () => {
    const home = await homeOn(sqliteBackend);
    const file = path.join(home.dataDir, databaseFileName);
    await writeFile(file, 'this is not a database '.repeat(200));
    const warnings: string[] = [];
    const log = await openLogOn(home, { retryMs: 50, logger: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }) });
    const notices: string[] = [];
    log.onTrouble((notice) => notices.push(notice));
    await rename(file, `${file}.broken`);
    await until(() => log.health().writable);
    // Someone breaks the schema under the running bot: the next write fails.
    const db = new BetterSqlite3(file);
    db.exec('DROP TABLE dismissed');
    db.close();
    log.dismiss(['some key']);
    await log.flush();
    expect(log.health().writable).toBe(false);
    expect(notices).toHaveLength(2);
    expect(warnings.filter((line) => line.includes('Question log unavailable'))).toHaveLength(2);
    await log.close();
  });

  it('keeps taking questions when DATA_DIR cannot be written, and says which folder to fix', async () => {
    const { dir, restore } = await unwritableDataDir();
    cleanups.push(restore);
    const log = openLog(dir);
    await log.ready();
    expect(log.record({ guildId: null, channelKind: 'slash', userId: memberId, question: 'anything', reply: noMatch })).toBeNull();
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain(dir);
    expect(existsSync(path.join(dir, databaseFileName))).toBe(false);
    await log.close();
  });
});

describe('the question log on PostgreSQL: several hosts, outages', () => {
  it("hashes a member alike on every host, so /forget-me on one host deletes the member's rows of all", async () => {
    const home = await homeOn(postgresBackend);
    const hostA = await openLogOn(home);
    const hostB = await openLogOn({ ...home, options: { ...home.options, dataDir: `${home.dataDir}-b` } });
    expect(hostA.memberHash(memberId)).toBe(hostB.memberHash(memberId));
    hostA.record({ guildId, channelKind: 'channel', userId: memberId, question: 'asked on host a', reply: noMatch });
    hostB.record({ guildId, channelKind: 'channel', userId: memberId, question: 'asked on host b', reply: noMatch });
    hostB.record({ guildId, channelKind: 'channel', userId: otherId, question: 'someone else on host b', reply: noMatch });
    await Promise.all([hostA.flush(), hostB.flush()]);
    expect(await hostB.forget(memberId)).toEqual({ ok: true, removed: 2 });
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'someone else on host b' }]);
    await Promise.all([hostA.close(), hostB.close()]);
    // Nothing of the key or the rows went to either host's DATA_DIR: the database holds them.
    expect(await readdir(home.dataDir)).toEqual([]);
  });

  it("purges every host's rows past RETENTION_DAYS, whichever host runs the purge", async () => {
    const home = await homeOn(postgresBackend);
    const clock = manualClock();
    const hostA = await openLogOn(home, { retentionDays: 7, now: clock.now });
    const hostB = await openLogOn({ ...home, options: { ...home.options, dataDir: `${home.dataDir}-b` } }, { retentionDays: 7, now: clock.now });
    hostA.record({ guildId, channelKind: 'channel', userId: memberId, question: 'old on host a', reply: noMatch });
    hostB.record({ guildId, channelKind: 'channel', userId: otherId, question: 'old on host b', reply: noMatch });
    await Promise.all([hostA.flush(), hostB.flush()]);
    clock.advanceDays(8);
    hostB.record({ guildId, channelKind: 'channel', userId: otherId, question: 'new on host b', reply: noMatch });
    await hostB.flush();
    expect(await hostA.purge()).toBe(2);
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'new on host b' }]);
    await Promise.all([hostA.close(), hostB.close()]);
  });

  it('starts while the database is down: takes questions, says so, and writes them once each when it is back', async () => {
    const home = await homeOn(postgresBackend);
    await (await openLogOn(home)).close();
    const name = new URL(home.databaseUrl!).pathname.slice(1);
    const outage = await takeDatabaseDown(name);
    const notices: string[] = [];
    const log = await openLogOn(home, { retryMs: 100 });
    log.onTrouble((notice) => notices.push(notice));
    expect(log.health()).toMatchObject({ enabled: true, writable: false });
    expect(log.health().problem).toContain('127.0.0.1');
    expect(log.health().problem).not.toContain(new URL(home.databaseUrl!).password);
    const asked = log.record({ guildId, channelKind: 'slash', userId: memberId, question: 'asked while the database was down', reply: noMatch })!;
    log.vote(asked, memberId, false);
    await log.flush();
    expect(log.queueDepth()).toBe(2);
    expect(notices).toHaveLength(1);

    // A /forget-me meanwhile cannot reach the stored rows, but the queued ones of that member never get there.
    log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'asked by someone who then forgot', reply: noMatch });
    expect(await log.forget(otherId)).toMatchObject({ ok: false });
    expect(log.queueDepth()).toBe(2);

    await outage.restore();
    await until(() => log.health().writable && log.queueDepth() === 0);
    await log.flush();
    expect(await home.rows('SELECT question FROM questions')).toEqual([{ question: 'asked while the database was down' }]);
    expect(await home.rows('SELECT helpful FROM votes')).toEqual([{ helpful: 0 }]);
    await log.close();
  });

  it('loses the database during a run: keeps at most 10,000 rows (the oldest dropped) and writes them once when it is back', async () => {
    const home = await homeOn(postgresBackend);
    const log = await openLogOn(home, { retryMs: 100 });
    log.record({ guildId, channelKind: 'slash', userId: otherId, question: 'before the outage', reply: noMatch });
    await log.flush();
    const name = new URL(home.databaseUrl!).pathname.slice(1);
    const outage = await takeDatabaseDown(name);
    for (let i = 0; i < 10_005; i++) log.record({ guildId, channelKind: 'slash', userId: memberId, question: `question ${i}`, reply: noMatch });
    await log.flush();
    expect(log.health()).toMatchObject({ writable: false, queued: 10_000, dropped: 5 });

    await outage.restore();
    await until(() => log.health().writable && log.queueDepth() === 0, 20_000);
    expect(await home.rows("SELECT COUNT(*) AS n, MIN(question) AS first FROM questions WHERE question LIKE 'question %'")).toEqual([{ n: 10_000, first: 'question 10' }]);
    expect(await home.rows("SELECT COUNT(*) AS n FROM questions WHERE question IN ('question 0', 'question 4', 'question 5')")).toEqual([{ n: 1 }]);
    await log.close();
  }, 40_000);
});
