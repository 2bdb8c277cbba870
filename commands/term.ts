import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respondChoices } from '../src/discord/interactionReplies.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export const data = new SlashCommandBuilder()
  .setName('term')
  .setDescription('Look up a term from the glossary (e.g. vendor lock-in, LLM)')
  .addStringOption((option) => option.setName('name').setDescription('The term; start typing to see matches').setAutocomplete(true).setRequired(true))
  .addBooleanOption(privateOption);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const name = interaction.options.getString('name', true);
  const { engine } = context.knowledge.current();
  const reply = engine.replyFor('term', name) ?? engine.lookup('term', name);
  await sendReply(interaction, reply, { ephemeral: wantsPrivate(interaction) });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await respondChoices(interaction, context.knowledge.current().engine.complete('term', interaction.options.getFocused()));
}
