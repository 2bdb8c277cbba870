import type { AnsweredReply, Reply, SuggestionsReply, Unstated } from '../../src/reply/replyModel.ts';

/** The reply as an answer; fails the test, naming what it was instead, when it is none. */
export function answered(reply: Reply): AnsweredReply {
  if (reply.status !== 'answered') throw new Error(`expected an answer to ${JSON.stringify(reply.question)}, got ${reply.status}`);
  return reply;
}

/** The reply as "did you mean…"; fails the test when it is not. */
export function suggested(reply: Reply): SuggestionsReply {
  if (reply.status !== 'suggestions') throw new Error(`expected suggestions for ${JSON.stringify(reply.question)}, got ${reply.status}`);
  return reply;
}

/** The id of the record a reply answers with; its status in brackets when it answers none. */
export function answerIdOf(reply: Reply): string {
  return reply.status === 'answered' ? reply.id : `(${reply.status})`;
}

/** What a reply that is no answer says the sources do not state; null for an answer or chat. */
export function unstatedOf(reply: Reply): Unstated | null {
  return reply.status === 'suggestions' || reply.status === 'no_match' ? reply.unstated : null;
}
