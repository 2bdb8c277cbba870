import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/send.ts';
import { renderHelp } from '../src/discord/render/renderLists.ts';

export default {
  data: new SlashCommandBuilder().setName('help').setDescription('What this bot does and how to ask it').addBooleanOption(privateOption),

  // Help is for the person asking, so it is private unless they choose to share it.
  async execute(interaction, context) {
    const { about } = context.knowledge.current().engine.knowledge;
    await respond(interaction, renderHelp(about, context.commandList, { answerChannelIds: context.config.answerChannelIds }), { ephemeral: wantsPrivate(interaction, true) });
  },
} satisfies CommandModule;
