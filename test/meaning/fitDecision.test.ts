// scripts/fitDecision.ts on generated question features: the same data gives the same model and
// thresholds, and the model it writes keeps the bounds it was fit under.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/paths.ts';
import { decideFused, decisionModelSchema, fuseCandidates, type DecisionModel } from '../../src/meaning/fusedDecision.ts';
import { fusedInputOf, type QuestionFeatures } from '../../scripts/meaningFeatureTypes.ts';
import { seededRandom } from '../../bench/syntheticKnowledge.ts';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const records = Array.from({ length: 20 }, (_, i) => `faq:record-${i}`);

/**
 * Questions as both signals might see them: each ranks the right record first most of the time,
 * with a higher score when it does; off-topic questions score low in both.
 */
function generatedQuestions(set: string, answerable: number, offTopic: number, seed: number): QuestionFeatures[] {
  const random = seededRandom(seed);
  const pick = () => records[Math.floor(random() * records.length)]!;
  return Array.from({ length: answerable + offTopic }, (_, i) => {
    const right = i < answerable ? pick() : null;
    const lexicalHit = right !== null && random() < 0.7;
    const meaningHit = right !== null && random() < 0.65;
    const others = records.filter((key) => key !== right);
    for (let k = others.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [others[k], others[j]] = [others[j]!, others[k]!];
    }
    const lexicalKeys = lexicalHit ? [right!, ...others.slice(0, 4)] : others.slice(0, 5);
    const lexicalTop = lexicalHit ? 0.55 + 0.4 * random() : 0.2 + 0.4 * random();
    const meaningKeys = meaningHit ? [right!, ...others] : [...others.slice(0, 3), ...(right ? [right] : []), ...others.slice(3)];
    const meaningTop = meaningHit ? 0.6 + 0.3 * random() : 0.35 + 0.3 * random();
    return {
      set,
      q: `question ${i}`,
      style: null,
      expect: right ? [right] : null,
      engine: { status: 'no_match', key: null, confidence: 0, act: null, suggestions: [] },
      lexical: lexicalKeys.map((key, rank) => ({ key, score: Math.round((lexicalTop - 0.08 * rank) * 1000) / 1000, states: true })),
      encoder: meaningKeys.map((key, rank) => {
        const similarity = Math.round((meaningTop - 0.03 * rank - 0.01 * random()) * 10_000) / 10_000;
        return { key, closest: similarity, centroid: Math.round((similarity - 0.05) * 10_000) / 10_000, classifier: rank === 0 ? 0.5 : 0.5 / (records.length - 1), neighbor: 0.5 };
      }),
    };
  });
}

let dir: string;
let firstOutput: string;
let secondOutput: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faq-fit-'));
  const lines = (questions: QuestionFeatures[]) => `${questions.map((q) => JSON.stringify(q)).join('\n')}\n`;
  await writeFile(path.join(dir, 'bench.jsonl'), lines(generatedQuestions('bench', 400, 0, 1)));
  await writeFile(path.join(dir, 'own.jsonl'), lines(generatedQuestions('own', 120, 60, 2)));
  // Fit twice, once for all the tests below (each fit is a process of a few seconds).
  firstOutput = fit(path.join(dir, 'first.json'));
  secondOutput = fit(path.join(dir, 'second.json'));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function fit(out: string) {
  const result = spawnSync(tsx, ['scripts/fitDecision.ts', '--fit', path.join(dir, 'bench.jsonl'), '--fit', path.join(dir, 'own.jsonl'), '--out', out], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('fitting the fused decision', () => {
  it('chooses the same models and thresholds from the same data', async () => {
    expect(secondOutput.replaceAll('second.json', 'first.json')).toBe(firstOutput);
    expect(await readFile(path.join(dir, 'second.json'), 'utf8')).toBe(await readFile(path.join(dir, 'first.json'), 'utf8'));
    expect(firstOutput).toMatch(/chosen: answer with the first record when its confidence >= 0\.\d+/);
    expect(firstOutput).toContain('Confidence band');
  });

  it('writes a decision that keeps the bounds: at most 3% wrong on the bounded set, 95% of off-topic questions held back', async () => {
    const model: DecisionModel = decisionModelSchema.parse(JSON.parse(await readFile(path.join(dir, 'first.json'), 'utf8')));
    const decide = (q: QuestionFeatures) =>
      decideFused(fuseCandidates(fusedInputOf(q), model.meaningLimit), model);
    const bench = generatedQuestions('bench', 400, 0, 1).map((q) => ({ q, decision: decide(q) }));
    const wrong = bench.filter(({ q, decision }) => decision.action === 'answer' && decision.key !== q.expect![0]).length;
    const right = bench.filter(({ q, decision }) => decision.action === 'answer' && decision.key === q.expect![0]).length;
    expect(wrong / bench.length).toBeLessThanOrEqual(0.03);
    expect(right).toBeGreaterThan(0);
    const offTopic = generatedQuestions('own', 120, 60, 2).filter((q) => q.expect === null);
    expect(offTopic.filter((q) => decide(q).action !== 'answer').length / offTopic.length).toBeGreaterThanOrEqual(0.95);
  });
});
