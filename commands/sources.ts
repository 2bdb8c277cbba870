import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/interactionReplies.ts';
import { renderSourcesList } from '../src/discord/render/renderLists.ts';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('What the answers are based on')
  .addBooleanOption(privateOption);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { sources } = context.knowledge.current().engine.knowledge;
  await respond(interaction, renderSourcesList(sources), { ephemeral: wantsPrivate(interaction) });
}
