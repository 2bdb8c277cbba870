import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Reply } from '../../src/reply/replyModel.ts';
import { QuestionLog, type QuestionLogOptions } from '../../src/questionLog/questionLog.ts';

export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-qlog-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A DATA_DIR the bot cannot write. File modes do not stop root (these tests may run as root in
 * CI containers), so as root it is a folder under /sys, where nobody may create anything.
 */
export async function unwritableDataDir(): Promise<{ dir: string; restore: () => Promise<void> }> {
  if (process.getuid?.() === 0) return { dir: '/sys/faq-bot-data', restore: async () => undefined };
  const { dir, remove } = await tempDataDir();
  await chmod(dir, 0o555);
  return { dir, restore: async () => (await chmod(dir, 0o755), await remove()) };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 1, 12)): { now: () => number; advanceDays: (days: number) => void } {
  let time = start;
  return { now: () => time, advanceDays: (days) => void (time += days * 24 * 60 * 60 * 1000) };
}

export const noMatch: Pick<Reply, 'status' | 'kind' | 'id' | 'confidence' | 'suggestions'> = { status: 'no_match', kind: null, id: null, confidence: 0, suggestions: [] };
export const answered = (id: string): Pick<Reply, 'status' | 'kind' | 'id' | 'confidence' | 'suggestions'> => ({ status: 'answered', kind: 'faq', id, confidence: 0.9, suggestions: [] });

export function openLog(dataDir: string, options: Partial<QuestionLogOptions> = {}): QuestionLog {
  return new QuestionLog({ dataDir, enabled: true, retentionDays: 30, flushDelayMs: 5, ...options });
}
