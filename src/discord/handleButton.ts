import type { ButtonInteraction } from 'discord.js';
import { replyMessages } from '../reply/replyMessages.ts';
import { UserFacingError, type BotContext } from './commandModule.ts';
import { noPings, respond } from './interactionReplies.ts';
import { decodeCustomId } from './render/customIds.ts';
import { renderFaqList } from './render/renderLists.ts';
import { sendReply } from './sendReply.ts';

/**
 * Buttons on the bot's replies. What a button shows goes privately to whoever pressed it, so a
 * busy channel does not fill up with everyone's picks; paging edits the list in place.
 */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (!action) throw new UserFacingError('This button is no longer supported. Please ask again.');
  const { engine } = context.knowledge.current();

  switch (action.action) {
    case 'show': {
      const reply = engine.replyFor(action.kind, action.id);
      if (!reply) throw new UserFacingError('That answer has been removed from the knowledge base since this message was sent.');
      await sendReply(interaction, reply, { ephemeral: true });
      return;
    }
    case 'table':
      await sendReply(interaction, engine.compare(), { ephemeral: true });
      return;
    case 'none':
      context.logger.info({ userId: interaction.user.id, messageId: interaction.message.id }, 'Member found none of the suggestions useful');
      await respond(interaction, { content: `Thanks — noted. ${replyMessages.noMatchHint}` }, { ephemeral: true });
      return;
    case 'faqpage': {
      const questions = engine.knowledge.faq.map((faq) => ({ id: faq.id, title: faq.question }));
      const { content, embeds, components } = renderFaqList(questions, action.page);
      await interaction.update({ ...(content ? { content } : {}), embeds, components, allowedMentions: noPings });
      return;
    }
  }
}
