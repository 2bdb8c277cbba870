import type { MeaningMatch } from '../meaning/phrasingIndex.ts';
import { isSure } from '../reply/confidenceBands.ts';
import type { RecordRef } from '../reply/replyModel.ts';
import { firstRecordOf, type Decision } from './decide.ts';
import type { EngineTuning } from './engineTuning.ts';
import type { LexicalRanker } from './lexicalCandidates.ts';
import { inContextOf, readPart, withoutContext, type Reader, type Reading } from './readQuestion.ts';
import { unmentionedNames } from './unmentionedNames.ts';
import { topicWeightOfStem as topicWeight } from '../text/wordCommonness.ts';

/** The stages after reading, run on any reading of the message. */
export interface Stages {
  readonly reader: Reader;
  readonly lexical: LexicalRanker;
  readonly tuning: EngineTuning;
  /** Candidates, fused list and decision for one reading; `meaning`: the encoder's neighbours of the message, if any. */
  decideReading(reading: Reading, meaning: readonly MeaningMatch[] | null): Decision;
}

export interface DialogueOptions {
  /** The record the bot answered last in this conversation: a follow-up ("and until when?") is read in its context. */
  readonly previous?: RecordRef;
  /** The encoder's closest records to the message (`MeaningSearch.nearest`), when it was asked. */
  readonly meaning?: readonly MeaningMatch[] | null;
}

// English pronouns that point back at what was said before.
const englishPointingBack = /\b(it|its|itself|that|this|those|these|they|them|one)\b/;

/**
 * A message in its conversation: the whole message decided, and where that leaves it unanswered,
 * other readings of it run through the same stages — each of its questions on its own, the question
 * without its context, the question in the context of the previous answer — before saying what the
 * sources do not mention.
 */
export function answerMessage(stages: Stages, message: Reading, { previous, meaning = null }: DialogueOptions = {}): Decision {
  if (message.act) return { action: 'chat', act: message.act };
  const { reader, tuning } = stages;
  const whole = stages.decideReading(message, meaning);

  if (message.parts.length >= 2) {
    // Each question is read with the others as its context (the encoder read the whole message, not this part).
    // Every part answered, each by its own record: all the answers.
    const parts = message.parts.map((_, i) => stages.decideReading(readPart(reader, message, i, tuning.otherQuestionsWeight), null));
    const firsts = parts.flatMap((part) => (part.action === 'answer' ? [part.answers[0]] : []));
    const [first, ...rest] = firsts;
    if (first && firsts.length === parts.length && new Set(firsts.map((answer) => answer.record)).size === parts.length) {
      return { action: 'answer', answers: [first, ...rest] };
    }
  }

  // The question without its context, when the context blurred it but points the same way.
  if (whole.action !== 'answer' && message.context) {
    const alone = stages.decideReading(withoutContext(message), meaning);
    if (alone.action === 'answer' && firstRecordOf(whole) === firstRecordOf(alone)) return alone;
  }

  if (previous) {
    // A short reply pointing back ("and what does it do for openai itself?") is about the previous
    // answer, however well it reads alone.
    const pointsBack = () => englishPointingBack.test(message.canonical) && message.canonical.split(' ').length <= tuning.followUpPointingWords;
    const clearAlone = whole.action === 'answer' && isSure(whole.answers[0].confidence);
    if ((!clearAlone || pointsBack()) && !asksSomethingNew(stages, message)) {
      const inContext = stages.decideReading(inContextOf(reader, message, previous.title, tuning.followUpContextWeight), meaning);
      if (inContext.action === 'answer') return inContext;
    }
  }
  return withUnmentionedNames(stages, whole, message);
}

/**
 * A message bringing a topic word the knowledge lacks ("how much is openai *worth*?" after the
 * revenue share) asks something new: reading it in the previous answer's context would only dress
 * the previous topic up as its answer. Everyday words ("what *problem* is it solving?") do not count.
 */
function asksSomethingNew({ lexical, tuning }: Stages, message: Reading): boolean {
  return lexical.unknownWords(message.tokens).some((token) => topicWeight(token.stem) >= tuning.followUpNewWordWeight);
}

/**
 * A decision that is no answer, told which names of the question no record mentions ("does anthropic
 * run claude on google cloud?"): the member learns why, not only what else there is.
 */
function withUnmentionedNames({ lexical, tuning }: Stages, decision: Decision, message: Reading): Decision {
  if ((decision.action !== 'suggest' && decision.action !== 'nothing') || decision.unstated) return decision;
  const unstated = unmentionedNames(lexical, message, tuning);
  return unstated ? { ...decision, unstated } : decision;
}
