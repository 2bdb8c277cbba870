import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { gapReport } from './gapReport.ts';
import { openLogFileForReading, type LogFileReader } from './logReader.ts';

// Builds a gap report off the bot's thread: grouping thousands of questions takes a good part of a
// second, which would otherwise hold every member's reply. The log is opened read-only (WAL: the
// bot keeps writing meanwhile); the bot's clock is sent, so the window is the one it asked for.
const request = z.object({ files: z.array(z.string()).min(1), now: z.number(), query: z.object({ days: z.number(), limit: z.number(), guildId: z.string().nullable().default(null) }) }).parse(workerData);
const readers: LogFileReader[] = [];
let reply: { ok: true; rows: unknown } | { ok: false; problem: string };
try {
  for (const file of request.files) readers.push(openLogFileForReading(file));
  const rows = gapReport(
    readers.map((reader) => ({ now: () => request.now, read: reader.read })),
    request.query,
  );
  reply = rows === null ? { ok: false, problem: 'the question log could not be read' } : { ok: true, rows };
} catch (error) {
  reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
} finally {
  for (const reader of readers) reader.close();
}
parentPort?.postMessage(reply);
