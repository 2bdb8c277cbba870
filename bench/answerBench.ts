/**
 * `npx tsx bench/answerBench.ts`: what MEANING costs the bot per question and at start. Each
 * question of the project's sets is answered as the Discord handlers answer it (`answerQuestion`:
 * read, the encoder's neighbours from its worker thread, decide), with MEANING off and on, on the
 * real knowledge: p50 and p99 over 3 rounds, of the time taken and of the CPU time the process (its
 * worker included) spent, which other work on the machine inflates less. Then the time from starting
 * the encoder (a new worker, the model loaded) to its index being ready, with an empty cache and
 * with the cache written, and the process's RSS with one encoder, as the bot runs it (the worker is
 * in the same process; measured before a second one is started, as a worker ended leaves some of its
 * memory to the process). A measurement, not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { meaningEngineOptions } from '../src/app/meaning.ts';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import { loadDecisionModel } from '../src/meaning/fusedDecision.ts';
import { startMeaningSearch, type MeaningSearch } from '../src/meaning/meaningSearch.ts';
import { createAnswerEngine, type AnswerEngine } from '../src/answer/answerEngine.ts';
import { percentile, fixtureQuestions } from './measure.ts';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const questions = fixtureQuestions(['questions', 'styles', 'holdout', 'holdout2']);

const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge must be valid');
const { knowledge } = loaded;
const dir = await mkdtemp(path.join(tmpdir(), 'faq-answer-bench-'));

async function perQuestion(name: string, engine: AnswerEngine, meaning?: MeaningSearch) {
  for (const question of questions.slice(0, 30)) await answerQuestion(engine, question, { meaning }); // warm-up
  const samples: number[] = [];
  const cpu: number[] = [];
  const bestOf = new Array<number>(questions.length).fill(Infinity);
  for (let round = 0; round < 3; round++) {
    for (const [i, question] of questions.entries()) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await answerQuestion(engine, question, { meaning });
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      samples.push(ms);
      cpu.push((used.user + used.system) / 1000);
      bestOf[i] = Math.min(bestOf[i]!, ms);
    }
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  bestOf.sort((a, b) => a - b);
  // On a machine other work shares, a question is sometimes preempted: each question's best of the
  // three rounds is closer to what it costs on a quiet one.
  console.log(
    `${name}: per question (${questions.length} x 3) p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms; ` +
      `best of 3: p50 ${percentile(bestOf, 50).toFixed(2)} ms, p99 ${percentile(bestOf, 99).toFixed(2)} ms; ` +
      `CPU time: p50 ${percentile(cpu, 50).toFixed(2)} ms, p99 ${percentile(cpu, 99).toFixed(2)} ms`,
  );
}

await perQuestion('MEANING=off', createAnswerEngine(knowledge));
const rssLexical = process.memoryUsage().rss;
console.log(`RSS, lexical engine only: ${mib(rssLexical)}`);

const cacheFile = path.join(dir, 'embeddings.bin');
const model = loadDecisionModel();
async function startToReady(label: string): Promise<MeaningSearch> {
  const started = performance.now();
  const search = startMeaningSearch(knowledge, { cacheFile, classifierTemperature: model.classifierTemperature });
  const report = await search.firstIndex;
  console.log(`${label}: ready ${(performance.now() - started).toFixed(0)} ms after start (model load included), ${report.embedded} of ${report.phrasings} phrasings embedded`);
  return search;
}
const search = await startToReady('Encoder, empty cache');
await perQuestion('MEANING=on ', createAnswerEngine(knowledge, meaningEngineOptions(model)), search);
console.log(`RSS with the encoder ready: ${mib(process.memoryUsage().rss)} (+${mib(process.memoryUsage().rss - rssLexical)}); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await search.close();
await (await startToReady('Encoder, cache written')).close();
await rm(dir, { recursive: true, force: true });
