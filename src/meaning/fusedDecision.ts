import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { probability, type LogisticModel } from './logisticModel.ts';

// Three signals, one list: the records the lexical ranker found, the ones the sentence encoder
// found closest, and the ones the record classifier (recordClassifier.ts) finds most likely, each
// described by all three (its lexical score, its similarity, its probability, its rank in each
// list, whether they put it first, whether the lexical engine itself answered with it…). A ranking
// model orders that list; a confidence model says how likely its first record is the answer;
// thresholds turn that into answer / suggestions / nothing. Both models and the thresholds are
// fit by scripts/fitDecision.ts on questions nobody here wrote (BANKING77's validation questions)
// and the project's own question sets, and written as JSON (data/fused-decision.json).

/** A record the lexical ranker weighed, best first. */
export interface LexicalCandidate {
  readonly key: string;
  readonly score: number;
  /** False when the record lacks what the question asks for (a percentage, an amount…). */
  readonly statesWhatIsAsked: boolean;
}

/**
 * A record the encoder found (`PhrasingIndex.nearest`): its cosines, its rank among all records
 * by them (1 = closest), and the record classifier's probability (0 without a classifier).
 */
export interface MeaningCandidate {
  readonly key: string;
  readonly closest: number;
  readonly centroid: number;
  readonly rank: number;
  readonly classifierProbability: number;
  /** Cosine of the record's centroid and the closest other record's (`MeaningMatch.neighbor`). */
  readonly neighbor: number;
}

/** What the lexical engine decided on its own: the record it answers with, the ones it suggests. */
export interface LexicalDecision {
  readonly answer: string | null;
  readonly suggestions: readonly string[];
}

/** Everything the fused decision reads about one question. */
export interface FusedInput {
  readonly lexical: readonly LexicalCandidate[];
  readonly lexicalDecision: LexicalDecision;
  /** The encoder's closest `meaningLimit` records, the classifier's likeliest, and every lexical candidate (whatever its rank). */
  readonly meaning: readonly MeaningCandidate[];
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
  'classifier',
  'classifierLead',
  'lexicalFirst',
  'meaningFirst',
  'classifierFirst',
  'agreement',
  'lexicalAnswer',
  'lexicalSuggestion',
  'statesWhatIsAsked',
  'neighbor',
] as const;
export type CandidateFeature = (typeof candidateFeatures)[number];

export const confidenceFeatures = [
  'rankingProbability',
  'rankingLead',
  'agreement',
  'lexicalAnswer',
  'lexicalScore',
  'lexicalLead',
  'meaning',
  'meaningLead',
  'classifier',
  'classifierLead',
  'neighbor',
] as const;
export type ConfidenceFeature = (typeof confidenceFeatures)[number];

/** One record of the fused list and what the signals say about it. */
export interface FusedCandidate {
  readonly key: string;
  readonly features: Readonly<Record<CandidateFeature, number>>;
}

const similarity = (m: MeaningCandidate | undefined) => (m ? (m.closest + m.centroid) / 2 : 0);

/**
 * The union of the lexical candidates, the encoder's closest `meaningLimit` records and the
 * classifier's likeliest `meaningLimit`, each with what every signal says about it. With no
 * encoder (`meaning` empty), the lexical candidates alone.
 */
export function fuseCandidates({ lexical, lexicalDecision, meaning }: FusedInput, meaningLimit: number): FusedCandidate[] {
  const meaningOf = new Map(meaning.map((m) => [m.key, m]));
  const bySimilarity = [...meaning].sort((a, b) => a.rank - b.rank);
  const byClassifier = [...meaning].sort((a, b) => b.classifierProbability - a.classifierProbability);
  const keys = [
    ...new Set([
      ...lexical.map((c) => c.key),
      ...bySimilarity.slice(0, meaningLimit).map((m) => m.key),
      ...byClassifier.slice(0, meaningLimit).filter((m) => m.classifierProbability > 0).map((m) => m.key),
    ]),
  ];
  const lexicalFirst = lexical[0]?.key ?? null;
  const meaningFirst = bySimilarity[0]?.key ?? null;
  const classifierFirst = byClassifier[0] && byClassifier[0].classifierProbability > 0 ? byClassifier[0].key : null;
  const suggested = new Set(lexicalDecision.suggestions);
  return keys.map((key) => {
    const lexicalAt = lexical.findIndex((c) => c.key === key);
    const lex = lexical[lexicalAt];
    const lexicalScore = lex?.score ?? 0;
    const otherLexical = Math.max(0, ...lexical.filter((c) => c.key !== key).map((c) => c.score));
    const m = meaningOf.get(key);
    const meaningScore = similarity(m);
    const otherMeaning = bySimilarity.find((other) => other.key !== key);
    const classifier = m?.classifierProbability ?? 0;
    const otherClassifier = byClassifier.find((other) => other.key !== key)?.classifierProbability ?? 0;
    const firsts = [key === lexicalFirst, key === meaningFirst, key === classifierFirst];
    return {
      key,
      features: {
        lexicalScore,
        lexicalLead: lexicalScore - otherLexical,
        lexicalRank: lexicalAt >= 0 ? 1 / (lexicalAt + 1) : 0,
        meaning: meaningScore,
        meaningLead: m ? meaningScore - (otherMeaning ? similarity(otherMeaning) : 0) : 0,
        meaningClosest: m?.closest ?? 0,
        meaningCentroid: m?.centroid ?? 0,
        meaningRank: m ? 1 / m.rank : 0,
        classifier,
        classifierLead: classifier - otherClassifier,
        lexicalFirst: Number(firsts[0]),
        meaningFirst: Number(firsts[1]),
        classifierFirst: Number(firsts[2]),
        agreement: firsts.filter(Boolean).length,
        lexicalAnswer: Number(key === lexicalDecision.answer),
        lexicalSuggestion: Number(suggested.has(key)),
        statesWhatIsAsked: Number(lex?.statesWhatIsAsked ?? true),
        neighbor: m?.neighbor ?? 0,
      },
    };
  });
}

const logisticSchema = (names: readonly string[]) =>
  z
    .strictObject({
      features: z.array(z.string()),
      mean: z.array(z.number()),
      spread: z.array(z.number().positive()),
      weights: z.array(z.number()),
      bias: z.number(),
    })
    .refine((m) => m.features.join() === names.join(), { error: `features must be, in order: ${names.join(', ')} (the model was fit by another version: refit it)` })
    .refine((m) => m.mean.length === names.length && m.spread.length === names.length && m.weights.length === names.length, {
      error: `mean, spread and weights must each hold ${names.length} numbers`,
    });

export const decisionModelSchema = z.strictObject({
  format: z.literal('fused-decision 3'),
  /** What it was fit on and with which bounds: for the operator who reads the file. */
  fitOn: z.string(),
  /** How many of the encoder's (and the classifier's) likeliest records join the lexical candidates. */
  meaningLimit: z.number().int().positive(),
  /** The temperature of the classifier's softmax the model was fit with (PhrasingIndexOptions). */
  classifierTemperature: z.number().positive(),
  ranking: logisticSchema(candidateFeatures),
  confidence: logisticSchema(confidenceFeatures),
  /** Answer with the fused list's first record when the confidence is at least this… */
  answerAt: z.number().min(0).max(1),
  /**
   * …else with the record the lexical engine answered with, when the ranking model gives it at
   * least this probability: where the lexical engine is sure and the other signals do not
   * contradict it, its answer stands.
   */
  keepLexicalAt: z.number().min(0).max(1),
  /**
   * …else, when the lexical engine only suggested, with the suggestion that the encoder's closest
   * and the classifier's likeliest record both are, when the classifier gives it at least this
   * probability (above 1: never). Questions told in a member's own words (their situation, other
   * words for the knowledge's) leave the lexical engine unsure between a few records; there the two
   * readings of meaning agreeing on one of them is right far more often than either alone.
   */
  tieBreakAt: z.number().min(0).max(1.01),
  /** Below those, suggest the first records when the confidence is at least this. */
  suggestAt: z.number().min(0).max(1),
  /** How many records a suggestion list offers. */
  maxSuggestions: z.number().int().positive(),
});
export type DecisionModel = z.infer<typeof decisionModelSchema>;

/** The decision model fit for the shipped knowledge and BANKING77 (scripts/fitDecision.ts). */
export const defaultDecisionModelFile = new URL('./data/fused-decision.json', import.meta.url);

/** Reads and checks a decision model file; the error names the file and the field. */
export function loadDecisionModel(file: string | URL = defaultDecisionModelFile): DecisionModel {
  const name = file instanceof URL ? file.pathname : file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Decision model ${name}: ${error instanceof Error ? error.message : String(error)} (refit it with scripts/fitDecision.ts --out)`);
  }
  const parsed = decisionModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Decision model ${name}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Which threshold decided: the three that answer, or none of them. */
export type FusedRule = 'first record' | 'lexical answer kept' | 'agreed suggestion' | 'below the bars';

export interface FusedDecision {
  readonly action: 'answer' | 'suggest' | 'nothing';
  readonly rule: FusedRule;
  /** The record answered with; for suggestions and nothing, the fused list's first (or null). */
  readonly key: string | null;
  /** The fused list, most likely right first, with the ranking model's probability. */
  readonly ranked: readonly { readonly key: string; readonly probability: number }[];
  /**
   * How likely `key` is the answer, 0..1: the confidence model's for the first record, the
   * ranking model's when the lexical engine's answer stands (both calibrated on the fitting sets).
   */
  readonly confidence: number;
}

export interface RankedCandidate {
  readonly candidate: FusedCandidate;
  readonly probability: number;
}

export function rankCandidates(candidates: readonly FusedCandidate[], ranking: LogisticModel): RankedCandidate[] {
  return candidates
    .map((candidate, order) => ({ candidate, order, probability: probability(ranking, candidateFeatures.map((name) => candidate.features[name])) }))
    .sort((a, b) => b.probability - a.probability || a.order - b.order)
    .map(({ candidate, probability: p }) => ({ candidate, probability: p }));
}

/** The confidence model's inputs for the first of a ranked list (null for an empty list). */
export function confidenceValues(ranked: readonly RankedCandidate[]): number[] | null {
  const [first, second] = ranked;
  if (!first) return null;
  const f = first.candidate.features;
  const values: Record<ConfidenceFeature, number> = {
    rankingProbability: first.probability,
    rankingLead: first.probability - (second?.probability ?? 0),
    agreement: f.agreement,
    lexicalAnswer: f.lexicalAnswer,
    lexicalScore: f.lexicalScore,
    lexicalLead: f.lexicalLead,
    meaning: f.meaning,
    meaningLead: f.meaningLead,
    classifier: f.classifier,
    classifierLead: f.classifierLead,
    neighbor: f.neighbor,
  };
  return confidenceFeatures.map((name) => values[name]);
}

export function confidenceOf(ranked: readonly RankedCandidate[], model: LogisticModel): number {
  const values = confidenceValues(ranked);
  return values ? probability(model, values) : 0;
}

/** What a question's fused list comes to, before the thresholds. */
export interface Standing {
  /** The fused list's first record and the confidence model's probability that it is right. */
  readonly first: { readonly key: string; readonly confidence: number } | null;
  /** The record the lexical engine answered with, if it is in the list, and the ranking model's probability. */
  readonly lexical: { readonly key: string; readonly probability: number } | null;
  /**
   * When the lexical engine only suggested: the suggestion that is both the encoder's closest and
   * the classifier's likeliest record, with the classifier's probability and the ranking model's.
   */
  readonly agreedSuggestion: { readonly key: string; readonly classifier: number; readonly probability: number } | null;
}

export function standingOf(ranked: readonly RankedCandidate[], confidenceModel: LogisticModel): Standing {
  const first = ranked[0];
  const lexical = ranked.find((r) => r.candidate.features.lexicalAnswer === 1);
  const agreed = lexical
    ? undefined
    : ranked.find(({ candidate: { features: f } }) => f.lexicalSuggestion === 1 && f.meaningFirst === 1 && f.classifierFirst === 1);
  return {
    first: first ? { key: first.candidate.key, confidence: confidenceOf(ranked, confidenceModel) } : null,
    lexical: lexical ? { key: lexical.candidate.key, probability: lexical.probability } : null,
    agreedSuggestion: agreed ? { key: agreed.candidate.key, classifier: agreed.candidate.features.classifier, probability: agreed.probability } : null,
  };
}

/** The thresholds applied to a standing. */
export function decideStanding(
  standing: Standing,
  model: Pick<DecisionModel, 'answerAt' | 'keepLexicalAt' | 'tieBreakAt' | 'suggestAt'>,
): Pick<FusedDecision, 'action' | 'rule' | 'key' | 'confidence'> {
  const { first, lexical, agreedSuggestion: agreed } = standing;
  if (!first) return { action: 'nothing', rule: 'below the bars', key: null, confidence: 0 };
  if (first.confidence >= model.answerAt) return { action: 'answer', rule: 'first record', key: first.key, confidence: first.confidence };
  if (lexical && lexical.probability >= model.keepLexicalAt) return { action: 'answer', rule: 'lexical answer kept', key: lexical.key, confidence: lexical.probability };
  if (agreed && agreed.classifier >= model.tieBreakAt) {
    return { action: 'answer', rule: 'agreed suggestion', key: agreed.key, confidence: agreed.key === first.key ? first.confidence : agreed.probability };
  }
  return { action: first.confidence >= model.suggestAt ? 'suggest' : 'nothing', rule: 'below the bars', key: first.key, confidence: first.confidence };
}

export function decideFused(candidates: readonly FusedCandidate[], model: DecisionModel): FusedDecision {
  const ranked = rankCandidates(candidates, model.ranking);
  return {
    ...decideStanding(standingOf(ranked, model.confidence), model),
    ranked: ranked.map(({ candidate, probability: p }) => ({ key: candidate.key, probability: p })),
  };
}
