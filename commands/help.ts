import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/interactionReplies.ts';
import { renderHelp } from '../src/discord/render/renderLists.ts';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot does and how to ask it')
  .addBooleanOption(privateOption);

// Help is for the person asking, so it is private unless they choose to share it.
export async function execute(interaction: ChatInputCommandInteraction, _context: BotContext): Promise<void> {
  await respond(interaction, renderHelp(), { ephemeral: wantsPrivate(interaction, true) });
}
