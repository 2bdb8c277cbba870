import { z } from 'zod';
import { faqRecordSchema } from '../../knowledge/schema.ts';
import type { RecordKind } from '../../reply/replyModel.ts';
import { defineCustomIds } from '../customIds.ts';

/**
 * The buttons under an answer; `/ask` owns them, wherever the answer was given (command, mention,
 * channel). `question` is the question log's id of the question the reply answered, when it was
 * logged: pressing a suggestion or "None of these" then labels that question, and a vote is counted
 * against it.
 */
export type AnswerButton =
  /** Show that record's answer to whoever pressed it. */
  | { readonly action: 'show'; readonly kind: RecordKind; readonly id: string; readonly question?: string }
  /** Show the whole comparison table. */
  | { readonly action: 'table' }
  /** None of the suggestions was what the member meant. */
  | { readonly action: 'none'; readonly question?: string }
  /**
   * The feedback scheme: "Helpful" / "Not helpful" on an answer. `answered` (on "Not helpful") is the record the
   * answer gave, so the other records offered leave it out.
   */
  | { readonly action: 'vote'; readonly question: string; readonly helpful: boolean; readonly answered?: AnsweredRecord }
  /** A helper's pick under "Answer with FAQ": post record `kind:id` as a reply to message `message`. */
  | { readonly action: 'pick'; readonly message: string; readonly kind: RecordKind; readonly id: string };

/** The record a reply answered with, as data (never read back from the rendered message). */
export interface AnsweredRecord {
  readonly kind: RecordKind;
  readonly id: string;
}

// Record ids follow the knowledge slug rule (64 characters at most): `ask:show:term:<id>:<question>` stays within 100.
const recordId = faqRecordSchema.shape.id;
const recordKind = z.enum(['faq', 'term', 'table']);
/** A question log id: 9 random bytes, base64url. */
export const loggedQuestionId = z.string().regex(/^[A-Za-z0-9_-]{12}$/);

export const answerIds = defineCustomIds<AnswerButton>(
  'ask',
  z.union([
    z.tuple([z.literal('show'), recordKind, recordId]).transform(([, kind, id]) => ({ action: 'show' as const, kind, id })),
    z.tuple([z.literal('show'), recordKind, recordId, loggedQuestionId]).transform(([, kind, id, question]) => ({ action: 'show' as const, kind, id, question })),
    z.tuple([z.literal('table')]).transform(() => ({ action: 'table' as const })),
    z.tuple([z.literal('none')]).transform(() => ({ action: 'none' as const })),
    z.tuple([z.literal('none'), loggedQuestionId]).transform(([, question]) => ({ action: 'none' as const, question })),
    z.tuple([z.literal('vote'), loggedQuestionId, z.enum(['up', 'down'])]).transform(([, question, vote]) => ({ action: 'vote' as const, question, helpful: vote === 'up' })),
    // `ask:vote:<question>:down:table:<64-character id>` is 97 characters.
    z
      .tuple([z.literal('vote'), loggedQuestionId, z.enum(['up', 'down']), recordKind, recordId])
      .transform(([, question, vote, kind, id]) => ({ action: 'vote' as const, question, helpful: vote === 'up', answered: { kind, id } })),
    // `ask:pick:<20-digit message id>:term:<64-character id>` is 99 characters.
    z.tuple([z.literal('pick'), z.string().regex(/^\d{17,20}$/), recordKind, recordId]).transform(([, message, kind, id]) => ({ action: 'pick' as const, message, kind, id })),
  ]),
  (button) => {
    switch (button.action) {
      case 'show':
        return ['show', button.kind, button.id, ...(button.question ? [button.question] : [])];
      case 'table':
        return ['table'];
      case 'none':
        return ['none', ...(button.question ? [button.question] : [])];
      case 'vote':
        return ['vote', button.question, button.helpful ? 'up' : 'down', ...(button.answered ? [button.answered.kind, button.answered.id] : [])];
      case 'pick':
        return ['pick', button.message, button.kind, button.id];
    }
  },
);
