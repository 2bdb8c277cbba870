import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { gapReport } from './gapReport.ts';
import { openDatabaseForReading, openLogFileForReading, type LogFileReader } from './logReader.ts';

// Builds a gap report off the bot's thread: grouping thousands of questions takes a good part of a
// second, which would otherwise hold every member's reply. SQLite: the log is opened read-only (WAL:
// the bot keeps writing meanwhile). PostgreSQL: this thread opens its own connection and reads every
// host's rows, so neither the query's rows nor the grouping pass through the bot's thread. The bot's
// clock is sent, so the window is the one it asked for.
const request = z
  .object({
    source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('sqlite'), files: z.array(z.string()).min(1) }), z.object({ kind: z.literal('postgres'), url: z.string() })]),
    now: z.number(),
    query: z.object({ days: z.number(), limit: z.number(), guildId: z.string().nullable().default(null) }),
  })
  .parse(workerData);
const readers: LogFileReader[] = [];
let reply: { ok: true; rows: unknown } | { ok: false; problem: string };
try {
  if (request.source.kind === 'postgres') readers.push(await openDatabaseForReading(request.source.url));
  else for (const file of request.source.files) readers.push(openLogFileForReading(file));
  const rows = await gapReport(
    readers.map((reader) => ({ now: () => request.now, gapRows: reader.gapRows, statsRows: reader.statsRows })),
    request.query,
  );
  reply = rows === null ? { ok: false, problem: 'the question log could not be read' } : { ok: true, rows };
} catch (error) {
  reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
} finally {
  for (const reader of readers) await reader.close();
}
parentPort?.postMessage(reply);
