import type { MeaningMatch, MeaningSearch, MeaningStatus } from '../meaning/meaningSearch.ts';
import type { RecordRef, Reply } from '../reply/replyModel.ts';
import type { AnswerEngine } from './answerEngine.ts';

export interface AnswerOptions {
  /** The record the bot answered last in this conversation, for a follow-up. */
  readonly previous?: RecordRef | null | undefined;
  /** The sentence encoder (MEANING=on); absent: the words alone. */
  readonly meaning?: Pick<MeaningSearch, 'nearest' | 'status'> | undefined;
}

/**
 * A member's question answered, the one way every adapter (Discord, terminal) does it: when the
 * sentence encoder has an index, the question is embedded in its worker and its nearest records
 * join the lexical ones for the engine to decide on; otherwise (off, starting, indexing the first
 * knowledge, failed) the engine answers from the words alone, at once.
 */
export async function answerQuestion(engine: AnswerEngine, question: string, { previous, meaning }: AnswerOptions = {}): Promise<Reply> {
  const neighbours = await neighboursOf(engine, question, meaning);
  return engine.ask(question, { ...(previous ? { previous } : {}), meaning: neighbours });
}

/** The encoder's nearest records to `question` for `engine.ask`/`explain`; null when it has no index (or is off). */
export async function neighboursOf(engine: AnswerEngine, question: string, meaning: AnswerOptions['meaning']): Promise<readonly MeaningMatch[] | null> {
  // Reading the message for the encoder costs a lexical pass: skipped when it has nothing to say.
  if (!meaning || !hasIndex(meaning.status())) return null;
  const { meaningQuery } = engine.read(question);
  return meaningQuery ? meaning.nearest(meaningQuery.text, meaningQuery.limit, meaningQuery.also) : null;
}

function hasIndex(status: MeaningStatus): boolean {
  return status.state === 'ready' || (status.state === 'indexing' && status.serving);
}
