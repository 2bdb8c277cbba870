import { SlashCommandBuilder } from 'discord.js';
import type { CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respondChoices } from '../src/discord/send.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('compare')
    .setDescription('The previous framework and the amended agreement, side by side')
    .addStringOption((option) =>
      // Row names are autocomplete names, which Discord caps at 100.
      option.setName('feature').setDescription('Show only one row, e.g. IP License').setAutocomplete(true).setRequired(false).setMaxLength(100),
    )
    .addBooleanOption(privateOption),

  async execute(interaction, context) {
    const feature = interaction.options.getString('feature') ?? undefined;
    const reply = context.knowledge.current().engine.compare(feature);
    // "No row matches" is for the member who mistyped, not for the channel.
    await sendReply(interaction, reply, { ephemeral: wantsPrivate(interaction) || reply.status !== 'answered' });
  },

  async autocomplete(interaction, context) {
    await respondChoices(interaction, context.knowledge.current().engine.complete('row', interaction.options.getFocused()));
  },
} satisfies CommandModule;
