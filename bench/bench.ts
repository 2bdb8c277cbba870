/**
 * `npm run bench [-- --records N]`: query latency, index build time, memory and ranking quality of
 * the answer engine, with Fuse, MiniSearch and FlexSearch as baselines over the same phrasings in the
 * same process (on generated knowledge per kind of query: typo'd, paraphrased, both, beside the
 * scale study's figures), then the event loop's delay while the bot reloads a generated knowledge base and
 * while a moderator edits one of its records, and
 * what the question log adds per handled message and how much disk it takes, and how long the gap
 * review takes over thousands of different questions.
 * A measurement, not a test: it prints numbers, and only checks that its generated knowledge and
 * queries are what their labels say.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createAnswerEngine } from '../src/answer/answerEngine.ts';
import { benchGaps } from './gapsBench.ts';
import { benchQuestionLog } from './questionLogBench.ts';
import { botNodeFlags, measureReload, type KnowledgeChange, type ReloadMeasurement } from './reloadDelay.ts';
import { assertQueriesAsLabelled, generatedQueries, queryKinds, type QueryKind } from './generatedQueries.ts';
import { baselineSearchers, engineSearcher, heapUsedAfterGc, type Searcher } from './searchers.ts';
import { assertKnowledgeAsLabelled, syntheticKnowledge } from './syntheticKnowledge.ts';
import { percentile } from './measure.ts';

const options = z
  .object({ records: z.coerce.number().int().min(100).max(200_000).default(10_000), 'skip-reload': z.boolean().default(false) })
  .parse(parseArgs({ options: { records: { type: 'string' }, 'skip-reload': { type: 'boolean' } } }).values);

const fixtureQuestions = readFileSync(fileURLToPath(new URL('../test/fixtures/questions.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);

function latency(searcher: Searcher, questions: readonly string[], rounds: number): { p50: number; p99: number } {
  for (const question of questions.slice(0, 50)) searcher.search(question); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const start = performance.now();
      searcher.search(question);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const percent = (right: number, of: number) => (of === 0 ? '–' : `${((100 * right) / of).toFixed(1)}%`);

/** Builds each searcher in turn (the others released), so its heap is its own. */
function compare(
  label: string,
  knowledge: Knowledge,
  questions: readonly string[],
  rounds: number,
  isRight: (searcher: Searcher, question: string, index: number) => boolean,
  {
    slowBaselineQuestions = questions.length,
    kindOf,
    reference,
  }: {
    slowBaselineQuestions?: number;
    /** Each question's kind, to report top-1 per kind as well. */
    kindOf?: (index: number) => QueryKind;
    /** Figures to print beside each searcher's, by its name. */
    reference?: { readonly label: string; readonly figures: Readonly<Record<string, string>> };
  } = {},
): void {
  console.log(`\n${label}`);
  console.log(`  searcher                  build      heap      p50 ms    p99 ms   top-1 right${kindOf ? `   ${queryKinds.join(' / ')}` : ''}`);
  if (reference) console.log(`  (beside each: ${reference.label})`);
  for (const make of [engineSearcher, ...baselineSearchers]) {
    const heapBefore = heapUsedAfterGc();
    const start = performance.now();
    const searcher = make(knowledge);
    const buildMs = performance.now() - start;
    const heap = heapUsedAfterGc() - heapBefore;
    // Fuse scans every phrasing per question, and fuzzy MiniSearch expands every word: at thousands of
    // records they get a sample of the questions. Baselines are asked each question once.
    const asked = searcher.slow ? questions.slice(0, slowBaselineQuestions) : questions;
    const { p50, p99 } = latency(searcher, asked, searcher.name === 'answer engine' ? rounds : 1);
    const rightByQuestion = asked.map((question, i) => isRight(searcher, question, i));
    const right = rightByQuestion.filter(Boolean).length;
    const share = `${right}/${asked.length} (${percent(right, asked.length)})`;
    const byKind = kindOf
      ? queryKinds
          .map((kind) => {
            const ofKind = rightByQuestion.filter((_, i) => kindOf(i) === kind);
            return percent(ofKind.filter(Boolean).length, ofKind.length);
          })
          .join(' / ')
      : '';
    const beside = reference?.figures[searcher.name];
    console.log(
      `  ${searcher.name.padEnd(22)} ${`${(buildMs / 1000).toFixed(2)} s`.padStart(8)} ${mib(heap).padStart(9)} ${p50.toFixed(3).padStart(10)} ${p99.toFixed(3).padStart(9)}   ${share}${byKind ? `   ${byKind}` : ''}${beside ? `   [${beside}]` : ''}`,
    );
  }
}

/** Does the record a searcher ranks first hold the facts a right reply needs? */
function factsJudge(knowledge: Knowledge): { questions: string[]; isRight: (searcher: Searcher, question: string, index: number) => boolean } {
  const textOf = new Map<string, string>([
    ...knowledge.faq.map((faq) => [faq.id, `${faq.question} ${faq.answer} ${faq.quote ?? ''}`] as const),
    ...knowledge.terms.map((term) => [term.id, `${term.term} ${term.definition}`] as const),
    [knowledge.table.id, [...knowledge.table.columns, ...knowledge.table.rows.flatMap((row) => [row.feature, ...row.cells])].join(' ')],
  ]);
  const items = ['questions.jsonl', 'holdout.jsonl', 'holdout2.jsonl'].flatMap((name) =>
    readFileSync(fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url)), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { q: string; facts?: string[][] })
      .filter((item): item is { q: string; facts: string[][] } => item.facts !== undefined),
  );
  return {
    questions: items.map((item) => item.q),
    isRight: (searcher, _question, i) => {
      const item = items[i];
      const text = (textOf.get(searcher.top(item?.q ?? '') ?? '') ?? '').toLowerCase();
      return item !== undefined && item.facts.every((group) => group.some((fact) => text.includes(fact.toLowerCase())));
    },
  };
}

const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
const real = loaded.knowledge;
console.log(`Node ${process.version}, one thread. Latency is wall clock per question (performance.now); heap is heap used after a full GC.`);

const judge = factsJudge(real);
compare(
  `Real knowledge: ${real.faq.length + real.terms.length + 1} records; the ${judge.questions.length} answerable questions of questions, holdout and holdout2 (top-1: the first-ranked record holds the facts; no thresholds)`,
  real,
  judge.questions,
  20,
  judge.isRight,
);
// The fixtures' questions, on the real knowledge, for latency only (off-topic and chatter included).
const engine = engineSearcher(real);
const plain = latency(engine, fixtureQuestions, 50);
console.log(`  engine on questions.jsonl (${fixtureQuestions.length}, answerable or not): p50 ${plain.p50.toFixed(3)} ms, p99 ${plain.p99.toFixed(3)} ms`);

function reloadInBotProcess(records: number, change: KnowledgeChange): ReloadMeasurement {
  const child = spawnSync(process.execPath, [...botNodeFlags, ...process.execArgv, fileURLToPath(new URL('./reloadChild.ts', import.meta.url)), String(records), change], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (child.status !== 0) throw new Error(`the reload measurement's process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ReloadMeasurement;
}

/**
 * What the scale study found on its own generated knowledge (another generator, the real records
 * beside 10,000 or 50,000 generated ones) with queries of the same three kinds, the searchers
 * configured as here: top-1 overall = typo / paraphrased / both. MiniSearch and Fuse were asked the
 * first 100 of its 500 queries at 10,000 records (Fuse only 10: too few to tell).
 */
const studyReference = {
  label: 'the scale study, top-1 = typo / paraphrased / both',
  figures: {
    'answer engine': '10,029 records: 95.0% = 98.8% / 92.8% / 93.4%; 50,029: 92.8% = 97.6% / 91.0% / 89.8%',
    'MiniSearch 7, fuzzy': '10,029 records, 100 queries: 95% = 100% / 97.0% / 87.9%',
    'FlexSearch 0.8, suggest': '10,029 records: 68.0% = 79.0% / 72.5% / 52.4%',
  },
};

const generated = syntheticKnowledge(real, options.records);
assertKnowledgeAsLabelled(generated, options.records);
const queryCount = Math.min(500, options.records);
const queries = generatedQueries(generated, queryCount);
const variety = assertQueriesAsLabelled(generated, queries, queryCount);
compare(
  `Generated knowledge: ${generated.faq.length + generated.terms.length + 1} records (${options.records} generated, every phrasing its own); ` +
    `${queries.length} queries, each from a different generated record's phrasing: ${variety.byKind.typo} with one or two words misspelt, ` +
    `${variety.byKind.paraphrased} paraphrased (asked in a chat's words, a word dropped, a word replaced by a related one in ${variety.withRelatedWord} of the paraphrases and both, two words swapped), ` +
    `${variety.byKind.both} paraphrased with one misspelt (top-1: that record)`,
  generated,
  queries.map((query) => query.text),
  5,
  (searcher, question, i) => searcher.top(question) === queries[i]?.recordId,
  { slowBaselineQuestions: 100, kindOf: (i) => queries[i]?.kind ?? 'typo', reference: studyReference },
);

if (!options['skip-reload']) {
  const describe = (how: string, reload: ReloadMeasurement) =>
    console.log(
      `  ${how}: done in ${(reload.reloadMs / 1000).toFixed(1)} s, event loop delay max ${reload.maxDelayMs.toFixed(1)} ms, p99 ${reload.p99DelayMs.toFixed(1)} ms; ` +
        `${reload.answered} questions answered meanwhile, the slowest in ${reload.slowestAnswerMs.toFixed(1)} ms`,
    );
  console.log(`\nReloading ${generated.faq.length} FAQ records while asking a question every 10 ms`);
  describe("in this process (node's default heap settings)", await measureReload(generated));
  describe(`in a process started as npm start starts the bot (${botNodeFlags.join(' ')})`, reloadInBotProcess(options.records, 'file'));
  console.log(`\nA moderator's edit of one of ${generated.faq.length} FAQ records (open it, save one more alternate, reload), asking a question every 10 ms`);
  describe(`in a process started as npm start starts the bot`, reloadInBotProcess(options.records, 'edit'));
}
await benchQuestionLog(createAnswerEngine(real), fixtureQuestions);
await benchGaps();
const { rss } = process.memoryUsage();
console.log(`\nProcess RSS at the end: ${mib(rss)}`);
