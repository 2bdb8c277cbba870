import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respondChoices } from '../src/discord/interactionReplies.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('The previous framework and the amended agreement, side by side')
  .addStringOption((option) =>
    option.setName('feature').setDescription('Show only one row, e.g. IP License').setAutocomplete(true).setRequired(false),
  )
  .addBooleanOption(privateOption);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const feature = interaction.options.getString('feature') ?? undefined;
  await sendReply(interaction, context.knowledge.current().engine.compare(feature), { ephemeral: wantsPrivate(interaction) });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await respondChoices(interaction, context.knowledge.current().engine.complete('row', interaction.options.getFocused()));
}
