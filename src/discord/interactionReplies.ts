import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';
import { noPings } from './render/replyPayload.ts';
import { truncate } from './render/safeText.ts';

/** Discord refuses message content longer than this. */
export const messageContentMax = 2000;

export type RepliableInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export { noPings };

export interface ReplyContent {
  readonly content?: string;
  readonly embeds?: NonNullable<InteractionReplyOptions['embeds']>;
  readonly components?: NonNullable<InteractionReplyOptions['components']>;
}

/**
 * Replies, or follows up when the interaction was already answered or deferred, always without
 * pings and never with more text than a message holds.
 */
export async function respond(interaction: RepliableInteraction, reply: ReplyContent, { ephemeral = false } = {}): Promise<void> {
  const payload = reply.content === undefined ? reply : { ...reply, content: truncate(reply.content, messageContentMax) };
  const options = {
    ...payload,
    allowedMentions: noPings,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ ...payload, allowedMentions: noPings });
  } else if (interaction.replied) {
    await interaction.followUp(options);
  } else {
    await interaction.reply(options);
  }
}

/** Autocomplete must answer within 3 s with at most 25 choices; an empty list is better than none. */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  choices: readonly { readonly name: string; readonly value: string }[],
): Promise<void> {
  if (interaction.responded) return;
  await interaction.respond(choices.slice(0, 25).map(({ name, value }) => ({ name: name.slice(0, 100), value: value.slice(0, 100) })));
}
