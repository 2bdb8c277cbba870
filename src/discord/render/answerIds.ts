import { z } from 'zod';
import { faqRecordSchema } from '../../knowledge/schema.ts';
import type { RecordKind } from '../../reply/replyModel.ts';
import { defineCustomIds } from '../customIds.ts';

/** The buttons under an answer; `/ask` owns them, wherever the answer was given (command, mention, channel). */
export type AnswerButton =
  /** Show that record's answer to whoever pressed it. */
  | { readonly action: 'show'; readonly kind: RecordKind; readonly id: string }
  /** Show the whole comparison table. */
  | { readonly action: 'table' }
  /** None of the suggestions was what the member meant. */
  | { readonly action: 'none' };

// Record ids follow the knowledge slug rule (64 characters at most): `ask:show:term:<id>` stays within 100.
const recordId = faqRecordSchema.shape.id;
const recordKind = z.enum(['faq', 'term', 'table']);

export const answerIds = defineCustomIds<AnswerButton>(
  'ask',
  z.union([
    z.tuple([z.literal('show'), recordKind, recordId]).transform(([, kind, id]) => ({ action: 'show' as const, kind, id })),
    z.tuple([z.literal('table')]).transform(() => ({ action: 'table' as const })),
    z.tuple([z.literal('none')]).transform(() => ({ action: 'none' as const })),
  ]),
  (button) => (button.action === 'show' ? ['show', button.kind, button.id] : [button.action]),
);
