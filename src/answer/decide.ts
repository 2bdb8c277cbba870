import type { DialogueAct } from '../text/chatRegister.ts';
import { answersEachSide, directionOf } from './relations.ts';
import type { Confidence, Unstated } from '../reply/replyModel.ts';
import type { DecisionPolicy, LexicalVerdict, PolicyContext, RankedCandidate } from './decisionPolicy.ts';
import type { FusedCandidate } from './fuseCandidates.ts';
import type { Reading } from './readQuestion.ts';
import type { RecordCatalog } from './recordCatalog.ts';
import { unstatedOf } from './rules/ruleSet.ts';
import { unmentionedWords } from './unmentionedNames.ts';

/** A record chosen as (part of) the answer. */
export interface ChosenRecord {
  readonly record: number;
  /** How sure the decision is that it is what was asked. */
  readonly confidence: Confidence;
  /** For the comparison table: the rows the question names; null for the whole table. */
  readonly rows: readonly number[] | null;
}

/**
 * What the engine will say, before it is worded: the stage after `decide` (and `dialogue`, which
 * combines several) turns it into a `Reply`.
 */
export type Decision =
  /** The first record answers; any others answer with it (two related records, or a message's other questions). */
  | { readonly action: 'answer'; readonly answers: readonly [ChosenRecord, ...ChosenRecord[]] }
  /** "Did you mean…", and why no record answers when the decision can tell (`unstated`). */
  | { readonly action: 'suggest'; readonly records: readonly number[]; readonly confidence: Confidence; readonly unstated: Unstated | null }
  | { readonly action: 'nothing'; readonly confidence: Confidence; readonly unstated: Unstated | null }
  /** The message was only chat (thanks, a greeting…). */
  | { readonly action: 'chat'; readonly act: DialogueAct };

export interface Decider {
  readonly catalog: RecordCatalog;
  readonly policy: DecisionPolicy;
  /** The single table row a comparison question names, if it names one clearly. */
  readonly rowNamed: (canonical: string) => number | null;
  /** What the lexical thresholds decided on the same reading, when `policy` weighs it (the fused policy). */
  readonly lexical?: LexicalVerdict | null;
}

/**
 * The decide stage: the policy's verdict on the fused list, held to the requirement rules (no record
 * that lacks what the question asks for answers it) and to the question's direction, and said as an
 * answer, a pair, suggestions or nothing.
 */
export function decide(decider: Decider, reading: Reading, fused: readonly FusedCandidate[]): Decision {
  // A record that states the question's relation only the other way round ("does microsoft pay
  // openai?" for "does openai pay microsoft?") is no answer to it, however well its words match:
  // the others are decided on, and failing them it can only be suggested.
  const opposed = reading.relations.length === 0 ? [] : fused.filter(({ record }) => directionOf(reading.relations, decider.catalog.relations(record)) === 'opposite');
  if (opposed.length === 0) return decideAmong(decider, reading, fused);
  const others = decideAmong(decider, reading, fused.filter((candidate) => !opposed.includes(candidate)));
  if (others.action === 'answer') return others;
  const whole = decideAmong(decider, reading, fused);
  if (whole.action !== 'answer') return whole;
  const suggested = others.action === 'suggest' ? others.records : [];
  const records = [...new Set([...whole.answers.map(({ record }) => record), ...suggested])].slice(0, Math.max(suggested.length, whole.answers.length));
  return { action: 'suggest', records, confidence: others.action === 'chat' ? { scale: decider.policy.scale, value: 0 } : others.confidence, unstated: null };
}

/** What a policy may know besides the candidates: the catalog's relations and kinds, and the lexical verdict it weighs. */
export function policyContextOf(catalog: RecordCatalog, lexical: LexicalVerdict | null): PolicyContext {
  return { related: catalog.related, isFaq: (record) => catalog.records[record]?.kind === 'faq', lexical };
}

function decideAmong({ catalog, policy, rowNamed, lexical = null }: Decider, reading: Reading, fused: readonly FusedCandidate[]): Decision {
  const ranked = policy.rank(fused, lexical);
  const verdict = policy.judge(ranked, policyContextOf(catalog, lexical));
  const [best, second] = ranked;
  const confidenceOf = (value: number): Confidence => ({ scale: policy.scale, value });
  if (verdict.action === 'nothing' || !best) return { action: 'nothing', confidence: confidenceOf(best?.confidence ?? 0), unstated: null };

  const chosen = ({ candidate, confidence }: RankedCandidate, rows: readonly number[] | null = null): ChosenRecord => ({ record: candidate.record, confidence: confidenceOf(confidence), rows });
  // "Does Microsoft or OpenAI still pay?": two related records close enough to offer, one for each
  // name, answer it together; either alone would state one side as the whole truth.
  const otherSide = reading.alternatives.length === 2 && mayAnswer(best.candidate) ? otherSideOf(catalog, reading, best, verdict.suggested) : null;
  if (otherSide) return { action: 'answer', answers: [chosen(best), chosen(otherSide)] };
  if (verdict.action === 'answer' && mayAnswer(best.candidate)) {
    const isTable = catalog.records[best.candidate.record]?.kind === 'table';
    const row = isTable && reading.wording.comparison ? rowNamed(reading.canonical) : null;
    return { action: 'answer', answers: [chosen(best, row === null ? null : [row])] };
  }
  // Neither of two closely related records is clearly meant: both answers, each with its source,
  // say more than a "did you mean" and cannot state one side as the whole truth.
  if (verdict.action === 'pair' && second && mayAnswer(best.candidate) && mayAnswer(second.candidate)) {
    return { action: 'answer', answers: [chosen(best), chosen(second)] };
  }
  // "The sources don't give that percentage" only when none of the records offered gives one.
  const unmet = best.candidate.unmet;
  const unstated = unmet && verdict.suggested.every(({ candidate }) => candidate.unmet !== null) ? unstatedOf(unmet) : otherTopicOf(reading, best.candidate);
  return { action: 'suggest', records: verdict.suggested.map(({ candidate }) => candidate.record), confidence: confidenceOf(best.confidence), unstated };
}

/** Among `offered`, a record related to `best` that answers the other side of the question's alternatives. */
function otherSideOf(catalog: RecordCatalog, reading: Reading, best: RankedCandidate, offered: readonly RankedCandidate[]): RankedCandidate | null {
  const stated = catalog.relations(best.candidate.record);
  const askedStems = new Set(reading.tokens.filter((token) => token.contextWeight === undefined).map((token) => token.stem));
  return (
    offered.find(
      (other) =>
        other.candidate.record !== best.candidate.record &&
        catalog.related(best.candidate.record, other.candidate.record) &&
        mayAnswer(other.candidate) &&
        answersEachSide(reading.alternatives, askedStems, stated, catalog.relations(other.candidate.record)),
    ) ?? null
  );
}

/**
 * A record answers only when it states what the question asks for, and when the question does not
 * name, where the record names what it is about, something no record mentions ("what discount do
 * pensioners get?" is not answered by "students get 10% off").
 */
function mayAnswer(candidate: FusedCandidate): boolean {
  return candidate.unmet === null && (candidate.lexical?.otherTopicWords.length ?? 0) === 0;
}

/** "The sources don't mention pensioners.", for a plain question (a long message's own words are not named). */
function otherTopicOf(reading: Reading, candidate: FusedCandidate): Unstated | null {
  const words = candidate.lexical?.otherTopicWords ?? [];
  return words.length === 0 || reading.context !== '' ? null : unmentionedWords(reading.raw, words);
}

/** A decision as the fused policy reads it: what the lexical thresholds answered or offered. */
export function lexicalVerdictOf(decision: Decision): LexicalVerdict {
  if (decision.action === 'answer') return { answer: decision.answers[0].record, suggestions: [] };
  return { answer: null, suggestions: decision.action === 'suggest' ? decision.records : [] };
}

/** The record a decision puts first: its answer, or its first suggestion. */
export function firstRecordOf(decision: Decision): number | null {
  if (decision.action === 'answer') return decision.answers[0].record;
  if (decision.action === 'suggest') return decision.records[0] ?? null;
  return null;
}
