import type { Confidence, ConfidenceScale } from './replyModel.ts';

/** How sure the engine is of an answer, in words: what every front end shows, never a percentage. */
export type MatchStrength = 'strong' | 'good' | 'weak';

/**
 * Where each band starts on each scale: one meaning for "strong", "good" and "sure", whichever policy
 * decided. Answers right on the project's question sets (test/fixtures: styles, questions, holdout,
 * holdout2, followups, two-questions; the fused model was fit on them too) and, for the fused model,
 * on BANKING77's test questions, which it was never fit on:
 *
 * | band                          | score  | probability | right (score)  | right (probability)         |
 * | strong                        | ≥ 0.7  | ≥ 0.9       | 223 of 224     | 201 of 203; BANKING77 97%   |
 * | good                          | ≥ 0.5  | ≥ 0.7       | 84 of 88       | 101 of 107; BANKING77 0.8–0.9: 82% |
 * | weak                          | below  | below       | 23 of 28       | 12 of 12; BANKING77 0.6–0.7: 71% |
 * | sure (answer channels' bar)   | ≥ 0.6  | ≥ 0.9       | 266 of 268     | 201 of 203; BANKING77 97%   |
 *
 * A score is not a probability: 0.6 on it is right as often as 0.9 on the fused model's.
 */
const bandStarts: Readonly<Record<ConfidenceScale, { readonly strong: number; readonly good: number; readonly sure: number }>> = {
  score: { strong: 0.7, good: 0.5, sure: 0.6 },
  probability: { strong: 0.9, good: 0.7, sure: 0.9 },
};

/** "strong", "good" or "weak": the footer of an answer to free text ("match: strong"). */
export function matchStrength({ scale, value }: Confidence): MatchStrength {
  const starts = bandStarts[scale];
  if (value >= starts.strong) return 'strong';
  if (value >= starts.good) return 'good';
  return 'weak';
}

/**
 * Sure enough that the answer stands on its own: said where nobody asked the bot (answer channels),
 * and a follow-up answered this surely needs no context from the previous answer.
 */
export function isSure({ scale, value }: Confidence): boolean {
  return value >= bandStarts[scale].sure;
}
