import { confidenceOf, fuseCandidates as describeForModel, rankCandidates, type DecisionModel } from '../meaning/fusedDecision.ts';
import type { DecisionPolicy } from './decisionPolicy.ts';
import type { FusedCandidate } from './fuseCandidates.ts';

/**
 * The decision by a fitted model (`src/meaning/fusedDecision.ts`, fit by scripts/fitDecision.ts) of
 * both signals: a ranking model orders the fused list, a confidence model says how likely its first
 * record is the answer, and the model's thresholds make that an answer, suggestions or nothing. The
 * features are described by the same function the fit read them with, so a refit model drops in.
 * It never answers two records as a pair: the model was not fit to.
 */
export function fusedPolicy(model: DecisionModel): DecisionPolicy {
  return {
    name: 'fused',
    rank(candidates) {
      const keyOf = (candidate: FusedCandidate) => String(candidate.record);
      const byKey = new Map(candidates.map((candidate) => [keyOf(candidate), candidate]));
      const lexical = candidates
        .filter((candidate) => candidate.features.lexicalRank > 0)
        .sort((a, b) => a.features.lexicalRank - b.features.lexicalRank)
        .map((candidate) => ({ key: keyOf(candidate), score: candidate.features.lexicalScore, statesWhatIsAsked: candidate.features.statesAsked }));
      const meaning = candidates.flatMap(({ record, features: { meaning: match } }) =>
        match ? [{ key: String(record), closest: match.closest, centroid: match.centroid, rank: match.rank }] : [],
      );
      const ranked = rankCandidates(describeForModel(lexical, meaning, model.meaningLimit), model.ranking);
      const confidence = confidenceOf(ranked, model.confidence);
      // The first record's confidence is the calibrated one; no other is surer than it.
      return ranked.map(({ candidate, probability }, at) => ({ candidate: byKey.get(candidate.key)!, confidence: at === 0 ? confidence : Math.min(confidence, probability) }));
    },
    judge(ranked) {
      const [best] = ranked;
      const suggested = ranked.slice(0, model.maxSuggestions);
      if (best && best.confidence >= model.answerAt && best.candidate.features.lexicalScore >= model.minLexicalScore) return { action: 'answer', suggested };
      if (best && best.confidence >= model.suggestAt) return { action: 'suggest', suggested };
      return { action: 'nothing', suggested: [] };
    },
  };
}
