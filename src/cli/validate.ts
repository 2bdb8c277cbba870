import 'dotenv/config';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { knowledgeDirFromEnv } from '../config/knowledgeSettings.ts';
import { readLimitsOrUsageError } from './cliArgs.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../knowledge/loadKnowledge.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { createAnswerEngine } from '../answer/answerEngine.ts';
import { askHeldOutPhrasings, type HeldOutReport } from '../answer/heldOutPhrasings.ts';
import { formatRegressionFailure, loadRegressions, regressionsFileName, runRegressions } from '../store/regressions.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const usage =
  'Usage: npm run validate [-- [--confusions] DIR]   (default: KNOWLEDGE_DIR, else the project\'s knowledge/)\n' +
  '  --confusions  also ask every FAQ phrasing with itself left out, and list those answered with another record';

async function main(): Promise<number> {
  let dir: string;
  let limits: { readonly maxFileBytes: number };
  let confusions: boolean;
  try {
    const { positionals, values } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { confusions: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    limits = readLimitsOrUsageError(process.env);
    confusions = values.confusions;
    if (positionals.length > 1) throw new Error('give at most one folder');
    dir = positionals[0] ? path.resolve(positionals[0]) : knowledgeDirFromEnv(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }

  const result = await loadKnowledge(dir, limits);
  if (!result.ok) {
    const count = result.problems.length;
    process.stderr.write(`✗ ${count} problem${count === 1 ? '' : 's'} in ${dir}:\n`);
    for (const problem of result.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    process.stderr.write('\nNothing was changed. Fix the lines above and run the check again.\n');
    return 1;
  }
  const { knowledge } = result;
  const withText = knowledge.sources.filter((source) => source.text !== undefined).length;
  process.stdout.write(
    `✓ ${dir} is valid: ${count(knowledge.faq.length, 'FAQ record')}, ${count(knowledge.terms.length, 'term')}, ` +
      `a table with ${count(knowledge.table.rows.length, 'row')}, ${count(knowledge.sources.length, 'source')}` +
      `${withText > 0 ? ` (quotes checked word for word against ${quotedTexts(withText, knowledge.sources.length)})` : ''}, ` +
      `${count(Object.keys(knowledge.synonyms).length, 'synonym group')}.\n`,
  );
  const regressions = await checkRegressions(dir, knowledge);
  if (confusions) process.stdout.write(describeHeldOut(askHeldOutPhrasings(knowledge)));
  return regressions;
}

/** The held-out phrasings as moderators read them: the tally, then each phrasing answered with another record. */
function describeHeldOut(report: HeldOutReport): string {
  const share = (n: number) => `${((100 * n) / Math.max(1, report.asked)).toFixed(1)}%`;
  const lines = [
    '',
    `Each FAQ phrasing asked with itself left out (${count(report.asked, 'phrasing')}): ` +
      `${share(report.right)} answered with their own record, ${share(report.wrong)} with another, ` +
      `${share(report.related)} with a related one, ${share(report.unsure)} not answered (suggestions or nothing).`,
  ];
  if (report.confusions.length === 0) return `${lines.join('\n')}\nNo phrasing is answered with another record.\n`;
  lines.push('Answered with another record (add a phrasing that tells the two apart, or move the phrasing):');
  for (const confusion of report.confusions) {
    lines.push(`  faq:${confusion.record}  "${confusion.phrasing}"  →  ${confusion.answeredWith}${confusion.related ? '  (related)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function quotedTexts(withText: number, total: number): string {
  if (withText < total) return `the text of ${withText} of them`;
  return total === 1 ? 'its text' : 'their texts';
}

/** Asks every regression question; lists each one that no longer reaches its record. */
async function checkRegressions(dir: string, knowledge: Knowledge): Promise<number> {
  const loaded = await loadRegressions(dir);
  if (!loaded.ok) {
    const count = loaded.problems.length;
    process.stderr.write(`✗ ${count} problem${count === 1 ? '' : 's'} in the regression questions:\n`);
    for (const problem of loaded.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    return 1;
  }
  if (loaded.file === null) {
    process.stdout.write(`No ${regressionsFileName} in ${dir}: no regression questions to check.\n`);
    return 0;
  }
  const report = runRegressions(createAnswerEngine(knowledge), loaded.regressions);
  if (report.failures.length === 0) {
    process.stdout.write(`✓ All ${report.total} regression questions in ${loaded.file} still reach their records.\n`);
    return 0;
  }
  process.stderr.write(`✗ ${report.failures.length} of ${report.total} regression questions now get a different answer:\n`);
  for (const failure of report.failures) process.stderr.write(`  ${formatRegressionFailure(failure)}\n`);
  process.stderr.write(
    '\nFix the knowledge (often an alternate or alias on the wrong record), or, if the new answer is right, ' +
      `change that question's "expect" in ${regressionsFileName}.\n`,
  );
  return 1;
}

process.exitCode = await main();
