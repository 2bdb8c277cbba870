// Fits the fused decision (src/meaning/fusedDecision.ts) on questions described by
// scripts/meaningFeatures.ts, prints what it chose and how it does, and writes it as JSON.
//
//   npx tsx scripts/fitDecision.ts --fit b77-10-val.jsonl --fit b77-5-val.jsonl --fit styles.jsonl … \
//     [--bounded b77-10-val --bounded b77-5-val] [--report more.jsonl …] [--out decision.json]
//
// Fit only on validation questions and the project's own sets, never on a test set: --report
// applies the fitted decision to other files without fitting anything (say, once, the test set).
//
// What is chosen, the same every time for the same files in the same order:
// 1. a ranking model: the probability that a candidate of the fused list is the answer;
// 2. a confidence model: the probability that the first candidate is, from how it was ranked;
// 3. thresholds: the confidence and lexical score to answer at, the most right answers on average
//    over the bounded sets and the other sets' answerable questions, such that every bounded set
//    gets at most --max-wrong wrong answers (default 3%) and the other sets' off-topic questions
//    are held back at least --min-held-back of the time (default 95%); then the confidence to
//    suggest at: the lowest where off-topic questions still get nothing --min-quiet of the time
//    (default 80%).
// For comparison it prints the engine alone, the encoder alone (its own thresholds, fit the same
// way), "answer when both put the same record first", and the first-record accuracy of several
// fused rankings; then, per confidence band, the share of right first records.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  candidateFeatures,
  confidenceFeatures,
  confidenceOf,
  fuseCandidates,
  rankCandidates,
  type DecisionModel,
  type FusedCandidate,
} from '../src/meaning/fusedDecision.ts';
import { fitLogistic } from '../src/meaning/logisticModel.ts';
import { questionFeaturesSchema, type QuestionFeatures } from './meaningFeatureTypes.ts';

const { values } = parseArgs({
  options: {
    fit: { type: 'string', multiple: true },
    report: { type: 'string', multiple: true, default: [] },
    bounded: { type: 'string', multiple: true },
    out: { type: 'string' },
    'max-wrong': { type: 'string', default: '0.03' },
    'min-held-back': { type: 'string', default: '0.95' },
    'min-quiet': { type: 'string', default: '0.8' },
    'meaning-limit': { type: 'string', default: '10' },
  },
});
const args = z
  .object({
    fit: z.array(z.string().min(1)).min(1, { error: 'give at least one --fit FILE' }),
    report: z.array(z.string().min(1)),
    bounded: z.array(z.string().min(1)).optional(),
    out: z.string().min(1).optional(),
    'max-wrong': z.coerce.number().min(0).max(1),
    'min-held-back': z.coerce.number().min(0).max(1),
    'min-quiet': z.coerce.number().min(0).max(1),
    'meaning-limit': z.coerce.number().int().positive(),
  })
  .parse(values);
const meaningLimit = args['meaning-limit'];

interface Question {
  readonly set: string;
  readonly raw: QuestionFeatures;
  /** Null: nothing may be answered. */
  readonly expect: ReadonlySet<string> | null;
  /** Empty for a chat-only message (thanks, greetings): never answered. */
  readonly candidates: readonly FusedCandidate[];
}

function readQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = questionFeaturesSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const raw = parsed.data;
      const candidates = raw.engine.act
        ? []
        : fuseCandidates(
            raw.lexical.map((c) => ({ key: c.key, score: c.score, statesWhatIsAsked: c.states })),
            raw.encoder.map((m, rank) => ({ key: m.key, closest: m.closest, centroid: m.centroid, rank: rank + 1 })),
            meaningLimit,
          );
      return { set: raw.set, raw, expect: raw.expect ? new Set(raw.expect) : null, candidates };
    });
}

const fitQuestions = args.fit.flatMap(readQuestions);
const reportQuestions = args.report.flatMap(readQuestions);
const setNames = (questions: readonly Question[]) => [...new Set(questions.map((q) => q.set))];
const bounded = args.bounded ?? setNames(fitQuestions).filter((set) => fitQuestions.filter((q) => q.set === set).every((q) => q.expect));
const isRight = (q: Question, key: string | null) => key !== null && q.expect !== null && q.expect.has(key);

// 1. The ranking model, on every candidate of every fitting question.
const ranking = fitLogistic(
  candidateFeatures,
  fitQuestions.flatMap((q) => q.candidates.map((c) => candidateFeatures.map((name) => c.features[name]))),
  fitQuestions.flatMap((q) => q.candidates.map((c) => isRight(q, c.key))),
);
// 2. The confidence model, on each question's first candidate.
const confidenceRows = (q: Question) => {
  const ranked = rankCandidates(q.candidates, ranking);
  return { ranked, first: ranked[0] ?? null };
};
const firstRanked = new Map<Question, ReturnType<typeof confidenceRows>>();
for (const q of [...fitQuestions, ...reportQuestions]) firstRanked.set(q, confidenceRows(q));
const fitWithFirst = fitQuestions.filter((q) => firstRanked.get(q)!.first);
const confidence = fitLogistic(
  confidenceFeatures,
  fitWithFirst.map((q) => {
    const { first } = firstRanked.get(q)!;
    const f = first!.candidate.features;
    return [first!.probability, f.bothFirst, f.lexicalLead, f.meaningLead, f.meaning, f.lexicalScore];
  }),
  fitWithFirst.map((q) => isRight(q, firstRanked.get(q)!.first!.candidate.key)),
);
const fused = new Map<Question, { key: string | null; confidence: number; lexicalScore: number; top3: string[] }>();
for (const q of [...fitQuestions, ...reportQuestions]) {
  const { ranked, first } = firstRanked.get(q)!;
  fused.set(q, {
    key: first?.candidate.key ?? null,
    confidence: first ? confidenceOf(ranked, confidence) : 0,
    lexicalScore: first?.candidate.features.lexicalScore ?? 0,
    top3: ranked.slice(0, 3).map((r) => r.candidate.key),
  });
}

/** A rule: the record it answers with, or null when it does not answer. */
type Rule = (q: Question) => string | null;

interface Rates {
  readonly answerable: number;
  readonly right: number;
  readonly wrong: number;
  readonly offTopic: number;
  readonly heldBack: number;
}
function rates(questions: readonly Question[], rule: Rule): Rates {
  let answerable = 0;
  let right = 0;
  let wrong = 0;
  let offTopic = 0;
  let heldBack = 0;
  for (const q of questions) {
    const key = rule(q);
    if (q.expect === null) {
      offTopic++;
      if (key === null) heldBack++;
    } else {
      answerable++;
      if (key !== null) {
        if (q.expect.has(key)) right++;
        else wrong++;
      }
    }
  }
  return { answerable, right, wrong, offTopic, heldBack };
}

const inSet = (questions: readonly Question[], set: string) => questions.filter((q) => q.set === set);
const unbounded = fitQuestions.filter((q) => !bounded.includes(q.set));

/** The rule's average right rate over the bounded sets and the other sets' answerable questions, or null when it breaks a bound. */
function score(rule: Rule): number | null {
  const groups = bounded.map((set) => rates(inSet(fitQuestions, set), rule));
  if (groups.some((r) => r.answerable === 0 || r.wrong / r.answerable > args['max-wrong'])) return null;
  const others = rates(unbounded, rule);
  if (others.offTopic > 0 && others.heldBack / others.offTopic < args['min-held-back']) return null;
  if (others.answerable > 0) groups.push(others);
  return groups.reduce((sum, r) => sum + r.right / r.answerable, 0) / groups.length;
}

const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);

function best<T>(choices: readonly T[], ruleOf: (choice: T) => Rule): { choice: T; score: number } | null {
  let found: { choice: T; score: number } | null = null;
  for (const choice of choices) {
    const s = score(ruleOf(choice));
    if (s !== null && (!found || s > found.score)) found = { choice, score: s };
  }
  return found;
}

// 3. The thresholds.
const fusedRule =
  ({ answerAt, minLexicalScore }: { answerAt: number; minLexicalScore: number }): Rule =>
  (q) => {
    const f = fused.get(q)!;
    return f.key !== null && f.confidence >= answerAt && f.lexicalScore >= minLexicalScore ? f.key : null;
  };
const fusedChoice = best(
  grid(0, 0.4, 0.1).flatMap((minLexicalScore) => grid(0.3, 0.99, 0.01).map((answerAt) => ({ answerAt, minLexicalScore }))),
  fusedRule,
);
if (!fusedChoice) {
  process.stderr.write('No threshold meets the bounds on these sets: loosen --max-wrong or --min-held-back.\n');
  process.exit(1);
}
const offTopicFit = unbounded.filter((q) => q.expect === null);
const suggestAt =
  grid(0, fusedChoice.choice.answerAt, 0.01).find(
    (s) => offTopicFit.filter((q) => fused.get(q)!.confidence < s).length >= args['min-quiet'] * offTopicFit.length,
  ) ?? fusedChoice.choice.answerAt;

const model: DecisionModel = {
  format: 'fused-decision 1',
  meaningLimit,
  ranking: { features: [...candidateFeatures], mean: [...ranking.mean], spread: [...ranking.spread], weights: [...ranking.weights], bias: ranking.bias },
  confidence: { features: [...confidenceFeatures], mean: [...confidence.mean], spread: [...confidence.spread], weights: [...confidence.weights], bias: confidence.bias },
  answerAt: fusedChoice.choice.answerAt,
  minLexicalScore: fusedChoice.choice.minLexicalScore,
  suggestAt,
  maxSuggestions: 3,
};

// The rules compared.
const similarity = (m: { closest: number; centroid: number }) => (m.closest + m.centroid) / 2;
const encoderRule =
  ({ at, lead }: { at: number; lead: number }): Rule =>
  (q) => {
    const [first, second] = q.raw.encoder;
    if (!first || q.raw.engine.act) return null;
    return similarity(first) >= at && similarity(first) - (second ? similarity(second) : 0) >= lead ? first.key : null;
  };
const encoderChoice = best(
  grid(0, 0.1, 0.01).flatMap((lead) => grid(0.3, 0.99, 0.01).map((at) => ({ at, lead }))),
  encoderRule,
);
const rules: [string, Rule][] = [
  ['engine alone', (q) => q.raw.engine.key],
  [
    encoderChoice ? `encoder alone (similarity >= ${encoderChoice.choice.at}, lead >= ${encoderChoice.choice.lead})` : 'encoder alone (no threshold meets the bounds)',
    encoderChoice ? encoderRule(encoderChoice.choice) : () => null,
  ],
  [
    'both put the same record first',
    (q) => {
      const lexicalFirst = q.raw.lexical[0]?.key ?? null;
      return !q.raw.engine.act && lexicalFirst !== null && lexicalFirst === q.raw.encoder[0]?.key ? lexicalFirst : null;
    },
  ],
  ['fitted fused decision', fusedRule(fusedChoice.choice)],
];

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
const out: string[] = [];
const weights = (m: { features: readonly string[]; weights: readonly number[]; bias: number }) =>
  [...m.features.map((name, i) => `${name} ${m.weights[i]!.toFixed(3)}`), `bias ${m.bias.toFixed(3)}`].join(', ');
out.push(`Fitted on ${fitQuestions.length} questions (${setNames(fitQuestions).join(', ')}); bounded sets: ${bounded.join(', ')}.`);
out.push(`ranking model (standardised weights): ${weights(ranking)}`);
out.push(`confidence model (standardised weights): ${weights(confidence)}`);
out.push(
  `chosen: answer when confidence >= ${model.answerAt} and lexical score >= ${model.minLexicalScore}; suggest when confidence >= ${model.suggestAt}; objective ${fusedChoice.score.toFixed(4)}`,
);

function table(title: string, questions: readonly Question[]) {
  out.push('', title);
  const sets = setNames(questions);
  out.push(`${'rule'.padEnd(58)}${sets.map((s) => s.padStart(22)).join('')}`);
  for (const [name, rule] of rules) {
    const cells = sets.map((set) => {
      const r = rates(inSet(questions, set), rule);
      const answered = r.answerable ? `${pct(r.right, r.answerable)}/${pct(r.wrong, r.answerable)}` : '';
      const held = r.offTopic ? ` hb ${pct(r.heldBack, r.offTopic)}` : '';
      return `${answered}${held}`.padStart(22);
    });
    out.push(`${name.padEnd(58)}${cells.join('')}`);
  }
}

/** The first record of several rankings, right or not (answerable questions). */
function firstRecords(title: string, questions: readonly Question[]) {
  const sets = setNames(questions.filter((q) => q.expect));
  if (sets.length === 0) return;
  out.push('', title);
  const rrf = (q: Question, k: number) => {
    const scores = new Map<string, number>();
    q.raw.lexical.forEach((c, i) => scores.set(c.key, (scores.get(c.key) ?? 0) + 1 / (k + i + 1)));
    q.raw.encoder.slice(0, meaningLimit).forEach((c, i) => scores.set(c.key, (scores.get(c.key) ?? 0) + 1 / (k + i + 1)));
    return [...scores].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };
  const sum = (q: Question, weight: number) => {
    const candidates = q.candidates.map((c) => ({ key: c.key, value: c.features.lexicalScore + weight * c.features.meaning }));
    return candidates.sort((a, b) => b.value - a.value)[0]?.key ?? null;
  };
  const rankings: [string, (q: Question) => string | null][] = [
    ['lexical (engine: answer or first suggestion)', (q) => q.raw.engine.key ?? q.raw.engine.suggestions[0] ?? q.raw.lexical[0]?.key ?? null],
    ['encoder (closest phrasing + centroid)', (q) => q.raw.encoder[0]?.key ?? null],
    ['reciprocal-rank fusion, k = 60', (q) => rrf(q, 60)],
    ['score sum: lexical + encoder', (q) => sum(q, 1)],
    ['fitted ranking model', (q) => fused.get(q)!.key],
  ];
  out.push(`${'ranking'.padEnd(58)}${sets.map((s) => s.padStart(22)).join('')}`);
  for (const [name, firstOf] of rankings) {
    const cells = sets.map((set) => {
      const answerable = inSet(questions, set).filter((q) => q.expect);
      return pct(answerable.filter((q) => isRight(q, firstOf(q))).length, answerable.length).padStart(22);
    });
    out.push(`${name.padEnd(58)}${cells.join('')}`);
  }
}

/** Per confidence band: how many answerable questions, and the share whose first fused record is right. */
function bands(title: string, questions: readonly Question[]) {
  const sets = setNames(questions.filter((q) => q.expect));
  if (sets.length === 0) return;
  out.push('', title);
  out.push(`${'confidence'.padEnd(14)}${sets.map((s) => s.padStart(22)).join('')}`);
  for (let band = 0; band < 10; band++) {
    const low = band / 10;
    const high = (band + 1) / 10;
    const cells = sets.map((set) => {
      const inBand = inSet(questions, set).filter((q) => q.expect && fused.get(q)!.confidence >= low && (fused.get(q)!.confidence < high || band === 9));
      const right = inBand.filter((q) => isRight(q, fused.get(q)!.key)).length;
      return (inBand.length ? `${pct(right, inBand.length)} of ${inBand.length}` : '').padStart(22);
    });
    out.push(`${`${low.toFixed(1)}-${high.toFixed(1)}`.padEnd(14)}${cells.join('')}`);
  }
}

table('Answered right / wrong (of answerable), off-topic held back — fitting sets:', fitQuestions);
firstRecords('First record right (of answerable) — fitting sets:', fitQuestions);
bands('Confidence band: first fused record right — fitting sets:', fitQuestions);
if (reportQuestions.length) {
  table('Answered right / wrong, held back — reported sets (nothing fit on them):', reportQuestions);
  firstRecords('First record right — reported sets:', reportQuestions);
  bands('Confidence band: first fused record right — reported sets:', reportQuestions);
}
process.stdout.write(`${out.join('\n')}\n`);
if (args.out) {
  writeFileSync(path.resolve(args.out), `${JSON.stringify(model, null, 2)}\n`);
  process.stdout.write(`wrote ${args.out}\n`);
}
