import { discordLimits } from '../knowledge/discordLimits.ts';
import type { FaqRecord } from '../knowledge/schema.ts';
import { normalizeText } from '../text/normalizeText.ts';
import { appendRegression } from './appendRegression.ts';
import { unsafeTextProblem } from './unsafeText.ts';
import type { Actor, EditResult, KnowledgeWriter } from './knowledgeWriter.ts';

export type AddAlternateResult =
  | {
      readonly ok: true;
      readonly record: FaqRecord;
      readonly alreadyThere: boolean;
      readonly edit: EditResult<FaqRecord> | null;
      /** Added to regressions.yaml, already listed there, or why it was not added. */
      readonly regression: 'added' | 'listed' | string;
      /** What the question gets now, in the notation of a regression's `expect` (`faq:<id>`, `none` …). */
      readonly reaches: string;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Makes a member's question an alternate phrasing of an FAQ record, through the writer (validated,
 * atomic, comment-preserving, audited, reloaded at once), and lists it in regressions.yaml with the
 * record it must reach, so a later edit cannot quietly lose it. `reaches` says what the question
 * gets from the knowledge served after the edit: a question that does not reach the record is not
 * listed, since `npm run validate` (and CI) would then fail on it.
 */
export async function addAlternate(writer: KnowledgeWriter, recordId: string, rawQuestion: string, actor: Actor, reaches: (question: string) => string): Promise<AddAlternateResult> {
  const question = rawQuestion.replace(/\s+/g, ' ').trim();
  if (!question) return { ok: false, message: 'The question is empty.' };
  const unsafe = unsafeTextProblem(question);
  if (unsafe) return { ok: false, message: `The question ${unsafe}.` };
  if ([...question].length > discordLimits.autocompleteChoiceName) {
    return { ok: false, message: `The question is longer than an alternate may be (${discordLimits.autocompleteChoiceName} characters); shorten it with /kb faq edit.` };
  }
  const opened = await writer.readFaq(recordId);
  if (!opened) return { ok: false, message: `There is no FAQ record "${recordId}".` };
  const { record } = opened;
  const known = [record.question, ...record.alternates].some((phrasing) => normalizeText(phrasing) === normalizeText(question));
  let edit: EditResult<FaqRecord> | null = null;
  if (!known) {
    edit = await writer.updateFaq(recordId, { ...record, alternates: [...record.alternates, question] }, opened.version, actor);
    if (!edit.ok) return { ok: false, message: edit.message };
  }
  const expect = `faq:${recordId}`;
  const now = reaches(question);
  const regression = now === expect ? await appendRegression(writer.dir, question, expect) : { ok: false as const, message: `the question does not reach ${expect} yet (it gets ${now === 'none' ? 'no answer' : now}), so npm run validate would fail on it` };
  return {
    ok: true,
    record: edit?.ok ? edit.record : record,
    alreadyThere: known,
    edit,
    regression: regression.ok ? (regression.added ? 'added' : 'listed') : regression.message,
    reaches: now,
  };
}
