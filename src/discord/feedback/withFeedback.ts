import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { AnsweredReply, Reply } from '../../reply/replyModel.ts';
import { answerIds, type AnsweredRecord } from '../render/answerIds.ts';
import { rowsPerMessage } from '../render/replyPayload.ts';

export const feedbackLabels = { helpful: 'Helpful', notHelpful: 'Not helpful' } as const;

/** A row of buttons: built (as the renderer makes them) or already JSON (the vote row). */
export type ButtonRow = ActionRowBuilder<ButtonBuilder> | APIActionRowComponent<APIButtonComponent>;

interface Rendered {
  readonly components: readonly ButtonRow[];
}

/**
 * Ties a rendered reply to its logged question: an answer gets "Helpful" / "Not helpful" buttons,
 * and the suggestions and "None of these" of a "did you mean…" reply carry the question's id, so a
 * press labels it. Without a logged question (QUESTION_LOG=off, log unavailable) the reply is as it was.
 */
/** What the buttons depend on: whether it is an answer, and which record it answered. */
export type FeedbackReply = Pick<AnsweredReply, 'status' | 'kind' | 'id'> | { readonly status: Exclude<Reply['status'], 'answered'> };

export function withFeedback<T extends Rendered>(rendered: T, reply: FeedbackReply, questionId: string | null): Omit<T, 'components'> & { components: ButtonRow[] } {
  const rows: ButtonRow[] = [...rendered.components];
  if (questionId === null || reply.status === 'chat') return { ...rendered, components: rows };
  if (reply.status === 'suggestions') {
    const components = rows.map((row) => (row instanceof ActionRowBuilder ? withQuestion(row, questionId) : row));
    return { ...rendered, components };
  }
  // A message holds five rows; a reply that already fills them keeps its own buttons.
  if (reply.status !== 'answered' || rows.length >= rowsPerMessage) return { ...rendered, components: rows };
  return { ...rendered, components: [...rows, voteRow(questionId, { kind: reply.kind, id: reply.id })] };
}

/** The row with its suggestion and "None of these" buttons naming the question. */
function withQuestion(row: ActionRowBuilder<ButtonBuilder>, questionId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    row.components.map((button) => {
      // The builder's data as is: toJSON() would validate every field again, on every "did you mean…".
      const data = button.data;
      const customId = 'custom_id' in data ? data.custom_id : undefined;
      if (customId === undefined) return button;
      const named = questionNamed(customId, questionId);
      return named === null ? button : new ButtonBuilder({ ...data, custom_id: named } as APIButtonComponent);
    }),
  );
}

/** A show or "None of these" button's id naming the question; null for any other button. */
function questionNamed(customId: string, questionId: string): string | null {
  const decoded = answerIds.decode(customId);
  if (decoded?.action !== 'show' && decoded?.action !== 'none') return null;
  return answerIds.encode({ ...decoded, question: questionId });
}

/**
 * The vote buttons as the JSON Discord takes: built on every answer, so without the builders'
 * per-setter validation; the custom ids come from the codec. "Not helpful" carries the record
 * answered, so the records offered after it leave that one out.
 */
function voteRow(questionId: string, answered: AnsweredRecord | null): APIActionRowComponent<APIButtonComponent> {
  const button = (helpful: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: answerIds.encode({ action: 'vote', question: questionId, helpful, ...(!helpful && answered ? { answered } : {}) }),
    label: helpful ? feedbackLabels.helpful : feedbackLabels.notHelpful,
    emoji: { name: helpful ? '👍' : '👎' },
  });
  return { type: ComponentType.ActionRow, components: [button(true), button(false)] };
}
