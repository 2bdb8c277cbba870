import { discordLimits } from '../knowledge/discordLimits.ts';
import type { FaqRecord } from '../knowledge/schema.ts';
import { normalizeText } from '../text/normalizeText.ts';
import { appendRegression } from './appendRegression.ts';
import type { Actor, EditResult, KnowledgeWriter } from './knowledgeWriter.ts';

export type AddAlternateResult =
  | { readonly ok: true; readonly record: FaqRecord; readonly alreadyThere: boolean; readonly edit: EditResult<FaqRecord> | null; readonly regression: 'added' | 'listed' | string }
  | { readonly ok: false; readonly message: string };

/**
 * Makes a member's question an alternate phrasing of an FAQ record, through the writer (validated,
 * atomic, comment-preserving, audited, reloaded at once), and lists it in regressions.yaml with the
 * record it must reach, so a later edit cannot quietly lose it.
 */
export async function addAlternate(writer: KnowledgeWriter, recordId: string, rawQuestion: string, actor: Actor): Promise<AddAlternateResult> {
  const question = rawQuestion.replace(/\s+/g, ' ').trim();
  if (!question) return { ok: false, message: 'The question is empty.' };
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
  const regression = await appendRegression(writer.dir, question, `faq:${recordId}`);
  return {
    ok: true,
    record: edit?.ok ? edit.record : record,
    alreadyThere: known,
    edit,
    regression: regression.ok ? (regression.added ? 'added' : 'listed') : regression.message,
  };
}
