import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { statsChartPng } from '../questionLog/statsChart.ts';
import { formatStatsText, statsReport } from '../questionLog/statsReport.ts';
import { openQuestionLogForReport } from './openQuestionLog.ts';
import { parseReportArgs } from './reportArgs.ts';

const usage = `Questions per day by outcome, answer rate, helpful rate and top records: the /kb stats chart as a PNG file.

  npm run stats                           the last 7 days, chart to ./question-stats.png
  npm run stats -- --days 30 --out f.png  another window and file

Reads DATA_DIR/faqbot.sqlite (DATA_DIR as the bot uses it).`;

function main(): number {
  let args;
  try {
    args = parseReportArgs(process.argv.slice(2), ['out']);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const log = openQuestionLogForReport(process.env);
  if (!log) return 1;
  try {
    const stats = statsReport(log, { days: args.days });
    if (stats === null) {
      process.stderr.write(`The question log cannot be read: ${log.health().problem ?? 'unknown problem'}\n`);
      return 1;
    }
    const out = path.resolve(args.out ?? 'question-stats.png');
    writeFileSync(out, statsChartPng(stats));
    process.stdout.write(`${formatStatsText(stats)}\nChart written to ${out}\n`);
    return 0;
  } finally {
    log.close();
  }
}

process.exitCode = main();
