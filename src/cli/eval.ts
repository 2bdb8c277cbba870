import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { knowledgeDirFromEnv } from '../config/knowledgeSettings.ts';
import { readLimitsOrUsageError, toolMeaningOrUsageError } from './cliArgs.ts';
import { neighboursOf } from '../answer/answerQuestion.ts';
import type { MeaningMatch } from '../meaning/phrasingIndex.ts';
import { parseQuestionSet, QuestionSetError, rates, scoreQuestionSet, type StyleScore } from '../evaluation/questionSet.ts';
import { loadAnswererOrExit } from './loadEngine.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';

exitQuietlyWhenStdoutCloses();

const usage = `Score the bot on a question set, per style of question.

  npm run eval -- FILE.jsonl [--all] [--knowledge DIR]

Each line of FILE.jsonl is one question:
  {"q": "can openai use aws?", "facts": [["any cloud", "aws"]], "style": "slang"}
      answerable: right when answered and every inner list of "facts" has one of its strings in
      the reply (case-insensitive); optional "not": ["\\nyes"] lists strings a right reply must not
      contain ("\\n" first: at the start of a line); optional "previous": a first question, so "q" is
      a follow-up to the bot's answer to it
  {"q": "thanks bot!", "abstain": true, "style": "chatter"}
      must not be answered
Prints right / wrong (answered, but not with the facts: the worst outcome) / unsure (suggestions
or no answer) per style, off-topic held back, then the misses (12, or all with --all).
MEANING=on (the bot's setting) scores the bot with the sentence encoder.`;

const argsSchema = z.object({
  file: z.string().min(1),
  all: z.boolean(),
  knowledgeDir: z.string().min(1),
});

function parseEvalArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { all: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, knowledge: { type: 'string', short: 'k' } },
  });
  if (values.help) return null;
  return argsSchema.parse({
    file: positionals[0] ?? '',
    all: values.all ?? false,
    knowledgeDir: values.knowledge ? path.resolve(values.knowledge) : knowledgeDirFromEnv(process.env),
  });
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}%`;

function row(score: StyleScore): string {
  const { right, heldBack } = rates(score);
  const answerable = score.answerable
    ? `${String(score.answerable).padStart(10)} ${String(score.right).padStart(6)} ${String(score.wrong).padStart(6)} ${String(score.unsure).padStart(7)} ${percent(right).padStart(7)}`
    : ' '.repeat(40);
  const offTopic = score.offTopic ? `  | ${String(score.offTopic).padStart(9)} ${String(score.heldBack).padStart(9)} ${percent(heldBack).padStart(7)}` : '';
  return `${score.style.padEnd(12)}${answerable}${offTopic}`;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseEvalArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof z.ZodError ? 'Give a question set file.' : error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    process.exit(2);
  }
  if (!args) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let readLimits;
  let meaningSetting;
  try {
    readLimits = readLimitsOrUsageError(process.env);
    meaningSetting = toolMeaningOrUsageError(process.env, args.knowledgeDir);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  let questions;
  try {
    questions = parseQuestionSet(await readFile(args.file, 'utf8'), args.file);
  } catch (error) {
    process.stderr.write(`${error instanceof QuestionSetError ? error.message : `Cannot read ${args.file}: ${whyUnreadable(error)}`}\n`);
    process.exit(2);
  }
  const { engine, meaning, close } = await loadAnswererOrExit(args.knowledgeDir, readLimits, meaningSetting);
  // The encoder's neighbours of every question first (async, in its worker); then the sync scoring.
  const neighbours = new Map<string, readonly MeaningMatch[] | null>();
  for (const text of new Set(questions.flatMap((question) => [question.q, ...(question.previous ? [question.previous] : [])]))) {
    neighbours.set(text, await neighboursOf(engine, text, meaning));
  }
  await close();
  const score = scoreQuestionSet(engine, questions, (text) => neighbours.get(text) ?? null);

  const lines = [`${'style'.padEnd(12)}${'answerable'.padStart(10)} ${'right'.padStart(6)} ${'wrong'.padStart(6)} ${'unsure'.padStart(7)} ${'right%'.padStart(7)}  | ${'off-topic'.padStart(9)} ${'held back'.padStart(9)}`];
  lines.push(...score.styles.map(row), '-'.repeat(90), row(score.total), '');
  const misses = score.questions.filter(({ outcome }) => outcome !== 'right' && outcome !== 'held back');
  for (const miss of args.all ? misses : misses.slice(0, 12)) {
    lines.push(`${miss.outcome.toUpperCase().padEnd(18)} [${miss.question.style ?? ''}] ${miss.question.q} -> ${miss.got} (${miss.confidence})`);
  }
  if (!args.all && misses.length > 12) lines.push(`… ${misses.length - 12} more (--all)`);
  const { right, wrong, heldBack } = rates(score.total);
  lines.push(`answerable ${score.total.right}/${score.total.answerable} right (${percent(right)}), ${score.total.wrong} wrong (${percent(wrong)}), off-topic held back ${score.total.heldBack}/${score.total.offTopic} (${percent(heldBack)})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

/** Why a question set cannot be read, in words ("there is no such file"), not as an error code. */
function whyUnreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'there is no such file (check the path)';
  if (code === 'EISDIR') return 'it is a folder; give a .jsonl file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
