import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { statsChartPng } from '../questionLog/statsChart.ts';
import { formatStatsText, statsReport } from '../questionLog/statsReport.ts';
import { logsUsage, runReport } from './openQuestionLog.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const usage = `Questions per day by outcome, answer rate, helpful rate and top records: the /kb stats chart as a PNG file.

  npm run stats                           the last 7 days, chart to ./question-stats.png
  npm run stats -- --days 30 --out f.png  another window and file

${logsUsage}`;

function main(): Promise<number> {
  return runReport(usage, ['out'], async (logs, args) => {
    const stats = await statsReport(logs, { days: args.days });
    if (stats === null) return 1;
    const out = path.resolve(args.out ?? 'question-stats.png');
    writeFileSync(out, statsChartPng(stats));
    process.stdout.write(`${formatStatsText(stats)}\nChart written to ${out}\n`);
    return 0;
  });
}

process.exitCode = await main();
