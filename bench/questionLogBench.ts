/**
 * The question log's part of `npm run bench`: what recording adds to each handled message on the
 * reply path (target ≤ 0.2 ms at p99, at 100 messages/s with the writes flushing in between), and
 * how big the database gets per 100,000 questions. A measurement: it prints numbers, asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withFeedback } from '../src/discord/feedback/withFeedback.ts';
import { renderForDiscord } from '../src/discord/sendReply.ts';
import { databaseFileName, QuestionLog } from '../src/questionLog/questionLog.ts';
import type { AnswerEngine } from '../src/search/answerEngine.ts';

const ratePerSecond = 100;
const messages = 1500;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A member id like Discord's, from a small crowd (members ask more than once). */
const memberId = (i: number) => String(100000000000000000n + BigInt((i * 7919) % 5000));

/**
 * Messages arrive on a 10 ms timer, as at 100 messages/s; each is answered (engine + render) and,
 * with a log, recorded and given its feedback buttons. `added` is the time of just that, per message;
 * `late` is how late a message started, which is where a slow flush between messages would show.
 */
async function runAtRate(engine: AnswerEngine, questions: readonly string[], log: QuestionLog | null): Promise<{ added: number[]; late: number[] }> {
  const added: number[] = [];
  const late: number[] = [];
  const replies = questions.map((question) => ({ question, reply: engine.ask(question) }));
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const due = started + (i * 1000) / ratePerSecond;
      late.push(Math.max(0, performance.now() - due));
      const { question, reply } = replies[i % replies.length]!;
      const rendered = renderForDiscord(reply, { showConfidence: true });
      if (log) {
        const begin = performance.now();
        const id = log.record({ guildId: '900000000000000000', channelKind: 'channel', userId: memberId(i), question, reply });
        withFeedback(rendered, reply, id);
        added.push(performance.now() - begin);
      }
      i++;
      if (i >= messages) return resolve();
      setTimeout(tick, Math.max(0, started + (i * 1000) / ratePerSecond - performance.now()));
    };
    setTimeout(tick, 0);
  });
  return { added, late };
}

function sizeOf(file: string): number {
  return [file, `${file}-wal`, `${file}-shm`].reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
}

export async function benchQuestionLog(engine: AnswerEngine, questions: readonly string[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-bench-qlog-'));
  try {
    console.log(`\nQuestion log: ${messages} messages at ${ratePerSecond}/s, writes flushed on their timer in between`);
    const without = await runAtRate(engine, questions, null);
    const log = new QuestionLog({ dataDir: dir, enabled: true, retentionDays: 30 });
    const withLog = await runAtRate(engine, questions, log);
    log.flush();
    const added = [...withLog.added].sort((a, b) => a - b);
    const lateWithout = [...without.late].sort((a, b) => a - b);
    const lateWith = [...withLog.late].sort((a, b) => a - b);
    console.log(`  added on the reply path (record + feedback buttons): p50 ${percentile(added, 50).toFixed(4)} ms, p99 ${percentile(added, 99).toFixed(4)} ms, max ${(added.at(-1) ?? 0).toFixed(3)} ms (target p99 ≤ 0.2 ms)`);
    console.log(`  start delay of a message (event loop busy): p99 ${percentile(lateWithout, 99).toFixed(3)} ms without the log, ${percentile(lateWith, 99).toFixed(3)} ms with it`);
    log.close();

    // Size: 100,000 questions from 5,000 members, the real question set's phrasings, one vote per ten.
    const sizeDir = path.join(dir, 'size');
    const sizeLog = new QuestionLog({ dataDir: sizeDir, enabled: true, retentionDays: 30, flushDelayMs: 1_000_000 });
    const replies = questions.map((question) => ({ question, reply: engine.ask(question) }));
    const startedAt = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const { question, reply } = replies[i % replies.length]!;
      const id = sizeLog.record({ guildId: '900000000000000000', channelKind: 'channel', userId: memberId(i), question, reply });
      if (id && i % 10 === 0) sizeLog.vote(id, memberId(i), i % 20 === 0);
      if (i % 1000 === 999) sizeLog.flush();
    }
    sizeLog.flush();
    const writeMs = performance.now() - startedAt;
    // Closing checkpoints the write-ahead log into the database file: what is left is the database.
    sizeLog.close();
    const bytes = sizeOf(path.join(sizeDir, databaseFileName));
    console.log(`  database for 100,000 questions (+10,000 votes): ${(bytes / 2 ** 20).toFixed(1)} MiB (${Math.round(bytes / 100_000)} bytes a question); written in ${(writeMs / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
