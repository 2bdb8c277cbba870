import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond, respondChoices } from '../src/discord/interactionReplies.ts';
import { renderFaqList } from '../src/discord/render/renderLists.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export const data = new SlashCommandBuilder()
  .setName('faq')
  .setDescription('Browse the frequently asked questions, or show one')
  .addStringOption((option) =>
    option.setName('question').setDescription('Start typing to pick a question; leave empty for the list').setAutocomplete(true).setRequired(false),
  )
  .addBooleanOption(privateOption);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { engine } = context.knowledge.current();
  const picked = interaction.options.getString('question');
  const ephemeral = wantsPrivate(interaction);
  if (!picked) {
    const questions = engine.knowledge.faq.map((faq) => ({ id: faq.id, title: faq.question }));
    await respond(interaction, renderFaqList(questions, 1), { ephemeral });
    return;
  }
  // Autocomplete sends the record id; a member may also type free text and submit it.
  const reply = engine.replyFor('faq', picked) ?? engine.lookup('faq', picked);
  await sendReply(interaction, reply, { ephemeral });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getFocused();
  await respondChoices(interaction, context.knowledge.current().engine.complete('faq', typed));
}
