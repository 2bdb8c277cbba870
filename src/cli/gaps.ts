import 'dotenv/config';
import { gapReport, type GapRow } from '../questionLog/gapReport.ts';
import { logsUsage, runReport } from './openQuestionLog.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const usage = `The questions members asked that the bot did not answer well, near-identical phrasings grouped, most asked first.

  npm run gaps                      the last 7 days, for reading
  npm run gaps -- --days 30         another window
  npm run gaps -- --log a.sqlite --log b.sqlite   several hosts' SQLite logs as one
  npm run gaps -- --json            one JSON object per line:
                                    {"question","count","outcome","lastAsked","candidates":[{"kind","id"}]}

${logsUsage}`;

const outcomeText = { no_match: 'no answer', suggestions: 'only suggestions', not_helpful: 'answer voted not helpful' } as const;

function asJson(row: GapRow): string {
  return JSON.stringify({
    question: row.question,
    count: row.count,
    outcome: row.outcome,
    lastAsked: new Date(row.lastAsked).toISOString(),
    candidates: row.candidates.map(({ kind, id }) => ({ kind, id })),
  });
}

function asText(row: GapRow): string {
  const lines = [`${String(row.count).padStart(4)}×  ${JSON.stringify(row.question)} — ${outcomeText[row.outcome]}, last asked ${new Date(row.lastAsked).toISOString().slice(0, 16).replace('T', ' ')} UTC`];
  if (row.candidates.length > 0) lines.push(`       suggested: ${row.candidates.map((c) => `${c.kind}:${c.id}`).join(', ')}`);
  if (row.membersChose) lines.push(`       members chose ${row.membersChose.kind}:${row.membersChose.id} (${row.membersChose.picks}×)`);
  return lines.join('\n');
}

function main(): Promise<number> {
  return runReport(usage, ['json'], async (logs, args) => {
    const rows = await gapReport(logs, { days: args.days, limit: 1000 });
    if (rows === null) return 1;
    if (args.json) {
      for (const row of rows) process.stdout.write(`${asJson(row)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write(`No gaps in the last ${args.days} days: every question was answered and no answer was voted down.\n`);
      return 0;
    }
    process.stdout.write(`Questions the bot did not answer well, last ${args.days} days (most asked first):\n${rows.map(asText).join('\n')}\n`);
    return 0;
  });
}

process.exitCode = await main();
