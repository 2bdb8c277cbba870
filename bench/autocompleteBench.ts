/**
 * `npm run bench:autocomplete`: what autocomplete offers for partial names typed with a slip, and how
 * long a keystroke takes at 10,000 records. A measurement, not a test: it prints numbers and
 * asserts nothing.
 *
 * The inputs are made, deterministically, from the real knowledge's FAQ titles, glossary terms and
 * table rows: a word of four letters or more (not a stopword), a prefix of four to eight of its
 * letters, one deletion, swap of neighbours or substitution in it; half of them typed after the
 * title's words before that word, as a member typing the title from its start would.
 */
import { fileURLToPath } from 'node:url';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createAnswerEngine, type AnswerEngine } from '../src/search/answerEngine.ts';
import { stopwords } from '../src/search/stopwords.ts';
import { normalizeText } from '../src/text/normalizeText.ts';
import { seededRandom, syntheticKnowledge } from './syntheticKnowledge.ts';

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

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Milliseconds per call of `run` on each input, over `rounds` rounds after one round of warm-up. */
function latency<T>(inputs: readonly T[], run: (input: T) => unknown, rounds: number): { p50: number; p99: number; max: number } {
  for (const input of inputs) run(input);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now();
      run(input);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? Number.NaN };
}

const ms = ({ p50, p99, max }: { p50: number; p99: number; max: number }) => `p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${max.toFixed(2)} ms`;

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
  const large = createAnswerEngine(generated);
  const ofGenerated = misspeltPartials(generated, 50, { lists: ['faq'], records: (id) => id.startsWith('generated-') });
  console.log(`  at ${generated.faq.length + generated.terms.length + 1} records (bench/syntheticKnowledge.ts), per keystroke:`);
  console.log(`    the ${inputs.length} inputs above: ${ms(latency(inputs, ({ list, typed }) => large.complete(list, typed), 5))}`);
  console.log(`    ${ofGenerated.length} made the same way from generated records: ${ms(latency(ofGenerated, ({ list, typed }) => large.complete(list, typed), 5))}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const loaded = await loadKnowledge(bundledKnowledgeDir);
  if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
  console.log(`Node ${process.version}, one thread; latency is wall clock per call (performance.now).`);
  benchAutocomplete(loaded.knowledge);
}
