import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respondChoices } from '../src/discord/send.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('term')
    .setDescription('Look up a term from the glossary (e.g. vendor lock-in, LLM)')
    .addStringOption((option) =>
      // Terms and aliases are autocomplete names, which Discord caps at 100.
      option.setName('name').setDescription('The term; start typing to see matches').setAutocomplete(true).setRequired(true).setMaxLength(100),
    )
    .addBooleanOption(privateOption),

  async execute(interaction, context) {
    const name = interaction.options.getString('name', true);
    const { engine } = context.knowledge.current();
    const reply = engine.replyFor('term', name) ?? engine.lookup('term', name);
    await sendReply(interaction, reply, { ephemeral: wantsPrivate(interaction) });
  },

  async autocomplete(interaction, context) {
    await respondChoices(interaction, context.knowledge.current().engine.complete('term', interaction.options.getFocused()));
  },
} satisfies CommandModule;
