import { z } from 'zod';
import { probability, type LogisticModel } from './logisticModel.ts';

// Two signals, one list: the records the lexical ranker found and the ones the sentence encoder
// found, each described by both (its lexical score, its similarity, its rank in each list, whether
// both put it first…). A ranking model orders that list; a confidence model says how likely its
// first record is the answer; two thresholds turn that into answer / suggestions / nothing. Both
// models and the thresholds are fit by scripts/fitDecision.ts on questions nobody here wrote
// (BANKING77's validation questions) and the project's own question sets.

/** A record the lexical ranker weighed, best first. */
export interface LexicalCandidate {
  readonly key: string;
  readonly score: number;
  /** False when the record lacks what the question asks for (a percentage, an amount…). */
  readonly statesWhatIsAsked: boolean;
}

/** A record the encoder found close, with its rank among all records (1 = closest). */
export interface MeaningCandidate {
  readonly key: string;
  readonly closest: number;
  readonly centroid: number;
  readonly rank: number;
}

export const candidateFeatures = [
  'lexicalScore',
  'lexicalLead',
  'lexicalRank',
  'meaning',
  'meaningLead',
  'meaningClosest',
  'meaningCentroid',
  'meaningRank',
  'lexicalFirst',
  'meaningFirst',
  'bothFirst',
  'statesWhatIsAsked',
  'lexicalTimesMeaning',
] as const;
export type CandidateFeature = (typeof candidateFeatures)[number];

export const confidenceFeatures = ['rankingProbability', 'bothFirst', 'lexicalLead', 'meaningLead', 'meaning', 'lexicalScore'] as const;

/** One record of the fused list and what both signals say about it. */
export interface FusedCandidate {
  readonly key: string;
  readonly features: Readonly<Record<CandidateFeature, number>>;
}

/**
 * The union of the lexical candidates and the encoder's closest `meaningLimit` records. `meaning`
 * must hold every lexical candidate too (whatever its rank), so each gets its similarity.
 */
export function fuseCandidates(lexical: readonly LexicalCandidate[], meaning: readonly MeaningCandidate[], meaningLimit: number): FusedCandidate[] {
  const meaningOf = new Map(meaning.map((m) => [m.key, m]));
  const similarity = (m: MeaningCandidate | undefined) => (m ? (m.closest + m.centroid) / 2 : 0);
  const byRank = [...meaning].sort((a, b) => a.rank - b.rank);
  const keys = [...new Set([...lexical.map((c) => c.key), ...byRank.slice(0, meaningLimit).map((m) => m.key)])];
  const lexicalFirst = lexical[0]?.key ?? null;
  const meaningFirst = byRank[0]?.key ?? null;
  return keys.map((key) => {
    const lexicalAt = lexical.findIndex((c) => c.key === key);
    const lex = lexical[lexicalAt];
    const lexicalScore = lex?.score ?? 0;
    const otherLexical = Math.max(0, ...lexical.filter((c) => c.key !== key).map((c) => c.score));
    const m = meaningOf.get(key);
    const meaningScore = similarity(m);
    const otherMeaning = byRank.find((other) => other.key !== key);
    return {
      key,
      features: {
        lexicalScore,
        lexicalLead: lexicalScore - otherLexical,
        lexicalRank: lexicalAt >= 0 ? 1 / (lexicalAt + 1) : 0,
        meaning: meaningScore,
        meaningLead: meaningScore - (otherMeaning ? similarity(otherMeaning) : 0),
        meaningClosest: m?.closest ?? 0,
        meaningCentroid: m?.centroid ?? 0,
        meaningRank: m ? 1 / m.rank : 0,
        lexicalFirst: Number(key === lexicalFirst),
        meaningFirst: Number(key === meaningFirst),
        bothFirst: Number(key === lexicalFirst && key === meaningFirst),
        statesWhatIsAsked: Number(lex?.statesWhatIsAsked ?? true),
        lexicalTimesMeaning: lexicalScore * meaningScore,
      },
    };
  });
}

const logisticSchema = z.strictObject({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  spread: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

export const decisionModelSchema = z.strictObject({
  format: z.literal('fused-decision 1'),
  /** How many of the encoder's closest records join the lexical candidates. */
  meaningLimit: z.number().int().positive(),
  ranking: logisticSchema.refine((m) => m.features.join() === candidateFeatures.join(), { error: 'ranking features differ from this build' }),
  confidence: logisticSchema.refine((m) => m.features.join() === confidenceFeatures.join(), { error: 'confidence features differ from this build' }),
  /** Answer when the confidence is at least this… */
  answerAt: z.number().min(0).max(1),
  /** …and the record has at least this lexical score: some words of the question are in it. */
  minLexicalScore: z.number().min(0),
  /** Below `answerAt`, suggest the first records when the confidence is at least this. */
  suggestAt: z.number().min(0).max(1),
  /** How many records a suggestion list offers. */
  maxSuggestions: z.number().int().positive(),
});
export type DecisionModel = z.infer<typeof decisionModelSchema>;

export interface FusedDecision {
  readonly action: 'answer' | 'suggest' | 'nothing';
  /** The fused list, most likely right first, with the ranking model's probability. */
  readonly ranked: readonly { readonly key: string; readonly probability: number }[];
  /** How likely the first record is the answer, 0..1 (calibrated on the fitting sets). */
  readonly confidence: number;
}

export function rankCandidates(candidates: readonly FusedCandidate[], ranking: LogisticModel): { candidate: FusedCandidate; probability: number }[] {
  return candidates
    .map((candidate, order) => ({ candidate, order, probability: probability(ranking, candidateFeatures.map((name) => candidate.features[name])) }))
    .sort((a, b) => b.probability - a.probability || a.order - b.order)
    .map(({ candidate, probability: p }) => ({ candidate, probability: p }));
}

export function confidenceOf(ranked: readonly { candidate: FusedCandidate; probability: number }[], model: LogisticModel): number {
  const [first] = ranked;
  if (!first) return 0;
  const values: Record<(typeof confidenceFeatures)[number], number> = {
    rankingProbability: first.probability,
    bothFirst: first.candidate.features.bothFirst,
    lexicalLead: first.candidate.features.lexicalLead,
    meaningLead: first.candidate.features.meaningLead,
    meaning: first.candidate.features.meaning,
    lexicalScore: first.candidate.features.lexicalScore,
  };
  return probability(model, confidenceFeatures.map((name) => values[name]));
}

export function decideFused(candidates: readonly FusedCandidate[], model: DecisionModel): FusedDecision {
  const ranked = rankCandidates(candidates, model.ranking);
  const confidence = confidenceOf(ranked, model.confidence);
  const first = ranked[0]?.candidate;
  const action = !first
    ? 'nothing'
    : confidence >= model.answerAt && first.features.lexicalScore >= model.minLexicalScore
      ? 'answer'
      : confidence >= model.suggestAt
        ? 'suggest'
        : 'nothing';
  return { action, ranked: ranked.map(({ candidate, probability: p }) => ({ key: candidate.key, probability: p })), confidence };
}
