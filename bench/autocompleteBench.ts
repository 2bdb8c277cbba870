/**
 * `npm run bench:autocomplete`: what autocomplete offers for partial names typed with a slip, and how
 * long a keystroke takes at 10,000 records: the typo tier alone (its budget is 2 ms at p99) and
 * the whole autocomplete. A measurement, not a test: it prints numbers and asserts nothing. On a
 * busy machine the wall clock's p99 is mostly waiting for a core: the slowest input's fastest run
 * says what the work itself takes.
 *
 * The inputs are made, deterministically, from the real knowledge's FAQ titles, glossary terms and
 * table rows: a word of four letters or more (not a stopword), a prefix of four to eight of its
 * letters, one deletion, swap of neighbours or substitution in it, leaving four letters at least
 * (the typo tier leaves shorter words alone); half of them typed after the title's words before
 * that word, as a member typing the title from its start would.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createAnswerEngine, type AnswerEngine } from '../src/answer/answerEngine.ts';
import { runToEnd } from '../src/search/buildSteps.ts';
import { maxChoices, nameablesOf, type Nameable } from '../src/search/completeNames.ts';
import { typoIndexSteps, type TypoIndex } from '../src/search/nameTypos.ts';
import { stopwords } from '../src/search/stopwords.ts';
import { normalizeText } from '../src/text/normalizeText.ts';
import { heapUsedAfterGc } from './searchers.ts';
import { seededRandom, syntheticKnowledge } from './syntheticKnowledge.ts';
import { percentile } from './measure.ts';

type List = 'faq' | 'term' | 'row';

export interface MisspeltPartial {
  readonly list: List;
  readonly typed: string;
  /** The record whose title the input was made from: autocomplete should offer it, first. */
  readonly recordId: string;
}

/** A record's title in each list, with the id its autocomplete choice carries. */
function titlesOf(knowledge: Knowledge, list: List, records: (id: string) => boolean): { id: string; title: string }[] {
  if (list === 'faq') return knowledge.faq.filter((faq) => records(faq.id)).map((faq) => ({ id: faq.id, title: faq.question }));
  if (list === 'term') return knowledge.terms.filter((term) => records(term.id)).map((term) => ({ id: term.id, title: term.term }));
  return knowledge.table.rows.map((row) => ({ id: row.feature, title: row.feature }));
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** One deletion, swap of two neighbouring letters or substitution in `prefix`, never leaving it unchanged or under four letters. */
function misspell(prefix: string, random: () => number): string | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const kind = Math.floor(random() * 3);
    const at = Math.floor(random() * prefix.length);
    let typed: string;
    if (kind === 0) typed = prefix.slice(0, at) + prefix.slice(at + 1);
    else if (kind === 1) {
      const from = Math.min(at, prefix.length - 2);
      typed = prefix.slice(0, from) + prefix[from + 1] + prefix[from] + prefix.slice(from + 2);
    } else typed = prefix.slice(0, at) + letters[Math.floor(random() * letters.length)] + prefix.slice(at + 1);
    if (typed !== prefix && typed.length >= 4) return typed;
  }
  return null;
}

/**
 * `count` misspelt partial names, the same on every run for the same knowledge. `records` limits
 * which FAQ records and terms they are made from (all by default).
 */
export function misspeltPartials(
  knowledge: Knowledge,
  count: number,
  { lists = ['faq', 'term', 'row'], records = () => true, seed = 20 }: { lists?: readonly List[]; records?: (id: string) => boolean; seed?: number } = {},
): MisspeltPartial[] {
  const random = seededRandom(seed);
  const inputs: MisspeltPartial[] = [];
  const seen = new Set<string>();
  const titles = lists.flatMap((list) => titlesOf(knowledge, list, records).map((record) => ({ list, ...record })));
  while (inputs.length < count) {
    const { list, id, title } = titles[Math.floor(random() * titles.length)]!;
    const words = normalizeText(title).split(' ');
    const spellable = words.flatMap((word, at) => (word.length >= 4 && !stopwords.has(word) && /^\p{L}+$/u.test(word) ? [at] : []));
    if (spellable.length === 0) continue;
    const at = spellable[Math.floor(random() * spellable.length)]!;
    const word = words[at]!;
    const length = 4 + Math.floor(random() * (Math.min(8, word.length) - 3));
    const typed = misspell(word.slice(0, length), random);
    if (typed === null) continue;
    const before = random() < 0.5 ? words.slice(0, at) : [];
    const input = { list, typed: [...before, typed].join(' '), recordId: id };
    if (seen.has(`${list} ${input.typed}`)) continue;
    seen.add(`${list} ${input.typed}`);
    inputs.push(input);
  }
  return inputs;
}

interface Latency {
  readonly p50: number;
  readonly p99: number;
  /** The slowest input's fastest run: what the work itself takes, without the waits for a core a busy machine adds. */
  readonly slowestBest: number;
}

/** Milliseconds per call of `run` on each input (wall clock), over `rounds` rounds after one round of warm-up. */
function latency<T>(inputs: readonly T[], run: (input: T) => unknown, rounds: number): Latency {
  for (const input of inputs) run(input);
  const samples: number[] = [];
  const best = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    inputs.forEach((input, i) => {
      const start = performance.now();
      run(input);
      const took = performance.now() - start;
      samples.push(took);
      best[i] = Math.min(best[i]!, took);
    });
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), slowestBest: Math.max(...best) };
}

const ms = ({ p50, p99, slowestBest }: Latency) => `p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; the slowest input at its fastest ${slowestBest.toFixed(3)} ms`;

/** How many inputs get their record among the choices, and first. */
function offered(engine: AnswerEngine, inputs: readonly MisspeltPartial[]): { among: number; first: number } {
  let among = 0;
  let first = 0;
  for (const { list, typed, recordId } of inputs) {
    const choices = engine.complete(list, typed);
    if (choices.some((choice) => choice.value === recordId)) among++;
    if (choices[0]?.value === recordId) first++;
  }
  return { among, first };
}

export function benchAutocomplete(real: Knowledge, records = 10_000): void {
  const inputs = misspeltPartials(real, 50);
  const engine = createAnswerEngine(real);
  const { among, first } = offered(engine, inputs);
  console.log(`\nAutocomplete (/faq, /term, /kb pickers, /compare features) of ${inputs.length} misspelt partial names made from the real knowledge's titles`);
  console.log(`  e.g. ${inputs.slice(0, 4).map((input) => `"${input.typed}"`).join(', ')}`);
  console.log(`  the intended record among the choices: ${among}/${inputs.length}; first: ${first}/${inputs.length}`);

  const generated = syntheticKnowledge(real, records);
  const ofGenerated = misspeltPartials(generated, 50, { lists: ['faq'], records: (id) => id.startsWith('generated-') });
  const size = `${generated.faq.length + generated.terms.length + 1} records (bench/syntheticKnowledge.ts)`;

  // The typo tier alone, on the names the engine builds it for, measured first: the engine's own
  // heap would add its garbage collections to these times. The tiers before it scan every name.
  const namesOf: Record<List, Nameable[]> = {
    faq: generated.faq.flatMap((faq) => nameablesOf(faq.id, faq.question, faq.alternates)),
    term: generated.terms.flatMap((term) => nameablesOf(term.id, term.term, term.aliases)),
    row: generated.table.rows.flatMap((row) => nameablesOf(row.feature, row.feature, row.aliases)),
  };
  const heapBefore = heapUsedAfterGc();
  const arraysBefore = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  const typos: Record<List, TypoIndex> = { faq: runToEnd(typoIndexSteps(namesOf.faq)), term: runToEnd(typoIndexSteps(namesOf.term)), row: runToEnd(typoIndexSteps(namesOf.row)) };
  const buildMs = performance.now() - start;
  const heap = heapUsedAfterGc() - heapBefore;
  const arrays = process.memoryUsage().arrayBuffers - arraysBefore;
  const none = new Set<string>();
  const tier = ({ list, typed }: MisspeltPartial) => typos[list].closest(normalizeText(typed).split(' '), none, maxChoices);
  console.log(`  the typo tier alone at ${size}, per keystroke (its index of ${namesOf.faq.length} FAQ names built in ${buildMs.toFixed(0)} ms; ${mib(heap)} of heap and ${mib(arrays)} of typed arrays):`);
  console.log(`    the ${inputs.length} inputs above: ${ms(latency(inputs, tier, 20))}`);
  console.log(`    ${ofGenerated.length} made the same way from generated records: ${ms(latency(ofGenerated, tier, 20))}`);

  const large = createAnswerEngine(generated);
  console.log(`  the whole autocomplete (every tier, then what the question means) at ${size}, per keystroke:`);
  console.log(`    the ${inputs.length} inputs above: ${ms(latency(inputs, ({ list, typed }) => large.complete(list, typed), 5))}`);
  console.log(`    the ${ofGenerated.length} from generated records: ${ms(latency(ofGenerated, ({ list, typed }) => large.complete(list, typed), 5))}`);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const loaded = await loadKnowledge(bundledKnowledgeDir);
  if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
  console.log(`Node ${process.version}, one thread; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores.`);
  benchAutocomplete(loaded.knowledge);
}
