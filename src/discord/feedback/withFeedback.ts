import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Reply } from '../../reply/replyModel.ts';
import { answerIds } from '../render/answerIds.ts';
import { rowsPerMessage } from '../render/replyPayload.ts';

export const feedbackLabels = { helpful: 'Helpful', notHelpful: 'Not helpful' } as const;

interface Rendered {
  readonly components: ActionRowBuilder<ButtonBuilder>[];
}

/**
 * Ties a rendered reply to its logged question: an answer gets "Helpful" / "Not helpful" buttons,
 * and the suggestions and "None of these" of a "did you mean…" reply carry the question's id, so a
 * press labels it. Without a logged question (QUESTION_LOG=off, log unavailable) the reply is as it was.
 */
export function withFeedback<T extends Rendered>(rendered: T, reply: Pick<Reply, 'status' | 'act'>, questionId: string | null): T {
  if (questionId === null || reply.act !== null) return rendered;
  if (reply.status === 'suggestions') {
    const components = rendered.components.map((row) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        row.components.map((button) => {
          const data = button.toJSON();
          const decoded = 'custom_id' in data ? answerIds.decode(data.custom_id) : null;
          if (decoded?.action !== 'show' && decoded?.action !== 'none') return button;
          return new ButtonBuilder(data).setCustomId(answerIds.encode({ ...decoded, question: questionId }));
        }),
      ),
    );
    return { ...rendered, components };
  }
  // A message holds five rows; a reply that already fills them keeps its own buttons.
  if (reply.status !== 'answered' || rendered.components.length >= rowsPerMessage) return rendered;
  const votes = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(answerIds.encode({ action: 'vote', question: questionId, helpful: true })).setLabel(feedbackLabels.helpful).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(answerIds.encode({ action: 'vote', question: questionId, helpful: false })).setLabel(feedbackLabels.notHelpful).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
  return { ...rendered, components: [...rendered.components, votes] };
}
