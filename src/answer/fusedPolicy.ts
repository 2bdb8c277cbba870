import { decideFused, fuseCandidates as describeForModel, type DecisionModel, type FusedDecision, type LexicalCandidate, type MeaningCandidate } from '../meaning/fusedDecision.ts';
import type { DecisionPolicy, LexicalVerdict, RankedCandidate } from './decisionPolicy.ts';
import type { FusedCandidate } from './fuseCandidates.ts';

/**
 * The decision by a fitted model (`src/meaning/fusedDecision.ts`, fit by scripts/fitDecision.ts) of
 * three signals: the lexical candidates (and what the lexical thresholds decided on them), the
 * encoder's closest records and its classifier's likeliest. A ranking model orders the fused list, a
 * confidence model says how likely its first record is the answer; above `answerAt` that record
 * answers, else the lexical answer stands when the ranking model still gives it `keepLexicalAt`,
 * else, when the lexical engine only suggested, the suggestion the encoder and the classifier both
 * put first answers when the classifier gives it `tieBreakAt`, else suggestions above `suggestAt`,
 * else nothing. The features are described by the same function
 * the fit read them with, so a refit model drops in. It never answers two records as a pair: the
 * model was not fit to.
 */
export function fusedPolicy(model: DecisionModel): DecisionPolicy {
  const decisionOf = (candidates: readonly FusedCandidate[], lexical: LexicalVerdict | null) => decideFused(describeForModel(fusedInputOf(candidates, lexical), model.meaningLimit), model);
  // `judge` is given the list `rank` made from the same decision: it reads that decision rather
  // than running both models again for every question.
  const decisionOfList = new WeakMap<readonly RankedCandidate[], FusedDecision>();
  return {
    name: 'fused',
    scale: 'probability',
    rank(candidates, lexical) {
      const byKey = new Map(candidates.map((candidate) => [String(candidate.record), candidate]));
      const decision = decisionOf(candidates, lexical);
      // The record the decision answers with comes first, with the decision's confidence (the
      // lexical answer it kept may not be the model's first); the others keep the model's order.
      const first = decision.action === 'answer' ? decision.key : decision.ranked[0]?.key;
      const order = [...decision.ranked].sort((a, b) => Number(b.key === first) - Number(a.key === first));
      const ranked = order.map(({ key, probability }, at) => ({ candidate: byKey.get(key)!, confidence: at === 0 ? decision.confidence : Math.min(decision.confidence, probability) }));
      decisionOfList.set(ranked, decision);
      return ranked;
    },
    judge(ranked, context) {
      if (ranked.length === 0) return { action: 'nothing', suggested: [], reason: 'no candidate' };
      const decision = decisionOfList.get(ranked) ?? decisionOf(ranked.map(({ candidate }) => candidate), context.lexical);
      const reason = reasonOf(decision, model);
      // The encoder may answer what the words alone only suggested, but never silences their "did you
      // mean…": a question the bot with MEANING=off meets with suggestions gets suggestions here too.
      const lexicalSuggested = (context.lexical?.suggestions.length ?? 0) > 0;
      if (decision.action === 'nothing' && !lexicalSuggested) return { action: 'nothing', suggested: [], reason };
      const suggested = ranked.slice(0, model.maxSuggestions);
      if (decision.action === 'nothing') return { action: 'suggest', suggested, reason: `${reason}; the words alone suggested records, so they are offered` };
      return { action: decision.action, suggested, reason };
    },
  };
}

/** Which bar the decision met or missed, with its number: for `ask --explain`. */
function reasonOf({ rule, confidence }: FusedDecision, model: DecisionModel): string {
  const value = Math.round(confidence * 1000) / 1000;
  const likely = `${value} likely`;
  switch (rule) {
    case 'first record':
      return `the fused list's first record, ${likely} (answers from ${model.answerAt})`;
    case 'lexical answer kept':
      return `the words' own answer, kept: the ranking gives it ${value} (from ${model.keepLexicalAt})`;
    case 'agreed suggestion':
      return `the words' suggestion that the encoder's closest and the classifier's likeliest record both are (the classifier gives it ${model.tieBreakAt} or more)`;
    case 'below the bars':
      return confidence >= model.suggestAt
        ? `the first record is ${likely} (answers from ${model.answerAt}, suggestions from ${model.suggestAt})`
        : `the first record is ${likely} (suggestions from ${model.suggestAt})`;
  }
}

/** The fused list as the model was fit to read it (`scripts/meaningFeatureTypes.ts`), records by their number. */
function fusedInputOf(candidates: readonly FusedCandidate[], lexical: LexicalVerdict | null) {
  const lexicalCandidates: LexicalCandidate[] = candidates
    .filter((candidate) => candidate.features.lexicalRank > 0)
    .sort((a, b) => a.features.lexicalRank - b.features.lexicalRank)
    .map((candidate) => ({ key: String(candidate.record), score: candidate.features.lexicalScore, statesWhatIsAsked: candidate.features.statesAsked }));
  const meaning: MeaningCandidate[] = candidates.flatMap(({ record, features: { meaning: match } }) =>
    match
      ? [{ key: String(record), closest: match.closest, centroid: match.centroid, rank: match.rank, classifierProbability: match.classifierProbability, neighbor: match.neighbor }]
      : [],
  );
  const lexicalDecision = { answer: lexical?.answer == null ? null : String(lexical.answer), suggestions: (lexical?.suggestions ?? []).map(String) };
  return { lexical: lexicalCandidates, lexicalDecision, meaning };
}
