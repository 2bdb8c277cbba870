import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { gapReport } from '../../src/questionLog/gapReport.ts';
import { GapReports } from '../../src/questionLog/gapReports.ts';
import { statsChartPng } from '../../src/questionLog/statsChart.ts';
import { formatStatsText, statsReport } from '../../src/questionLog/statsReport.ts';
import type { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { answered, logBackends, manualClock, noMatch, openLogOn, postgresBackend, sqliteBackend, tempDataDir, type LogBackend } from './logSandbox.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function logIn(backend: LogBackend = sqliteBackend): Promise<{ dir: string; databaseUrl: string | undefined; log: QuestionLog; clock: ReturnType<typeof manualClock> }> {
  const home = await backend.create();
  cleanups.push(home.cleanup);
  // Two days back, so a test can move a day on without asking from the future of the terminal reports' clock.
  const clock = manualClock(Date.now() - 2 * 24 * 60 * 60 * 1000);
  return { dir: home.dataDir, databaseUrl: home.databaseUrl, log: await openLogOn(home, { now: clock.now }), clock };
}

const suggestions = { status: 'suggestions' as const, confidence: { scale: 'score' as const, value: 0.4 }, suggestions: [{ kind: 'faq' as const, id: 'ip-license-term', title: 'When…' }] };

describe.each(logBackends)('gap report on $name', (backend) => {
  it('groups near-identical phrasings, counts them, keeps answered and undisputed questions out, and ranks by count', async () => {
    const { log, clock } = await logIn(backend);
    const ask = (userId: string, question: string, reply = noMatch) => log.record({ guildId: null, channelKind: 'slash', userId, question, reply });
    ask('1', 'Does the deal cover quantum computing?');
    clock.advanceDays(0.01);
    ask('2', 'is quantum computing covered by the deal');
    clock.advanceDays(0.01);
    ask('3', 'QUANTUM computing: covered under the deal??');
    ask('1', 'how long is the license', suggestions);
    ask('2', 'how long does the license last', suggestions);
    ask('4', 'can openai use aws', answered('any-cloud-provider'));
    const disputed = ask('5', 'is azure still the main cloud', answered('primary-cloud-partner'))!;
    log.vote(disputed, '5', false);
    log.label({ userId: '1', source: 'suggestion', question: 'how long is the license', record: { kind: 'faq', id: 'ip-license-term' }, askerId: '1', guildId: null });
    log.label({ userId: '2', source: 'suggestion', question: 'how long does the license last', record: { kind: 'faq', id: 'ip-license-term' }, askerId: '2', guildId: null });

    const rows = (await gapReport(log, { days: 7 }))!;
    expect(rows.map((row) => [row.question, row.count, row.outcome])).toEqual([
      ['Does the deal cover quantum computing?', 3, 'no_match'],
      ['how long is the license', 2, 'suggestions'],
      ['is azure still the main cloud', 1, 'not_helpful'],
    ]);
    expect(rows[1]?.candidates).toEqual([{ kind: 'faq', id: 'ip-license-term' }]);
    expect(rows[1]?.membersChose).toEqual({ kind: 'faq', id: 'ip-license-term', picks: 2 });
    expect(rows[0]?.membersChose).toBeNull();
    await log.close();
  });

  it('hides a dismissed row until the question is asked again', async () => {
    const { log, clock } = await logIn(backend);
    log.record({ guildId: null, channelKind: 'dm', userId: '1', question: 'what about quantum computing', reply: noMatch });
    const [row] = (await gapReport(log, { days: 7 }))!;
    log.dismiss(row!.keys);
    expect(await gapReport(log, { days: 7 })).toEqual([]);
    clock.advanceDays(0.01);
    log.record({ guildId: null, channelKind: 'dm', userId: '2', question: 'and quantum computing?', reply: noMatch });
    expect((await gapReport(log, { days: 7 }))?.map((r) => r.count)).toEqual([1]);
    // Dismissed again: hidden again, until asked once more.
    clock.advanceDays(0.01);
    log.dismiss(row!.keys);
    expect(await gapReport(log, { days: 7 })).toEqual([]);
    await log.close();
  });

  it('counts an answer as a gap once more members voted it not helpful than helpful, not at a tie', async () => {
    const { log } = await logIn(backend);
    const answer = (question: string, helpful: number, notHelpful: number) => {
      const id = log.record({ guildId: null, channelKind: 'slash', userId: '1', question, reply: answered('primary-cloud-partner') })!;
      for (let i = 0; i < helpful; i++) log.vote(id, `up-${i}`, true);
      for (let i = 0; i < notHelpful; i++) log.vote(id, `down-${i}`, false);
    };
    answer('is azure still the main cloud', 1, 1);
    answer('what about the quokka clause', 1, 2);
    answer('is quantum computing covered', 0, 0);
    expect((await gapReport(log, { days: 7 }))?.map((row) => [row.question, row.outcome])).toEqual([['what about the quokka clause', 'not_helpful']]);
    await log.close();
  });

  it('covers the last `days` days, to the minute, with the picks made in them', async () => {
    const { log, clock } = await logIn(backend);
    const minute = 1 / (24 * 60);
    log.record({ guildId: null, channelKind: 'dm', userId: '1', question: 'is quantum computing covered', reply: noMatch });
    log.label({ userId: '2', source: 'helper', question: 'is quantum computing covered', record: { kind: 'faq', id: 'any-cloud-provider' }, askerId: '1', guildId: null });
    clock.advanceDays(1 - minute);
    expect((await gapReport(log, { days: 1 }))?.map((row) => [row.count, row.membersChose?.id])).toEqual([[1, 'any-cloud-provider']]);
    clock.advanceDays(2 * minute);
    expect(await gapReport(log, { days: 1 })).toEqual([]);
    await log.close();
  });

  it('names the record members picked only when more picked it than anything else, and never "None of these"', async () => {
    const { log } = await logIn(backend);
    const pick = (question: string, userId: string, record: { kind: 'faq' | 'term'; id: string } | null) =>
      log.label({ userId, source: record ? 'suggestion' : 'none', question, record, askerId: '1', guildId: null });
    const ask = (question: string) => log.record({ guildId: null, channelKind: 'slash', userId: '1', question, reply: noMatch });
    ask('is quantum computing covered');
    pick('is quantum computing covered', '2', { kind: 'faq', id: 'any-cloud-provider' });
    pick('is quantum computing covered', '3', { kind: 'faq', id: 'ip-license-term' });
    ask('what about the quokka clause');
    pick('what about the quokka clause', '2', null);
    pick('what about the quokka clause', '3', null);
    pick('what about the quokka clause', '4', { kind: 'faq', id: 'ip-license-term' });
    ask('when does the zebra rule apply');
    pick('when does the zebra rule apply', '2', { kind: 'term', id: 'agi' });
    pick('when does the zebra rule apply', '3', { kind: 'term', id: 'agi' });
    pick('when does the zebra rule apply', '4', { kind: 'faq', id: 'ip-license-term' });
    const chose = Object.fromEntries((await gapReport(log, { days: 7 }))!.map((row) => [row.question, row.membersChose]));
    expect(chose).toEqual({
      'is quantum computing covered': null,
      'what about the quokka clause': null,
      'when does the zebra rule apply': { kind: 'term', id: 'agi', picks: 2 },
    });
    await log.close();
  });

  it('hides the dismissed group with every phrasing in it, and only that group', async () => {
    const { log } = await logIn(backend);
    const ask = (userId: string, question: string) => log.record({ guildId: null, channelKind: 'dm', userId, question, reply: noMatch });
    ask('1', 'is quantum computing covered');
    ask('2', 'is quantum computing covered by the contract');
    ask('3', 'what about the quokka clause');
    const [quantum, quokka] = (await gapReport(log, { days: 7 }))!;
    expect(quantum?.keys).toHaveLength(2);
    log.dismiss(quantum!.keys);
    expect(await gapReport(log, { days: 7 })).toEqual([quokka]);
    await log.close();
  });

  it("shows one server's questions only to that server's moderators", async () => {
    const { log } = await logIn(backend);
    log.record({ guildId: '900000000000000001', channelKind: 'channel', userId: '1', question: 'asked in the first server', reply: noMatch });
    log.record({ guildId: '900000000000000002', channelKind: 'channel', userId: '2', question: 'asked in the second server', reply: noMatch });
    expect((await gapReport(log, { days: 7, guildId: '900000000000000002' }))?.map((r) => r.question)).toEqual(['asked in the second server']);
    expect((await statsReport(log, { days: 7, guildId: '900000000000000001' }))?.total).toBe(1);
    await log.close();
  });
});

describe('gap report on SQLite: rows edited by hand', () => {
  it('offers the five records suggested most for a gap, most suggested first, and ignores what the log should not hold', async () => {
    const home = await sqliteBackend.create();
    cleanups.push(home.cleanup);
    const now = () => Date.now() - 2 * 24 * 60 * 60 * 1000;
    const log = await openLogOn(home, { now });
    const offered = (ids: string[]) => ({ ...noMatch, status: 'suggestions' as const, suggestions: ids.map((id) => ({ kind: 'faq' as const, id, title: id })) });
    log.record({ guildId: null, channelKind: 'slash', userId: '1', question: 'is quantum computing covered', reply: offered(['a', 'b', 'c']) });
    log.record({ guildId: null, channelKind: 'slash', userId: '2', question: 'is quantum computing covered?', reply: offered(['b', 'c', 'd']) });
    log.record({ guildId: null, channelKind: 'slash', userId: '3', question: 'quantum computing covered', reply: offered(['c', 'e', 'f']) });
    log.record({ guildId: null, channelKind: 'slash', userId: '4', question: 'quantum computing: covered?', reply: offered(['f']) });
    await log.close();
    // A row edited by hand (or by a broken tool): suggestions that are no record pointers are not read.
    const db = new BetterSqlite3(path.join(home.dataDir, 'faqbot.sqlite'));
    db.prepare("UPDATE questions SET suggestions = ? WHERE question = 'quantum computing: covered?'").run(JSON.stringify(['faq:f', 'faq:bad id!']));
    db.close();
    const reopened = await openLogOn(home, { now });
    const [row] = (await gapReport(reopened, { days: 7 }))!;
    expect(row?.count).toBe(4);
    expect(row?.candidates.map((pointer) => `${pointer.kind}:${pointer.id}`)).toEqual(['faq:c', 'faq:b', 'faq:a', 'faq:d', 'faq:e']);
    await reopened.close();
  });
});

describe('npm run gaps', () => {
  it('npm run gaps -- --json prints one object per line, most asked first, with exactly the documented fields', async () => {
    const { dir, log, clock } = await logIn();
    for (const [user, question] of [['1', 'is quantum computing covered'], ['2', 'quantum computing covered?'], ['3', 'how long is the license']] as const) {
      log.record({ guildId: null, channelKind: 'slash', userId: user, question, reply: question.includes('license') ? suggestions : noMatch });
      clock.advanceDays(0.01);
    }
    await log.close();
    const result = spawnSync(tsx, ['src/cli/gaps.ts', '--days', '3', '--', '--json'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { question: 'is quantum computing covered', count: 2, outcome: 'no_match', lastAsked: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), candidates: [] },
      { question: 'how long is the license', count: 1, outcome: 'suggestions', lastAsked: expect.any(String), candidates: [{ kind: 'faq', id: 'ip-license-term' }] },
    ]);
  });

  it('npm run gaps says where it looked when there is no question log yet, and refuses unknown options', async () => {
    const { dir, remove } = await tempDataDir();
    cleanups.push(remove);
    const missing = spawnSync(tsx, ['src/cli/gaps.ts'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 30_000 });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(path.join(dir, 'faqbot.sqlite'));
    const bad = spawnSync(tsx, ['src/cli/gaps.ts', '--days', 'many'], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--days must be a whole number');
  });
});

describe.each(logBackends)("one server's figures (a moderator outside the knowledge servers) on $name", (backend) => {
  /** The same gap asked in two servers and a DM, each answer voted on where it was given. */
  async function twoServers() {
    const { log } = await logIn(backend);
    const ask = (guildId: string | null, userId: string, question: string, reply = noMatch) => log.record({ guildId, channelKind: guildId ? 'channel' : 'dm', userId, question, reply })!;
    ask('g1', '1', 'is quantum computing covered');
    ask('g2', '2', 'is quantum computing covered?');
    ask('g2', '3', 'what about the quokka clause');
    ask(null, '4', 'what about the quokka clause?');
    const inG1 = ask('g1', '5', 'can openai use aws', answered('any-cloud-provider'));
    const inG2 = ask('g2', '6', 'can openai use gcp', answered('any-cloud-provider'));
    log.vote(inG1, '5', true);
    log.vote(inG2, '6', false);
    log.vote(inG2, '7', false);
    log.label({ userId: '8', source: 'helper', question: 'what about the quokka clause', record: { kind: 'faq', id: 'ip-license-term' }, askerId: '3', guildId: 'g2' });
    log.label({ userId: '8', source: 'helper', question: 'is quantum computing covered?', record: { kind: 'faq', id: 'any-cloud-provider' }, askerId: '2', guildId: 'g2' });
    return log;
  }

  it("/kb gaps lists that server's questions and picks only", async () => {
    const log = await twoServers();
    expect((await gapReport(log, { days: 7, guildId: 'g1' }))?.map((row) => [row.question, row.count, row.membersChose])).toEqual([['is quantum computing covered', 1, null]]);
    const g2 = (await gapReport(log, { days: 7, guildId: 'g2' }))!;
    expect(g2.map((row) => [row.count, row.outcome])).toEqual([
      [1, 'no_match'],
      [1, 'no_match'],
      [1, 'not_helpful'],
    ]);
    expect(g2.find((row) => row.question.includes('quokka'))?.membersChose).toEqual({ kind: 'faq', id: 'ip-license-term', picks: 1 });
    expect(g2.find((row) => row.question.includes('quantum'))?.membersChose).toEqual({ kind: 'faq', id: 'any-cloud-provider', picks: 1 });
    // Every server's and the DMs' together, for a knowledge server's moderators.
    expect((await gapReport(log, { days: 7 }))?.map((row) => row.count)).toEqual([2, 2, 1]);
    await log.close();
  });

  it("counts a member's pick under a reply in the server of the question, queued or written", async () => {
    const { log } = await logIn(backend);
    const written = log.record({ guildId: 'g2', channelKind: 'channel', userId: '1', question: 'is quantum computing covered', reply: noMatch })!;
    await log.flush();
    const queued = log.record({ guildId: 'g2', channelKind: 'channel', userId: '2', question: 'what about the quokka clause', reply: noMatch })!;
    log.labelQuestion(written, { userId: '3', source: 'suggestion', record: { kind: 'faq', id: 'any-cloud-provider' } });
    log.labelQuestion(queued, { userId: '3', source: 'suggestion', record: { kind: 'faq', id: 'ip-license-term' } });
    expect((await gapReport(log, { days: 7, guildId: 'g2' }))?.map((row) => row.membersChose?.id).sort()).toEqual(['any-cloud-provider', 'ip-license-term']);
    expect(await gapReport(log, { days: 7, guildId: 'g1' })).toEqual([]);
    await log.close();
  });

  it("/kb stats counts that server's questions and the votes on them only", async () => {
    const log = await twoServers();
    expect(await statsReport(log, { days: 7, guildId: 'g1' })).toMatchObject({ total: 2, answered: 1, helpful: 1, notHelpful: 0 });
    expect(await statsReport(log, { days: 7, guildId: 'g2' })).toMatchObject({ total: 3, answered: 1, helpful: 0, notHelpful: 2 });
    expect(await statsReport(log, { days: 7 })).toMatchObject({ total: 6, answered: 2, helpful: 1, notHelpful: 2 });
    await log.close();
  });

  it("never hands one server the report built for another, or for every server", async () => {
    const log = await twoServers();
    const reports = new GapReports(log, { build: async (_files, _now, query) => gapReport(log, query) });
    expect((await reports.report(7))?.map((row) => row.count)).toEqual([2, 2, 1]);
    expect((await reports.report(7, 'g1'))?.map((row) => row.question)).toEqual(['is quantum computing covered']);
    expect((await reports.report(7, 'g2'))?.length).toBe(3);
    expect((await reports.report(7))?.length).toBe(3);
    await log.close();
  });
});

describe('several hosts', () => {
  it('npm run gaps and npm run stats read several hosts\' logs as one with --log, one of them still open for writing', async () => {
    const hostA = await logIn();
    const hostB = await logIn();
    hostA.log.record({ guildId: 'g1', channelKind: 'channel', userId: '1', question: 'is quantum computing covered', reply: noMatch });
    hostA.log.record({ guildId: 'g1', channelKind: 'channel', userId: '2', question: 'can openai use aws', reply: answered('any-cloud-provider') });
    hostB.log.record({ guildId: 'g2', channelKind: 'channel', userId: '3', question: 'quantum computing covered?', reply: noMatch });
    hostB.log.record({ guildId: 'g2', channelKind: 'channel', userId: '4', question: 'can openai run on gcp', reply: answered('any-cloud-provider') });
    await hostA.log.close();
    // Host B's bot is still running: its log stays open (WAL) while the report reads it.
    await hostB.log.flush();
    const copyOfA = path.join(hostA.dir, 'host-a.sqlite');
    copyFileSync(path.join(hostA.dir, 'faqbot.sqlite'), copyOfA);

    const gaps = spawnSync(tsx, ['src/cli/gaps.ts', '--json', '--log', copyOfA, '--log', hostB.dir], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    expect(gaps.stderr).toBe('');
    expect(gaps.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { question: string; count: number }).count)).toEqual([2]);

    const out = path.join(hostB.dir, 'both.png');
    const stats = spawnSync(tsx, ['src/cli/stats.ts', '--log', copyOfA, '--log', hostB.dir, '--out', out], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    expect(stats.status).toBe(0);
    expect(stats.stdout).toContain('4 questions, 2 answered');
    expect(stats.stdout).toContain('faq:any-cloud-provider (2)');
    await hostB.log.close();
    // Read-only: the copy is byte for byte what it was (nothing migrated, purged or written).
    expect(readFileSync(copyOfA).equals(readFileSync(path.join(hostA.dir, 'faqbot.sqlite')))).toBe(true);
  });

  it('names the log it cannot read and why, and exits 1', async () => {
    const { dir, remove } = await tempDataDir();
    cleanups.push(remove);
    const notALog = path.join(dir, 'notes.sqlite');
    writeFileSync(notALog, '');
    const missing = path.join(dir, 'missing.sqlite');
    for (const [file, reason] of [[missing, 'unable to open'], [notALog, 'is not a question log']] as const) {
      const result = spawnSync(tsx, ['src/cli/gaps.ts', '--log', file], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toContain(reason);
    }
  });
});

describe('a --log that is not a file', () => {
  it('refuses a FIFO at once, naming it, instead of waiting for a writer', async () => {
    const { dir, remove } = await tempDataDir();
    cleanups.push(remove);
    const fifo = path.join(dir, 'faqbot.sqlite');
    execFileSync('mkfifo', [fifo]);
    for (const args of [['--log', fifo], ['--log', dir]]) {
      // Without the check the report waits for a writer to open the FIFO: the timeout ends it.
      const result = spawnSync(tsx, ['src/cli/gaps.ts', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 15_000 });
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${fifo} is not a regular file (a FIFO)`);
    }
  }, 40_000);
});

describe.each(logBackends)('stats on $name', (backend) => {
  it('names the five records given most, most given first', async () => {
    const { log } = await logIn(backend);
    const given = { a: 1, b: 6, c: 5, d: 4, e: 3, f: 2 };
    for (const [id, times] of Object.entries(given)) {
      for (let i = 0; i < times; i++) log.record({ guildId: null, channelKind: 'slash', userId: `${id}${i}`, question: `question ${id} ${i}`, reply: answered(`record-${id}`) });
    }
    expect((await statsReport(log, { days: 7 }))?.topRecords).toEqual(['b', 'c', 'd', 'e', 'f'].map((id) => ({ record: `faq:record-${id}`, count: given[id as keyof typeof given] })));
    await log.close();
  });

  it('counts questions per day by outcome, the answer and helpful rates, and the top records, and draws them', async () => {
    const { dir, databaseUrl, log, clock } = await logIn(backend);
    const first = log.record({ guildId: null, channelKind: 'slash', userId: '1', question: 'can openai use aws', reply: answered('any-cloud-provider') })!;
    log.record({ guildId: null, channelKind: 'slash', userId: '2', question: 'can openai use gcp', reply: answered('any-cloud-provider') });
    log.record({ guildId: null, channelKind: 'slash', userId: '3', question: 'quantum?', reply: noMatch });
    log.vote(first, '1', true);
    log.vote(first, '2', false);
    log.vote(first, '3', true);
    clock.advanceDays(1);
    log.record({ guildId: null, channelKind: 'slash', userId: '3', question: 'how long is the license', reply: suggestions });

    const stats = (await statsReport(log, { days: 7 }))!;
    expect(stats.perDay).toHaveLength(7);
    expect(stats.perDay.filter((d) => d.answered + d.suggestions + d.noMatch > 0).map(({ answered: a, suggestions: s, noMatch: n }) => [a, s, n])).toEqual([
      [2, 0, 1],
      [0, 1, 0],
    ]);
    expect(stats).toMatchObject({ total: 4, answered: 2, answerRate: 0.5, helpful: 2, notHelpful: 1, topRecords: [{ record: 'faq:any-cloud-provider', count: 2 }] });
    expect(formatStatsText(stats)).toContain('answer rate 50%');
    expect(formatStatsText(stats)).toContain('helpful rate 67%');
    const png = statsChartPng(stats);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(800);
    await log.close();

    const out = path.join(dir, 'chart.png');
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: databaseUrl ?? '' };
    const result = spawnSync(tsx, ['src/cli/stats.ts', '--days', '7', '--out', out], { cwd: projectRoot, encoding: 'utf8', env, timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('4 questions, 2 answered');
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('npm run gaps with DATABASE_URL', () => {
  it("reads every host's questions from the shared database, and names it without its password when it cannot", async () => {
    const home = await postgresBackend.create();
    cleanups.push(home.cleanup);
    const hostA = await openLogOn(home);
    const hostB = await openLogOn({ ...home, options: { ...home.options, dataDir: `${home.dataDir}-b` } });
    hostA.record({ guildId: 'g1', channelKind: 'channel', userId: '1', question: 'is quantum computing covered', reply: noMatch });
    hostB.record({ guildId: 'g2', channelKind: 'channel', userId: '3', question: 'quantum computing covered?', reply: noMatch });
    await Promise.all([hostA.close(), hostB.close()]);
    const env = { ...process.env, DATA_DIR: home.dataDir, DATABASE_URL: home.databaseUrl! };
    const gaps = spawnSync(tsx, ['src/cli/gaps.ts', '--json'], { cwd: projectRoot, encoding: 'utf8', env, timeout: 30_000 });
    expect(gaps.stderr).toBe('');
    expect(gaps.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { count: number }).count)).toEqual([2]);

    const password = new URL(home.databaseUrl!).password;
    const wrong = home.databaseUrl!.replace(/\/[^/]+$/, '/no_such_database');
    const missing = spawnSync(tsx, ['src/cli/gaps.ts'], { cwd: projectRoot, encoding: 'utf8', env: { ...env, DATABASE_URL: wrong }, timeout: 30_000 });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('does not exist');
    expect(missing.stderr).toContain('postgres://***@127.0.0.1');
    expect(missing.stderr).not.toContain(password);
  });
});
