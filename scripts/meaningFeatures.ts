// What the two signals say about each question of a set, one JSON line per question, for
// `scripts/fitDecision.ts`: the answer engine's reply and ranked candidates (lexical) and every
// record's closest phrasing by the sentence encoder (meaning), with the records that answer it.
//
//   npx tsx scripts/meaningFeatures.ts --knowledge DIR --questions FILE.jsonl --name NAME --out FILE
//   npx tsx scripts/meaningFeatures.ts --knowledge DIR --intents ../shared/eval/intents --shots 10 --set val --name NAME --out FILE
//
// A question of a project set (test/fixtures/*.jsonl: facts or abstain) is answered right by every
// record whose reply holds one string of each fact group; an abstain question by none. A BANKING77
// question (--intents; the knowledge made by its runner with --keep, same --shots) by its intent's record.
// --off-topic: the questions are another knowledge base's, and none may be answered.
// Embeddings are cached in node_modules/.cache/partnership-faq-bot/ (or --cache-dir).
// --encoder-reads message (default): the encoder reads the message without its Discord mentions;
// question: the question as the engine read it (rewritten: on BANKING77 val its first record is right
// for 62.1% / 52.5% of questions, 10 / 5 phrasings a record, against 70.5% / 60.3% reading the message).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { projectRoot } from '../src/config/paths.ts';
import { parseQuestionSet } from '../src/evaluation/questionSet.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import { formatProblem } from '../src/knowledge/knowledgeProblem.ts';
import { embeddingCacheFile } from '../src/meaning/meaningSearch.ts';
import { phrasingKey, readEmbeddingCache, writeEmbeddingCache } from '../src/meaning/embeddingCache.ts';
import { buildPhrasingIndex, phrasingsOfKnowledge } from '../src/meaning/phrasingIndex.ts';
import { dequantize, quantize } from '../src/meaning/quantizedVector.ts';
import { maxQuestionTokens } from '../src/meaning/sentenceEncoder.ts';
import { startInProcessEmbedder } from '../src/meaning/textEmbedder.ts';
import { toJsonReply } from '../src/render/renderJson.ts';
import { createAnswerEngine } from '../src/answer/answerEngine.ts';
import { intentQuestions } from './intentBenchmark.ts';
import type { QuestionFeatures } from './meaningFeatureTypes.ts';

const { values } = parseArgs({
  options: {
    knowledge: { type: 'string' },
    questions: { type: 'string' },
    intents: { type: 'string' },
    shots: { type: 'string', default: '10' },
    set: { type: 'string', default: 'val' },
    name: { type: 'string' },
    out: { type: 'string' },
    'cache-dir': { type: 'string' },
    'off-topic': { type: 'boolean', default: false },
    'hold-out-every': { type: 'string' },
    'encoder-reads': { type: 'string', default: 'message' },
  },
});
const args = z
  .object({
    knowledge: z.string().min(1),
    questions: z.string().min(1).optional(),
    intents: z.string().min(1).optional(),
    shots: z.enum(['5', '10']).transform(Number),
    set: z.enum(['val', 'test']),
    name: z.string().min(1),
    out: z.string().min(1),
    'off-topic': z.boolean(),
    'hold-out-every': z.coerce.number().int().min(2).optional(),
    'encoder-reads': z.enum(['message', 'question']),
    'cache-dir': z.string().min(1).default(path.join(projectRoot, 'node_modules', '.cache', 'partnership-faq-bot')),
  })
  .refine((a) => Boolean(a.questions) !== Boolean(a.intents), { message: 'give --questions FILE or --intents DIR' })
  .parse(values);

const loaded = await loadKnowledge(path.resolve(args.knowledge));
if (!loaded.ok) {
  for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.exit(1);
}
// --hold-out-every N: every Nth FAQ record is left out of the knowledge, and the questions it
// answers become questions nothing answers: off-topic questions close to the knowledge's own.
const holdOut = args['hold-out-every'];
const knowledge = holdOut ? { ...loaded.knowledge, faq: loaded.knowledge.faq.filter((_, i) => i % holdOut !== holdOut - 1) } : loaded.knowledge;
const engine = createAnswerEngine(knowledge);
const records = phrasingsOfKnowledge(knowledge);

interface Asked {
  readonly q: string;
  readonly style: string | null;
  readonly expect: readonly string[] | null;
}

const textOfRecord = new Map(
  records.map(({ key }) => {
    const [kind, ...id] = key.split(':');
    const reply = engine.replyFor(z.enum(['faq', 'term', 'table']).parse(kind), id.join(':'));
    return [key, `\n${reply ? toJsonReply(reply).text.toLowerCase() : ''}`] as const;
  }),
);
let asked: Asked[];
if (args['off-topic']) {
  // Questions of another knowledge base: nothing here answers them.
  const texts = args.questions ? parseQuestionSet(readFileSync(args.questions, 'utf8'), args.questions).map(({ q }) => q) : intentQuestions(args.intents!, args.shots as 5 | 10, args.set).map(({ text }) => text);
  asked = texts.map((q) => ({ q, style: 'other-topic', expect: null }));
} else if (args.questions) {
  asked = parseQuestionSet(readFileSync(args.questions, 'utf8'), args.questions)
    .filter((question) => !question.previous)
    .map((question) => ({
      q: question.q,
      style: question.style ?? null,
      expect:
        'abstain' in question
          ? null
          : records
              .filter(({ key }) => {
                const text = textOfRecord.get(key)!;
                return question.facts.every((group) => group.some((fact) => text.includes(fact.toLowerCase())));
              })
              .map(({ key }) => key),
    }));
} else {
  const known = new Set(records.map(({ key }) => key));
  asked = intentQuestions(args.intents!, args.shots as 5 | 10, args.set).map(({ text, key }) => ({ q: text, style: known.has(key) ? null : 'held-out record', expect: known.has(key) ? [key] : null }));
}

const embedder = await startInProcessEmbedder();
const cacheFile = embeddingCacheFile(args['cache-dir'], args.knowledge);
const vectors = await readEmbeddingCache(cacheFile, embedder.modelId, embedder.dimensions);
const phrasings = [...new Set(records.flatMap((record) => record.phrasings))];
const missing = phrasings.filter((phrasing) => !vectors.has(phrasingKey(embedder.modelId, phrasing)));
const batch = 32;
for (let at = 0; at < missing.length; at += batch) {
  const texts = missing.slice(at, at + batch);
  (await embedder.embed(texts)).forEach((vector, i) => vectors.set(phrasingKey(embedder.modelId, texts[i]!), quantize(vector)));
}
if (missing.length) await writeEmbeddingCache(cacheFile, embedder.modelId, embedder.dimensions, vectors);
const index = buildPhrasingIndex(records, (phrasing) => vectors.get(phrasingKey(embedder.modelId, phrasing))!);

/**
 * What the encoder reads: the question as the engine read it (chat words and abbreviations
 * written out, the context of a long message set apart), or the message itself without its
 * Discord mentions (they say who is addressed, not what is asked).
 */
const encoderText = (message: string) =>
  args['encoder-reads'] === 'question'
    ? engine.explain(message).question
    : message.replace(/<(@[!&]?|#)\d+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);

// The questions' embeddings are kept too (one file for every set), so a refit with new features
// reads them instead of embedding thousands of questions again. Kept as one byte per dimension, as
// phrasings are: a cosine moves by about 0.001 against the bot's float vectors.
// Questions are read as the bot reads them, up to their first `maxQuestionTokens` pieces: the
// file names that limit, so vectors read under another are not reused.
const questionCacheFile = path.join(args['cache-dir'], 'questions.bin');
const questionModelId = `${embedder.modelId}, first ${maxQuestionTokens} pieces`;
const questionVectors = await readEmbeddingCache(questionCacheFile, questionModelId, embedder.dimensions);
const questionTexts = [...new Set(asked.map(({ q }) => encoderText(q)))];
const unseen = questionTexts.filter((text) => !questionVectors.has(phrasingKey(questionModelId, text)));
for (let at = 0; at < unseen.length; at += batch) {
  const texts = unseen.slice(at, at + batch);
  (await embedder.embed(texts, { maxTokens: maxQuestionTokens })).forEach((vector, i) => questionVectors.set(phrasingKey(questionModelId, texts[i]!), quantize(vector)));
}
if (unseen.length) await writeEmbeddingCache(questionCacheFile, questionModelId, embedder.dimensions, questionVectors);
const questionVector = (q: string) => dequantize(questionVectors.get(phrasingKey(questionModelId, encoderText(q)))!);

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const lines: string[] = [];
for (let at = 0; at < asked.length; at += batch) {
  const part = asked.slice(at, at + batch);
  const embedded = part.map(({ q }) => questionVector(q));
  part.forEach(({ q, style, expect }, i) => {
    const reply = toJsonReply(engine.ask(q));
    const answerKey = reply.status === 'answered' && reply.kind ? `${reply.kind}:${reply.id}` : null;
    const features: QuestionFeatures = {
      set: args.name,
      q,
      style,
      expect: expect ? [...expect] : null,
      engine: {
        status: reply.status,
        key: answerKey,
        confidence: reply.confidence,
        act: reply.act,
        suggestions: reply.suggestions.map((s) => `${s.kind}:${s.id}`),
      },
      lexical: engine.explain(q).candidates.map((c) => ({ key: `${c.record.kind}:${c.record.id}`, score: c.score, states: c.statesWhatIsAsked })),
      encoder: index.nearest(embedded[i]!, records.length).map((m) => ({ key: m.key, closest: round(m.closest), centroid: round(m.centroid), classifier: round(m.classifierProbability), neighbor: round(m.neighbor) })),
    };
    lines.push(JSON.stringify(features));
  });
}
mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
writeFileSync(args.out, `${lines.join('\n')}\n`);
process.stderr.write(`${args.name}: ${asked.length} questions, ${records.length} records, ${missing.length} phrasings embedded -> ${args.out}\n`);
await embedder.close();
