/**
 * The gap review's part of `npm run bench` (or alone: `npx tsx bench/gapsBench.ts [1000 3000 …]`):
 * how long `npm run gaps` and `/kb gaps` take to group thousands of different unanswered
 * questions, and how late the bot's event loop gets meanwhile. A measurement: it prints numbers,
 * asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gapReport } from '../src/questionLog/gapReport.ts';
import { GapReports } from '../src/questionLog/gapReports.ts';
import { QuestionLog } from '../src/questionLog/questionLog.ts';
import { seededRandom } from './syntheticKnowledge.ts';

// Words members use about the subject, common ones first; the made-up ones make the long tail.
const common = `openai microsoft deal azure cloud license model agreement partnership revenue share compute exclusive
agi api access investment stake board nonprofit equity contract term research product customer data training
chips power datacenter pricing government security hardware future competitors google amazon`.split(/\s+/);
const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'gri', 'fen', 'hal', 'mor', 'tek'];
const openers = ['does the', 'can', 'what about the', 'is there any', 'how will the', 'why did the', 'who decides the', 'when does the'];

/**
 * `count` different questions the bot could not answer, as a busy server asks them: words drawn by
 * Zipf's law (a few in most questions, most rare), and every fifth one a near-copy of an earlier
 * one (a word added), which the report should fold into it.
 */
export function generatedGapQuestions(count: number, seed = count): string[] {
  const random = seededRandom(seed);
  const words = [...common];
  while (words.length < 5000) words.push(Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) cumulative.push((total += 1 / rank));
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return words[low] ?? 'cloud';
  };
  const questions: string[] = [];
  const seen = new Set<string>();
  while (questions.length < count) {
    const earlier = questions[Math.floor(random() * questions.length)];
    const question =
      earlier !== undefined && questions.length % 5 === 4
        ? `${earlier.replace(/\?$/, '')} ${word()}?`
        : `${openers[Math.floor(random() * openers.length)]} ${Array.from({ length: 3 + Math.floor(random() * 4) }, word).join(' ')}?`;
    if (seen.has(question)) continue;
    seen.add(question);
    questions.push(question);
  }
  return questions;
}

/** A question log in `dir` (or DATABASE_URL's database) holding `questions`, each asked once by its own member, none answered. */
export async function logOfGaps(where: { dataDir: string; databaseUrl?: string | undefined }, questions: readonly string[]): Promise<QuestionLog> {
  const start = Date.now() - 24 * 60 * 60 * 1000;
  let at = start;
  const log = new QuestionLog({ ...where, enabled: true, retentionDays: 30, flushDelayMs: 1_000_000, now: () => at });
  await log.ready();
  for (const [i, question] of questions.entries()) {
    at = start + i * 1000;
    log.record({ guildId: '900000000000000000', channelKind: 'channel', userId: String(100000000000000000n + BigInt(i)), question, reply: { status: 'no_match', confidence: { scale: 'score', value: 0 } } });
    if (i % 1000 === 999) await log.flush();
  }
  await log.flush();
  return log;
}

/** The longest the event loop waited while `work` ran: sampled by a 1 ms timer, as a member's question would wait. */
async function longestPause<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; maxPauseMs: number }> {
  let maxPauseMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxPauseMs = Math.max(maxPauseMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, maxPauseMs };
  } finally {
    clearInterval(timer);
  }
}

export async function benchGaps(sizes: readonly number[] = [1000, 3000, 10_000]): Promise<void> {
  console.log('\nGap review: N different unanswered questions (every fifth a near-copy of an earlier one), last 7 days');
  console.log('       N   npm run gaps (one thread)   /kb gaps (worker thread): done in, longest pause of the bot (idle as long)   button press after it');
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'faq-bench-gaps-'));
    try {
      const log = await logOfGaps({ dataDir: dir }, generatedGapQuestions(size));
      const started = performance.now();
      const rows = (await gapReport(log, { days: 7, limit: 1000 })) ?? [];
      const oneThreadMs = performance.now() - started;
      const reports = new GapReports(log);
      const built = await longestPause(() => reports.report(7));
      const press = await longestPause(() => reports.row(7, rows[0]?.id ?? ''));
      // What the machine itself adds to the pauses (other processes, the collector), over as long.
      const idle = await longestPause(() => new Promise((resolve) => setTimeout(resolve, built.ms)));
      console.log(
        `  ${String(size).padStart(6)}   ${`${(oneThreadMs / 1000).toFixed(2)} s`.padStart(9)} (${rows.length} rows)        ` +
          `${`${(built.ms / 1000).toFixed(2)} s`.padStart(7)}, ${built.maxPauseMs.toFixed(1).padStart(5)} ms (${idle.maxPauseMs.toFixed(1)} ms)${' '.repeat(27)}${press.ms.toFixed(1)} ms`,
      );
      await log.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  await benchGaps(sizes.length > 0 ? sizes : undefined);
}
