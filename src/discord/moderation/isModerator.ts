import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction, type ModalSubmitInteraction, type AutocompleteInteraction } from 'discord.js';

type GuildInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | ModalSubmitInteraction | AutocompleteInteraction;

/**
 * Checked on the server for every moderator action: the command's default permission only hides it
 * in the client, and server owners can change who sees it.
 */
export function isModerator(interaction: GuildInteraction, modRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const roleIds = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return roleIds.some((roleId) => modRoleIds.includes(roleId));
}
