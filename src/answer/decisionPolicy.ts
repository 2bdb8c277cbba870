import type { ConfidenceScale } from '../reply/replyModel.ts';
import type { FusedCandidate } from './fuseCandidates.ts';

/** What a policy may know of the question and the records besides the candidates' features. */
export interface PolicyContext {
  /** Whether two records name each other as related (answered together when too close to tell apart). */
  related(a: number, b: number): boolean;
  /** Whether a record is an FAQ answer (not a glossary term or the table). */
  isFaq(record: number): boolean;
  /** What the lexical thresholds alone decided on the same reading (null when only they decide). */
  readonly lexical: LexicalVerdict | null;
}

/** The lexical decision, for a policy that weighs it as one more signal. */
export interface LexicalVerdict {
  /** The record the lexical thresholds answer with (the first of a pair), or null. */
  readonly answer: number | null;
  /** The records they offer instead, best first (empty when they answer or find nothing). */
  readonly suggestions: readonly number[];
}

/** A candidate as a policy ranks it, with how sure it is (0..1, on the policy's `scale`) that it is what was asked. */
export interface RankedCandidate {
  readonly candidate: FusedCandidate;
  readonly confidence: number;
}

/**
 * What to do with the fused list, before the requirement rules: `decide` still turns an answer or a
 * pair into suggestions when a record does not state what the question asks for.
 * - answer: the first record answers the question;
 * - pair: the first two, too close to tell apart and related, answer it together;
 * - suggest: offer `suggested` ("did you mean…");
 * - nothing: nothing is close enough to offer.
 */
export interface PolicyVerdict {
  readonly action: 'answer' | 'pair' | 'suggest' | 'nothing';
  /** The records worth offering, best first (never empty unless the action is `nothing`). */
  readonly suggested: readonly RankedCandidate[];
  /** Why, in words, with the numbers and the bars they met or missed: what `ask --explain` shows. */
  readonly reason: string;
}

/**
 * How the decide stage weighs the fused features: the thresholds of the lexical ranker
 * (`lexicalPolicy`), or a model fitted on questions nobody here wrote, through the same interface.
 */
export interface DecisionPolicy {
  readonly name: string;
  /** What its confidences are: replies carry it, so front ends read them in the bands of that scale. */
  readonly scale: ConfidenceScale;
  /** The fused list, best first, as this policy trusts it; candidates it would never offer may be left out. */
  rank(candidates: readonly FusedCandidate[], lexical: LexicalVerdict | null): RankedCandidate[];
  /** What to do with the list `rank` made. */
  judge(ranked: readonly RankedCandidate[], context: PolicyContext): PolicyVerdict;
}
