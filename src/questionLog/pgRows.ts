import type pg from 'pg';
import type { LogRows, ReportWindow } from './logStore.ts';

// The reports' SQL on the PostgreSQL question log: the same rows, by the same names, as sqliteRows.ts reads.

const gapQuery = `
  SELECT q.question, q.normalized, q.status, q.at, q.suggestions,
    (SELECT COUNT(*)::int FROM faqbot.votes v WHERE v.question_id = q.id AND v.helpful = 0) AS down,
    (SELECT COUNT(*)::int FROM faqbot.votes v WHERE v.question_id = q.id AND v.helpful = 1) AS up
  FROM faqbot.questions q LEFT JOIN faqbot.dismissed d ON d.normalized = q.normalized
  WHERE q.at >= $1 AND (d.at IS NULL OR q.at > d.at) AND ($2::text IS NULL OR q.guild_id = $2)
  ORDER BY q.at, q.id`;
const labelQuery = 'SELECT normalized, kind, record_id FROM faqbot.labels WHERE at >= $1 AND ($2::text IS NULL OR guild_id = $2)';

const byDayQuery = `SELECT to_char(to_timestamp(at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, status, COUNT(*)::int AS n
  FROM faqbot.questions WHERE at >= $1 AND ($2::text IS NULL OR guild_id = $2) GROUP BY day, status`;
const votesQuery = 'SELECT helpful::int AS helpful, COUNT(*)::int AS n FROM faqbot.votes WHERE at >= $1 AND $2::text IS NULL GROUP BY helpful';
const votesInServerQuery = `SELECT v.helpful::int AS helpful, COUNT(*)::int AS n FROM faqbot.votes v JOIN faqbot.questions q ON q.id = v.question_id
  WHERE v.at >= $1 AND q.guild_id = $2 GROUP BY v.helpful`;
const recordsQuery = `SELECT kind, record_id, COUNT(*)::int AS n FROM faqbot.questions
  WHERE at >= $1 AND status = 'answered' AND record_id IS NOT NULL AND ($2::text IS NULL OR guild_id = $2) GROUP BY kind, record_id`;

/** The report rows of the PostgreSQL question log, every host's. */
export function pgRows(pool: () => pg.Pool): LogRows {
  const params = ({ since, guildId }: ReportWindow) => [since, guildId];
  return {
    async gapRows(window) {
      const [questions, labels] = await Promise.all([pool().query(gapQuery, params(window)), pool().query(labelQuery, params(window))]);
      return { questions: questions.rows, labels: labels.rows };
    },
    async statsRows(window) {
      const [byDay, votes, records] = await Promise.all([
        pool().query(byDayQuery, params(window)),
        pool().query(window.guildId === null ? votesQuery : votesInServerQuery, params(window)),
        pool().query(recordsQuery, params(window)),
      ]);
      return { byDay: byDay.rows, votes: votes.rows, records: records.rows };
    },
  };
}
