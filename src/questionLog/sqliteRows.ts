import type { Database } from 'better-sqlite3';
import type { LogRows, ReportWindow } from './logStore.ts';

// The reports' SQL on a SQLite question log (the bot's own, or a file opened read-only).

const gapQuery = `
  SELECT q.question, q.normalized, q.status, q.at, q.suggestions,
    (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.helpful = 0) AS down,
    (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.helpful = 1) AS up
  FROM questions q LEFT JOIN dismissed d ON d.normalized = q.normalized
  WHERE q.at >= @since AND (d.at IS NULL OR q.at > d.at) AND (@guildId IS NULL OR q.guild_id = @guildId)
  ORDER BY q.at, q.id`;
const labelQuery = 'SELECT normalized, kind, record_id FROM labels WHERE at >= @since AND (@guildId IS NULL OR guild_id = @guildId)';

const inServer = (column: string) => `(@guildId IS NULL OR ${column} = @guildId)`;
const byDayQuery = `SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, status, COUNT(*) AS n FROM questions WHERE at >= @since AND ${inServer('guild_id')} GROUP BY day, status`;
const votesQuery = 'SELECT helpful, COUNT(*) AS n FROM votes WHERE at >= @since GROUP BY helpful';
// One server's votes: those on its questions.
const votesInServerQuery = `SELECT v.helpful, COUNT(*) AS n FROM votes v JOIN questions q ON q.id = v.question_id
  WHERE v.at >= @since AND ${inServer('q.guild_id')} GROUP BY v.helpful`;
const recordsQuery = `SELECT kind, record_id, COUNT(*) AS n FROM questions WHERE at >= @since AND status = 'answered' AND record_id IS NOT NULL AND ${inServer('guild_id')} GROUP BY kind, record_id`;

/** The report rows of a SQLite question log (synchronous underneath: SQLite answers from the file). */
export function sqliteRows(db: () => Database): LogRows {
  return {
    gapRows: async (window: ReportWindow) => ({ questions: db().prepare(gapQuery).all(window), labels: db().prepare(labelQuery).all(window) }),
    statsRows: async (window: ReportWindow) => ({
      byDay: db().prepare(byDayQuery).all(window),
      votes: db().prepare(window.guildId === null ? votesQuery : votesInServerQuery).all(window),
      records: db().prepare(recordsQuery).all(window),
    }),
  };
}
