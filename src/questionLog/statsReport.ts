import { z } from 'zod';
import { nowOf, readFromEach, type LogReader } from './logReader.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface DayCounts {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly answered: number;
  readonly suggestions: number;
  readonly noMatch: number;
}

export interface StatsReport {
  readonly days: number;
  readonly perDay: readonly DayCounts[];
  readonly total: number;
  readonly answered: number;
  /** Answered over all questions; null with no questions. */
  readonly answerRate: number | null;
  readonly helpful: number;
  readonly notHelpful: number;
  /** Helpful over all votes; null with no votes. */
  readonly helpfulRate: number | null;
  readonly topRecords: readonly { readonly record: string; readonly count: number }[];
}

const dayRow = z.object({ day: z.string(), status: z.enum(['answered', 'suggestions', 'no_match']), n: z.number().int() });
const voteRow = z.object({ helpful: z.number().int(), n: z.number().int() });
const recordRow = z.object({ kind: z.string(), record_id: z.string(), n: z.number().int() });

/**
 * Questions per day by outcome, answer and helpful rates and the most given records; several logs
 * (one per host) are counted as one. Null when a log cannot be read.
 */
export async function statsReport(logs: LogReader | readonly LogReader[], { days, guildId = null }: { days: number; guildId?: string | null }): Promise<StatsReport | null> {
  const since = startOfUtcDay(nowOf(logs)) - (days - 1) * dayMs;
  // guildId: one server's questions, and the votes on them, only (a moderator of another server than the knowledge servers).
  const window = { since, guildId };
  const read = await readFromEach(logs, async (log) => {
    const rows = await log.statsRows(window);
    return rows === null ? null : { byDay: rows.byDay, votes: rows.votes, records: rows.records };
  });
  if (read === null) return null;

  const perDay = new Map<string, { answered: number; suggestions: number; noMatch: number }>();
  for (let i = 0; i < days; i++) perDay.set(new Date(since + i * dayMs).toISOString().slice(0, 10), { answered: 0, suggestions: 0, noMatch: 0 });
  for (const raw of read.byDay) {
    const row = dayRow.safeParse(raw);
    const counts = row.success ? perDay.get(row.data.day) : undefined;
    if (!row.success || !counts) continue;
    if (row.data.status === 'answered') counts.answered += row.data.n;
    else if (row.data.status === 'suggestions') counts.suggestions += row.data.n;
    else counts.noMatch += row.data.n;
  }
  const days_ = [...perDay.entries()].map(([day, counts]) => ({ day, ...counts }));
  const total = days_.reduce((sum, d) => sum + d.answered + d.suggestions + d.noMatch, 0);
  const answered = days_.reduce((sum, d) => sum + d.answered, 0);
  let helpful = 0;
  let notHelpful = 0;
  for (const raw of read.votes) {
    const row = voteRow.safeParse(raw);
    if (!row.success) continue;
    if (row.data.helpful === 1) helpful += row.data.n;
    else notHelpful += row.data.n;
  }
  const recordCounts = new Map<string, number>();
  for (const raw of read.records) {
    const row = recordRow.safeParse(raw);
    if (!row.success) continue;
    const record = row.data.kind === 'table' ? 'table' : `${row.data.kind}:${row.data.record_id}`;
    recordCounts.set(record, (recordCounts.get(record) ?? 0) + row.data.n);
  }
  const topRecords = [...recordCounts.entries()]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 5)
    .map(([record, count]) => ({ record, count }));
  return {
    days,
    perDay: days_,
    total,
    answered,
    answerRate: total === 0 ? null : answered / total,
    helpful,
    notHelpful,
    helpfulRate: helpful + notHelpful === 0 ? null : helpful / (helpful + notHelpful),
    topRecords,
  };
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / dayMs) * dayMs;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** The figures as text, for the reply and the terminal. */
export function formatStatsText(stats: StatsReport): string {
  const lines = [
    `Last ${stats.days} day${stats.days === 1 ? '' : 's'}: ${stats.total} question${stats.total === 1 ? '' : 's'}, ${stats.answered} answered (answer rate ${percent(stats.answerRate)}).`,
    `Feedback: ${stats.helpful} helpful, ${stats.notHelpful} not helpful (helpful rate ${percent(stats.helpfulRate)}).`,
  ];
  if (stats.topRecords.length > 0) lines.push(`Top records: ${stats.topRecords.map((r) => `${r.record} (${r.count})`).join(', ')}.`);
  return lines.join('\n');
}
