import type { AnsweredReply, Confidence, Reply } from '../reply/replyModel.ts';
import type { ChosenRecord, Decision } from './decide.ts';
import type { EngineParts } from './engineBuilder.ts';

/** The last stage: a decision worded as the reply every front end renders. */
export function replyOfDecision(parts: ReplyParts, decision: Decision, question: string): Reply {
  const { catalog, replies } = parts;
  const refOf = (record: number) => {
    const { kind, id, title } = catalog.records[record]!;
    return { kind, id, title };
  };
  const answerOf = (chosen: ChosenRecord) => answerReply(parts, chosen, question);
  switch (decision.action) {
    case 'answer': {
      const [first, ...rest] = decision.answers;
      return rest.length === 0 ? answerOf(first) : { ...answerOf(first), also: rest.map(answerOf) };
    }
    case 'suggest':
      return replies.suggestions(question, round(decision.confidence), decision.records.map(refOf), decision.unstated);
    case 'nothing':
      return replies.noMatch(question, round(decision.confidence), decision.unstated);
    case 'chat':
      return replies.dialogue(question, decision.act);
  }
}

type ReplyParts = Pick<EngineParts, 'knowledge' | 'catalog' | 'replies'>;

/** One chosen record as an answer to `question`. */
export function answerReply({ knowledge, catalog, replies }: ReplyParts, { record, confidence, rows }: ChosenRecord, question: string): AnsweredReply {
  const found = catalog.records[record]!;
  const rounded = round(confidence);
  if (found.kind === 'faq') return replies.faq(knowledge.faq[found.position]!, question, rounded);
  if (found.kind === 'term') return replies.term(knowledge.terms[found.position]!, question, rounded);
  return replies.table(question, rounded, rows ?? undefined);
}

function round({ scale, value }: Confidence): Confidence {
  return { scale, value: Math.round(value * 1000) / 1000 };
}
