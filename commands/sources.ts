import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/send.ts';
import { renderSourcesList } from '../src/discord/render/renderLists.ts';

export default {
  data: new SlashCommandBuilder().setName('sources').setDescription('What the answers are based on').addBooleanOption(privateOption),

  async execute(interaction, context) {
    const { sources } = context.knowledge.current().engine.knowledge;
    await respond(interaction, renderSourcesList(sources), { ephemeral: wantsPrivate(interaction) });
  },
} satisfies CommandModule;
