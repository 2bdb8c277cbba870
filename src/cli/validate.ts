import path from 'node:path';
import { parseArgs } from 'node:util';
import { knowledgeDirFromEnv } from '../config/cliEnv.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../knowledge/loadKnowledge.ts';

const usage = 'Usage: npm run validate [-- DIR]   (default: KNOWLEDGE_DIR, else ./knowledge)';

async function main(): Promise<number> {
  let dir: string;
  try {
    const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
    if (positionals.length > 1) throw new Error('give at most one folder');
    dir = positionals[0] ? path.resolve(positionals[0]) : knowledgeDirFromEnv();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }

  const result = await loadKnowledge(dir);
  if (!result.ok) {
    const count = result.problems.length;
    process.stderr.write(`✗ ${count} problem${count === 1 ? '' : 's'} in ${dir}:\n`);
    for (const problem of result.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    process.stderr.write('\nNothing was changed. Fix the lines above and run the check again.\n');
    return 1;
  }
  const { knowledge } = result;
  process.stdout.write(
    `✓ ${dir} is valid: ${knowledge.faq.length} FAQ records, ${knowledge.terms.length} terms, ` +
      `a table with ${knowledge.table.rows.length} rows, ${knowledge.sources.length} sources, ` +
      `${Object.keys(knowledge.synonyms).length} synonym groups.\n`,
  );
  return 0;
}

process.exitCode = await main();
