import { afterEach, describe, expect, it } from 'vitest';
import { generatedGapQuestions, logOfGaps } from '../../bench/gapsBench.ts';
import { gapReport, readGapRows, type GapRowsRead } from '../../src/questionLog/gapReport.ts';
import { buildInWorker, GapReports } from '../../src/questionLog/gapReports.ts';
import { keySimilarity } from '../../src/questionLog/groupingKey.ts';
import type { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { logBackends, noMatch, sqliteBackend, type LogBackend } from './logSandbox.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function logOf(questions: readonly string[], backend: LogBackend = sqliteBackend): Promise<QuestionLog> {
  const home = await backend.create();
  const log = await logOfGaps(home.options, questions);
  cleanups.push(async () => (await log.close(), await home.cleanup()));
  return log;
}

/**
 * The report's groups as they were made before grouping was bounded: each key, most asked first,
 * compared with every key of every group kept so far, and folded into the first one close enough.
 */
function groupsComparingEveryKey(read: GapRowsRead): string[][] {
  const byKey = new Map<string, { keys: string[]; count: number; lastAsked: number }>();
  for (const row of read.questions as { normalized: string; at: number }[]) {
    const group = byKey.get(row.normalized) ?? { keys: [row.normalized], count: 0, lastAsked: 0 };
    byKey.set(row.normalized, group);
    group.count++;
    group.lastAsked = Math.max(group.lastAsked, row.at);
  }
  const kept: { keys: string[]; count: number; lastAsked: number }[] = [];
  for (const group of [...byKey.values()].sort((a, b) => b.count - a.count)) {
    const into = kept.find((other) => other.keys.some((key) => keySimilarity(key, group.keys[0]!) >= 0.6));
    if (!into) kept.push({ ...group, keys: [...group.keys] });
    else {
      into.keys.push(...group.keys);
      into.count += group.count;
      into.lastAsked = Math.max(into.lastAsked, group.lastAsked);
    }
  }
  return kept.sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked).map((group) => group.keys);
}

describe('grouping the gaps of a generated log', () => {
  it('makes the same groups, in the same order, as comparing every key with every other', async () => {
    const distinct = generatedGapQuestions(400, 7);
    // Some asked again (so counts differ), and questions of little words or none, grouped by their text.
    const questions = [...distinct, ...distinct.filter((_, i) => i % 7 === 0), ...distinct.filter((_, i) => i % 21 === 0), 'what is it what is it', '???', 'is it?'];
    const log = await logOf(questions);
    const rows = (await gapReport(log, { days: 7, limit: 1000 }))!;
    const expected = groupsComparingEveryKey((await readGapRows(log, { days: 7 }))!);
    expect(rows.map((row) => row.keys)).toEqual(expected);
    // Not a trivial case: near-copies were folded, some through a chain of them.
    expect(expected.filter((keys) => keys.length >= 2).length).toBeGreaterThan(20);
    expect(expected.some((keys) => keys.length >= 3)).toBe(true);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(questions.length);
  });
});

describe.each(logBackends)('the bot\'s gap reports on $name', (backend) => {
  it('are built in a worker thread: the bot\'s thread keeps getting turns meanwhile, and the report is the same', async () => {
    const log = await logOf(generatedGapQuestions(3000), backend);
    const reports = new GapReports(log);
    let settled = false;
    const building = reports.report(7).finally(() => (settled = true));
    // Each turn stands for a member's question or a /healthz request handled while the report is built.
    let turns = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!settled) turns++;
    }
    expect(turns).toBeGreaterThan(0);
    expect(await building).toEqual(await gapReport(log, { days: 7, limit: 1000 }));
  });

  it('are reused by the buttons under them and by /kb gaps until the log changes, then built again', async () => {
    const log = await logOf(generatedGapQuestions(50), backend);
    let builds = 0;
    let clock = 0;
    const reports = new GapReports(log, { maxAgeMs: 60_000, clock: () => clock, build: (...args) => (builds++, buildInWorker(...args)) });
    const first = (await reports.report(7))!;
    expect(await reports.report(7)).toBe(first);
    const top = first[0]!;
    expect(await reports.row(7, top.id)).toEqual(top);
    expect(builds).toBe(1);

    // A member asks something new: the buttons under the report shown still act on its rows …
    log.record({ guildId: null, channelKind: 'slash', userId: '42', question: 'what happens to the quokka clause', reply: noMatch });
    expect(await reports.row(7, top.id)).toEqual(top);
    expect(builds).toBe(1);
    // … and /kb gaps shows the new question.
    const second = (await reports.report(7))!;
    expect(builds).toBe(2);
    expect(second.map((row) => row.question)).toContain('what happens to the quokka clause');

    log.dismiss(top.keys);
    expect((await reports.report(7))!.map((row) => row.id)).not.toContain(top.id);
    expect(builds).toBe(3);

    // Past its lifetime a report is not reused, even by a button.
    clock += 60_001;
    await reports.row(7, second[1]!.id);
    expect(builds).toBe(4);
  });

});

describe('the bot\'s cache of gap reports', () => {
  it('reuses a report for its whole lifetime, to the millisecond, and builds it again after', async () => {
    const log = await logOf(generatedGapQuestions(5));
    let builds = 0;
    let clock = 0;
    const reports = new GapReports(log, { maxAgeMs: 60_000, clock: () => clock, build: async (_files, _now, query) => (builds++, gapReport(log, query)) });
    await reports.report(7);
    clock = 60_000;
    await reports.report(7);
    expect(builds).toBe(1);
    clock = 60_001;
    await reports.report(7);
    expect(builds).toBe(2);
  });

  it('keeps the eight reports asked for last, and builds a failed one again', async () => {
    const log = await logOf(generatedGapQuestions(20));
    const built: number[] = [];
    let fail = false;
    const reports = new GapReports(log, { clock: () => 0, build: async (_files, _now, query) => (built.push(query.days), fail ? null : gapReport(log, query)) });
    for (let days = 1; days <= 9; days++) await reports.report(days);
    // The report of 1 day was the oldest of nine: it went; that of 2 days stays.
    await reports.report(2);
    await reports.report(1);
    expect(built).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);

    fail = true;
    expect(await reports.report(30)).toBeNull();
    fail = false;
    expect(await reports.report(30)).not.toBeNull();
    expect(built.slice(-2)).toEqual([30, 30]);
  });
});

describe('a gap report that cannot be built', () => {
  it('is null, with the reason logged, when the log cannot be read', async () => {
    const warnings: string[] = [];
    const rows = await buildInWorker({ kind: 'sqlite', files: ['/nonexistent/faqbot.sqlite'] }, Date.now(), { days: 7, limit: 10 }, { warn: (_: unknown, message: string) => warnings.push(message) } as never);
    expect(rows).toBeNull();
    expect(warnings.join('\n')).toContain('/nonexistent/faqbot.sqlite');
  });
});
