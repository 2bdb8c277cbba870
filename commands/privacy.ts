import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/discord/commandModule.ts';
import { privacyText } from '../src/discord/feedback/privacyText.ts';
import { respond } from '../src/discord/send.ts';

export default {
  data: new SlashCommandBuilder().setName('privacy').setDescription('What this bot records about your questions, for how long, and how to delete it'),

  async execute(interaction, context) {
    await respond(interaction, { content: privacyText(context.config) }, { ephemeral: true });
  },
} satisfies CommandModule;
