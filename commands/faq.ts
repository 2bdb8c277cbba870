import { SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import { handledBy, UserFacingError, type BotContext, type CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond, respondChoices, updateMessage } from '../src/discord/send.ts';
import { pressedByInvoker } from '../src/discord/preconditions.ts';
import { faqListIds, type FaqListButton } from '../src/discord/render/faqListIds.ts';
import { pickFromFaqList, renderFaqList } from '../src/discord/render/renderLists.ts';
import { sendReply } from '../src/discord/sendReply.ts';

const questionsOf = (context: BotContext) => context.knowledge.current().engine.knowledge.faq.map((faq) => ({ id: faq.id, title: faq.question }));

/**
 * Paging turns the list in place for the member who asked for it. Anyone else pressing Next on a
 * list in the channel gets that page privately: their press must not change the message for everyone.
 */
async function turnPage(interaction: ButtonInteraction, { page }: FaqListButton, context: BotContext): Promise<void> {
  const list = renderFaqList(questionsOf(context), page);
  if (pressedByInvoker(interaction.message.interactionMetadata?.user.id, interaction.user.id)) {
    await updateMessage(interaction, list);
  } else {
    await respond(interaction, list, { ephemeral: true });
  }
}

export default {
  data: new SlashCommandBuilder()
    .setName('faq')
    .setDescription('Browse the frequently asked questions, or show one')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Start typing to pick a question, or give its number in the list; empty for the list')
        .setAutocomplete(true)
        .setRequired(false)
        .setMaxLength(200),
    )
    .addBooleanOption(privateOption),
  buttons: handledBy(faqListIds, turnPage),

  async execute(interaction, context) {
    const picked = interaction.options.getString('question');
    const ephemeral = wantsPrivate(interaction);
    if (!picked) {
      await respond(interaction, renderFaqList(questionsOf(context), 1), { ephemeral });
      return;
    }
    // Autocomplete sends the record id; a member may also type the number the list shows, or free text.
    const { engine } = context.knowledge.current();
    const byId = engine.replyFor('faq', picked);
    const listed = byId ? null : pickFromFaqList(questionsOf(context), picked);
    if (listed && 'outOfRange' in listed) {
      throw new UserFacingError(`There is no question ${listed.outOfRange}: the list (\`/faq\`) has ${listed.count === 1 ? '1 question' : `${listed.count} questions`}.`);
    }
    const byNumber = listed ? engine.replyFor('faq', listed.found.id) : null;
    await sendReply(interaction, byId ?? byNumber ?? engine.lookup('faq', picked), { ephemeral });
  },

  async autocomplete(interaction, context) {
    await respondChoices(interaction, context.knowledge.current().engine.complete('faq', interaction.options.getFocused()));
  },
} satisfies CommandModule;
