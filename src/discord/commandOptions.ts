import type { ChatInputCommandInteraction, SlashCommandBooleanOption } from 'discord.js';

export const privateOptionName = 'private';

/** The `private` option every member command offers: only you see the reply. */
export function privateOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return option.setName(privateOptionName).setDescription('Only you see the reply').setRequired(false);
}

export function wantsPrivate(interaction: ChatInputCommandInteraction, byDefault = false): boolean {
  return interaction.options.getBoolean(privateOptionName) ?? byDefault;
}
