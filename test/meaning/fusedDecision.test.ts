import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidateFeatures,
  confidenceFeatures,
  decideFused,
  fuseCandidates,
  loadDecisionModel,
  type DecisionModel,
  type FusedInput,
} from '../../src/meaning/fusedDecision.ts';

// A question where the lexical ranker puts "pay" first and answers with it, the encoder puts
// "fees" first, and the classifier agrees with the lexical ranker.
const input: FusedInput = {
  lexical: [
    { key: 'faq:pay', score: 0.8, statesWhatIsAsked: true },
    { key: 'faq:fees', score: 0.5, statesWhatIsAsked: false },
  ],
  lexicalDecision: { answer: 'faq:pay', suggestions: [] },
  meaning: [
    { key: 'faq:fees', closest: 0.7, centroid: 0.6, rank: 1, classifierProbability: 0.3, neighbor: 0.8 },
    { key: 'faq:card', closest: 0.6, centroid: 0.6, rank: 2, classifierProbability: 0.05, neighbor: 0.7 },
    { key: 'faq:pay', closest: 0.5, centroid: 0.5, rank: 5, classifierProbability: 0.6, neighbor: 0.8 },
  ],
};

/** A model that ranks by one feature and is confident by one other (weights on standardised values). */
function model(rankBy: (typeof candidateFeatures)[number], confidentBy: (typeof confidenceFeatures)[number]): DecisionModel {
  const logistic = (names: readonly string[], on: string) => ({
    features: [...names],
    mean: names.map(() => 0),
    spread: names.map(() => 1),
    weights: names.map((name) => (name === on ? 10 : 0)),
    bias: 0,
  });
  return {
    format: 'fused-decision 3',
    fitOn: 'inline',
    meaningLimit: 2,
    classifierTemperature: 40,
    ranking: logistic(candidateFeatures, rankBy),
    confidence: logistic(confidenceFeatures, confidentBy),
    answerAt: 0.99,
    keepLexicalAt: 0.6,
    tieBreakAt: 1.01,
    suggestAt: 0.5,
    maxSuggestions: 3,
  };
}

describe('fused candidates', () => {
  it('joins the three signals\u2019 records and says what each signal thinks of each', () => {
    const candidates = fuseCandidates(input, 2);
    expect(candidates.map((c) => c.key)).toEqual(['faq:pay', 'faq:fees', 'faq:card']);
    const [pay, fees, card] = candidates;
    expect(pay!.features).toMatchObject({ lexicalFirst: 1, meaningFirst: 0, classifierFirst: 1, agreement: 2, lexicalAnswer: 1, meaningRank: 0.2 });
    expect(pay!.features.classifierLead).toBeCloseTo(0.3, 9);
    expect(pay!.features.lexicalLead).toBeCloseTo(0.3, 9);
    expect(fees!.features).toMatchObject({ meaningFirst: 1, agreement: 1, statesWhatIsAsked: 0, lexicalAnswer: 0 });
    expect(fees!.features.meaningLead).toBeCloseTo(0.65 - 0.6, 9);
    expect(card!.features).toMatchObject({ lexicalScore: 0, lexicalRank: 0, agreement: 0 });
  });

  it('with the encoder off, is the lexical candidates alone', () => {
    const candidates = fuseCandidates({ ...input, meaning: [] }, 2);
    expect(candidates.map((c) => c.key)).toEqual(['faq:pay', 'faq:fees']);
    expect(candidates[0]!.features).toMatchObject({ meaning: 0, classifier: 0, agreement: 1 });
  });
});

describe('fused decision', () => {
  it('answers with the record the ranking puts first when confident enough', () => {
    const decision = decideFused(fuseCandidates(input, 2), model('classifier', 'lexicalAnswer'));
    expect(decision.ranked[0]!.key).toBe('faq:pay');
    expect(decision).toMatchObject({ action: 'answer', key: 'faq:pay' });
  });

  it('keeps the lexical engine\u2019s answer when the first record is unsure and the ranking still gives it enough', () => {
    // Ranked by the encoder, "fees" comes first, but not confidently; the lexical engine answered "pay".
    const decision = decideFused(fuseCandidates(input, 2), model('meaning', 'meaningLead'));
    expect(decision.ranked[0]!.key).toBe('faq:fees');
    expect(decision.ranked.find((r) => r.key === 'faq:pay')!.probability).toBeGreaterThan(0.6);
    expect(decision).toMatchObject({ action: 'answer', key: 'faq:pay' });
    // With a higher bar for it, the unsure first record is only suggested.
    const strict = decideFused(fuseCandidates(input, 2), { ...model('meaning', 'meaningLead'), keepLexicalAt: 0.999 });
    expect(strict).toMatchObject({ action: 'suggest', key: 'faq:fees' });
    expect(strict.confidence).toBeGreaterThan(0.5);
    expect(strict.confidence).toBeLessThan(0.99);
  });

  it('answers with the lexical suggestion that the encoder and the classifier both put first, above the tie-break bar', () => {
    // The lexical engine is unsure between "pay" and "fees"; the encoder's closest and the
    // classifier's likeliest are both "fees" (0.6); the ranking and confidence models are unsure.
    const unsure: FusedInput = {
      lexical: [
        { key: 'faq:pay', score: 0.5, statesWhatIsAsked: true },
        { key: 'faq:fees', score: 0.45, statesWhatIsAsked: true },
      ],
      lexicalDecision: { answer: null, suggestions: ['faq:pay', 'faq:fees'] },
      meaning: [
        { key: 'faq:fees', closest: 0.7, centroid: 0.6, rank: 1, classifierProbability: 0.6, neighbor: 0.8 },
        { key: 'faq:pay', closest: 0.5, centroid: 0.5, rank: 2, classifierProbability: 0.3, neighbor: 0.8 },
      ],
    };
    const unsureModel = { ...model('lexicalScore', 'agreement'), answerAt: 1, keepLexicalAt: 1 };
    expect(decideFused(fuseCandidates(unsure, 2), { ...unsureModel, tieBreakAt: 0.5 })).toMatchObject({ action: 'answer', rule: 'agreed suggestion', key: 'faq:fees' });
    expect(decideFused(fuseCandidates(unsure, 2), { ...unsureModel, tieBreakAt: 0.7 })).toMatchObject({ action: 'suggest', key: 'faq:pay' });
    // A record the lexical engine did not suggest is not answered this way, however sure the encoder is.
    const unsuggested = { ...unsure, lexicalDecision: { answer: null, suggestions: ['faq:pay'] } };
    expect(decideFused(fuseCandidates(unsuggested, 2), { ...unsureModel, tieBreakAt: 0.5 }).action).not.toBe('answer');
    // When the encoder and the classifier disagree, neither is.
    const split: FusedInput = { ...unsure, meaning: unsure.meaning.map((m) => ({ ...m, classifierProbability: m.key === 'faq:pay' ? 0.65 : 0.3 })) };
    expect(decideFused(fuseCandidates(split, 2), { ...unsureModel, tieBreakAt: 0.5 }).action).not.toBe('answer');
  });

  it('says nothing with no candidate', () => {
    const decision = decideFused([], model('classifier', 'agreement'));
    expect(decision).toEqual({ action: 'nothing', rule: 'below the bars', key: null, ranked: [], confidence: 0 });
  });
});

describe('decision model file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'faq-decision-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads the shipped model', () => {
    const shipped = loadDecisionModel();
    expect(shipped.ranking.features).toEqual([...candidateFeatures]);
    expect(shipped.answerAt).toBeGreaterThan(shipped.suggestAt);
  });

  it('names the file and the field of a corrupt model', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"format": "fused-decision 3",');
    expect(() => loadDecisionModel(broken)).toThrow(new RegExp(`Decision model ${broken}: .*JSON`));
    const good = model('classifier', 'agreement');
    const other = path.join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ ...good, ranking: { ...good.ranking, features: good.ranking.features.slice(1) } }));
    expect(() => loadDecisionModel(other)).toThrow(/other\.json: ranking: features must be, in order: lexicalScore, /);
    const missing = path.join(dir, 'missing.json');
    const { answerAt: _, ...withoutAnswerAt } = good;
    await writeFile(missing, JSON.stringify(withoutAnswerAt));
    expect(() => loadDecisionModel(missing)).toThrow(/missing\.json: answerAt: /);
  });
});
