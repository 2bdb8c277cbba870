import type { RecordRef } from '../../reply/replyModel.ts';
import type { AnswerEngine } from '../../answer/answerEngine.ts';
import type { AnsweredRecord } from '../render/answerIds.ts';

/**
 * The records the engine weighed for a question besides the one it answered with, best first: what
 * a member who found the answer unhelpful may have meant.
 */
export function otherCandidates(engine: AnswerEngine, question: string, answered: AnsweredRecord | null, max = 4): RecordRef[] {
  const seen = new Set<string>(answered ? [`${answered.kind}:${answered.id}`] : []);
  const others: RecordRef[] = [];
  for (const candidate of engine.explain(question).candidates) {
    const ref = candidate.record;
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    others.push(ref);
    if (others.length === max) break;
  }
  return others;
}
