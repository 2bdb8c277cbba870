/**
 * `npm run bench`: query latency, index build time and memory of the answer engine, with two
 * Fuse baselines over the same phrasings in the same run (default options, and token search), and
 * what the question log adds per handled message and how much disk it takes.
 * A measurement, not a test: it prints numbers and asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createAnswerEngine } from '../src/search/answerEngine.ts';
import { syntheticKnowledge } from './syntheticKnowledge.ts';
import { benchQuestionLog } from './questionLogBench.ts';

interface Searcher {
  readonly name: string;
  search(question: string): unknown;
  /** The id of the record it ranks first. */
  top(question: string): string | null;
}

const questions = readFileSync(fileURLToPath(new URL('../test/fixtures/questions.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);

function phrasingsOf(knowledge: Knowledge): { id: string; text: string }[] {
  return [
    ...knowledge.faq.flatMap((faq) => [faq.question, ...faq.alternates].map((text) => ({ id: faq.id, text }))),
    ...knowledge.terms.flatMap((term) => [term.term, ...term.aliases].map((text) => ({ id: term.id, text }))),
    ...knowledge.table.triggers.map((text) => ({ id: knowledge.table.id, text })),
  ];
}

function timed<T>(make: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = make();
  return { value, ms: performance.now() - start };
}

function buildSearchers(knowledge: Knowledge): { searcher: Searcher; buildMs: number }[] {
  const docs = phrasingsOf(knowledge);
  const engine = timed(() => createAnswerEngine(knowledge));
  const fuseDefault = timed(() => new Fuse(docs, { keys: ['text'] }));
  const fuseTokens = timed(() => new Fuse(docs, { keys: ['text'], useTokenSearch: true }));
  return [
    {
      searcher: { name: 'answer engine', search: (q) => engine.value.ask(q), top: (q) => engine.value.explain(q).candidates[0]?.record.id ?? null },
      buildMs: engine.ms,
    },
    {
      searcher: { name: 'Fuse, default options', search: (q) => fuseDefault.value.search(q, { limit: 5 }), top: (q) => fuseDefault.value.search(q, { limit: 1 })[0]?.item.id ?? null },
      buildMs: fuseDefault.ms,
    },
    {
      searcher: { name: 'Fuse, useTokenSearch', search: (q) => fuseTokens.value.search(q, { limit: 5 }), top: (q) => fuseTokens.value.search(q, { limit: 1 })[0]?.item.id ?? null },
      buildMs: fuseTokens.ms,
    },
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function measure(searcher: Searcher, rounds: number): { p50: number; p99: number; max: number } {
  for (const question of questions) searcher.search(question); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const start = performance.now();
      searcher.search(question);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? Number.NaN };
}

/** `rounds` for the engine; the far slower baselines get `baselineRounds`. */
function report(label: string, knowledge: Knowledge, rounds: number, baselineRounds = rounds): void {
  const records = knowledge.faq.length + knowledge.terms.length + 1;
  console.log(
    `\n${label}: ${records} records, ${phrasingsOf(knowledge).length} phrasings, ${questions.length} questions × ${rounds} rounds` +
      (baselineRounds === rounds ? '' : ` (baselines × ${baselineRounds})`),
  );
  console.log('  searcher                 build ms    p50 ms    p99 ms    max ms');
  let engineP99 = Number.NaN;
  for (const { searcher, buildMs } of buildSearchers(knowledge)) {
    const { p50, p99, max } = measure(searcher, searcher.name === 'answer engine' ? rounds : baselineRounds);
    if (searcher.name === 'answer engine') engineP99 = p99;
    const ratio = searcher.name === 'answer engine' ? '' : `   (${(p99 / engineP99).toFixed(1)}× the engine's p99)`;
    console.log(`  ${searcher.name.padEnd(22)} ${buildMs.toFixed(1).padStart(9)} ${p50.toFixed(3).padStart(9)} ${p99.toFixed(3).padStart(9)} ${max.toFixed(3).padStart(9)}${ratio}`);
  }
}

/**
 * Top-1 accuracy on the answerable questions of the project's question sets: does the record each
 * searcher ranks first hold the facts a correct reply needs? No thresholds, so the baselines are
 * judged on ranking alone, which is the part Fuse's options change.
 */
function reportTopOneAccuracy(knowledge: Knowledge): void {
  const textOf = new Map<string, string>([
    ...knowledge.faq.map((faq) => [faq.id, `${faq.question} ${faq.answer} ${faq.quote ?? ''}`] as const),
    ...knowledge.terms.map((term) => [term.id, `${term.term} ${term.definition}`] as const),
    [knowledge.table.id, [...knowledge.table.columns, ...knowledge.table.rows.flatMap((row) => [row.feature, ...row.cells])].join(' ')],
  ]);
  const sets = ['questions.jsonl', 'holdout.jsonl'].map((name) => ({
    name,
    items: readFileSync(fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url)), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { q: string; facts?: string[][] })
      .filter((item) => item.facts),
  }));
  console.log('\nTop-1 record holds the facts (answerable questions; no thresholds):');
  for (const { searcher } of buildSearchers(knowledge)) {
    const results = sets.map(({ name, items }) => {
      const correct = items.filter((item) => {
        const text = (textOf.get(searcher.top(item.q) ?? '') ?? '').toLowerCase();
        return item.facts?.every((group) => group.some((fact) => text.includes(fact.toLowerCase())));
      }).length;
      return `${name} ${correct}/${items.length}`;
    });
    console.log(`  ${searcher.name.padEnd(22)} ${results.join('   ')}`);
  }
}

const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
console.log(`Node ${process.version}, one thread. Times are wall clock per question (performance.now).`);
reportTopOneAccuracy(loaded.knowledge);
report('Real knowledge', loaded.knowledge, 50);
report('Generated knowledge', syntheticKnowledge(loaded.knowledge, 10_000), 20, 1);
await benchQuestionLog(createAnswerEngine(loaded.knowledge), questions);
const { rss, heapUsed } = process.memoryUsage();
console.log(`\nProcess memory after both runs: RSS ${(rss / 2 ** 20).toFixed(0)} MiB, heap used ${(heapUsed / 2 ** 20).toFixed(0)} MiB`);
