import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Reply } from '../../reply/replyModel.ts';
import { customIdMaxLength } from '../customIds.ts';
import { answerIds } from '../render/answerIds.ts';
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
export function withFeedback<T extends Rendered>(rendered: T, reply: Pick<Reply, 'status' | 'act'>, questionId: string | null): Omit<T, 'components'> & { components: ButtonRow[] } {
  const rows: ButtonRow[] = [...rendered.components];
  if (questionId === null || reply.act !== null) return { ...rendered, components: rows };
  if (reply.status === 'suggestions') {
    const components = rows.map((row) => (row instanceof ActionRowBuilder ? withQuestion(row, questionId) : row));
    return { ...rendered, components };
  }
  // A message holds five rows; a reply that already fills them keeps its own buttons.
  if (reply.status !== 'answered' || rows.length >= rowsPerMessage) return { ...rendered, components: rows };
  return { ...rendered, components: [...rows, voteRow(questionId)] };
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

// A show or "None of these" id without a question ends where the question id goes (`ask:show:faq:<id>`,
// `ask:none`): appending it is what the codec would write. Anything else goes through the codec.
const unnamedShowOrNone = /^ask:(?:show:(?:faq|term|table):[a-z0-9][a-z0-9-]*|none)$/;

function questionNamed(customId: string, questionId: string): string | null {
  if (unnamedShowOrNone.test(customId) && logQuestionId.test(questionId) && customId.length + 1 + questionId.length <= customIdMaxLength) {
    return `${customId}:${questionId}`;
  }
  const decoded = answerIds.decode(customId);
  if (decoded?.action !== 'show' && decoded?.action !== 'none') return null;
  return answerIds.encode({ ...decoded, question: questionId });
}

// The codec writes the vote ids' shape once; each answer fills in its question id. An id of another
// shape than the log's goes through the codec itself (which refuses what it could not read back).
const placeholder = 'QQQQQQQQQQQQ';
const voteTemplates = {
  up: answerIds.encode({ action: 'vote', question: placeholder, helpful: true }),
  down: answerIds.encode({ action: 'vote', question: placeholder, helpful: false }),
};
const logQuestionId = /^[A-Za-z0-9_-]{12}$/;

function voteId(questionId: string, helpful: boolean): string {
  if (!logQuestionId.test(questionId)) return answerIds.encode({ action: 'vote', question: questionId, helpful });
  return voteTemplates[helpful ? 'up' : 'down'].replace(placeholder, questionId);
}

/**
 * The vote buttons as the JSON Discord takes: built on every answer, so without the builders'
 * per-setter validation (80 µs for this row); the custom ids still come from the codec.
 */
function voteRow(questionId: string): APIActionRowComponent<APIButtonComponent> {
  const button = (helpful: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: voteId(questionId, helpful),
    label: helpful ? feedbackLabels.helpful : feedbackLabels.notHelpful,
    emoji: { name: helpful ? '👍' : '👎' },
  });
  return { type: ComponentType.ActionRow, components: [button(true), button(false)] };
}
