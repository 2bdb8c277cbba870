import type { Reply } from '../reply/replyModel.ts';
import { groupingKey } from '../questionLog/groupingKey.ts';
import { addAlternate } from '../store/addAlternate.ts';
import { KnowledgeFileError, type Actor, type KnowledgeWriter } from '../store/knowledgeWriter.ts';
import { outcomeOf } from '../store/regressions.ts';
import type { ServingStore } from './recordKinds.ts';
import type { Refusal } from './refusal.ts';

/** A member's question made a phrasing of an FAQ record. */
export interface AlternateAdded {
  readonly ok: true;
  readonly recordId: string;
  /** It was a phrasing of the record already: nothing was written. */
  readonly alreadyThere: boolean;
  /** Added to regressions.yaml, already listed there, or why it was not added. */
  readonly regression: 'added' | 'listed' | string;
  /** What members asking it get now. */
  readonly answer: Reply;
  /** `answer` is the record's own: the question reaches it. */
  readonly reachesRecord: boolean;
}

export interface AlternatesDeps {
  readonly store: ServingStore;
  readonly writer: KnowledgeWriter;
  /** Where the gap rows the question answers are hidden; absent: the question log is off. */
  readonly dismiss?: (groupingKeys: readonly string[]) => void;
}

/**
 * Adds `question` as an alternate of FAQ record `recordId` (validated, atomic, audited, served at
 * once), lists it in regressions.yaml only when it reaches the record (so `npm run validate` keeps
 * passing), and hides the gap rows it answers: `gapKeys`, or the question's own grouping key.
 */
export async function addQuestionAsAlternate(deps: AlternatesDeps, recordId: string, question: string, by: Actor, gapKeys?: readonly string[]): Promise<AlternateAdded | Refusal> {
  let result;
  try {
    // Asked of the knowledge served after the edit (the writer reloads it before answering).
    result = await addAlternate(deps.writer, recordId, question, by, (asked) => outcomeOf(deps.store.current().engine.ask(asked)));
  } catch (error) {
    if (!(error instanceof KnowledgeFileError)) throw error;
    return { ok: false, reason: 'unreadable_file', message: error.message, fileName: error.fileName, problems: error.problems };
  }
  if (!result.ok) return { ok: false, reason: 'invalid', message: result.message };
  deps.dismiss?.(gapKeys ?? [groupingKey(question)]);
  const answer = deps.store.current().engine.ask(question);
  const expect = `faq:${recordId}`;
  return { ok: true, recordId, alreadyThere: result.alreadyThere, regression: result.regression, answer, reachesRecord: result.reaches === expect && outcomeOf(answer) === expect };
}
