import {
  MessageFlags,
  type AttachmentPayload,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type Message,
  type MessageContextMenuCommandInteraction,
  type ModalBuilder,
  type ModalSubmitInteraction,
  type SendableChannels,
} from 'discord.js';
import { replyNonce } from './messageNonce.ts';
import { noPings } from './render/replyPayload.ts';
import { truncate } from './render/safeText.ts';

// The one way out to Discord: every message, edit, deferral, form and autocomplete answer the bot sends goes
// through this module (test/discord/sendModule.test.ts fails on a send method called anywhere else). So no message
// can ping, none is longer than Discord takes, and a reply to a member's message carries its nonce, without each
// caller remembering to.

/** Discord refuses message content longer than this. */
export const messageContentMax = 2000;

export type RepliableInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export { noPings };

/** What the bot says: text, embeds, buttons, files. */
export interface ReplyContent {
  readonly content?: string;
  readonly embeds?: NonNullable<InteractionReplyOptions['embeds']>;
  readonly components?: NonNullable<InteractionReplyOptions['components']>;
  readonly files?: readonly AttachmentPayload[];
}

/** The message as Discord takes it: content within the limit, and no pings, whatever the caller put in. */
function outgoing(reply: ReplyContent) {
  const { files, ...rest } = reply;
  return {
    ...rest,
    ...(reply.content === undefined ? {} : { content: truncate(reply.content, messageContentMax) }),
    ...(files ? { files: [...files] } : {}),
    allowedMentions: noPings,
  };
}

/**
 * Replies, or follows up when the interaction was already answered, or fills in the reply a deferral promised
 * (`editReply`: also after `deferUpdate`, when it edits the message the button sits on). Returns the id of the
 * message posted, so a caller can remember what it answered; null for a reply only the member sees (nobody can
 * reply to it) or when Discord did not say.
 */
export async function respond(interaction: RepliableInteraction, reply: ReplyContent, { ephemeral = false } = {}): Promise<string | null> {
  const payload = outgoing(reply);
  const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  let sent: { readonly id: string } | null | undefined;
  if (interaction.deferred && !interaction.replied) {
    sent = await interaction.editReply(payload);
  } else if (interaction.replied) {
    sent = await interaction.followUp({ ...payload, ...flags });
  } else if (ephemeral) {
    await interaction.reply({ ...payload, ...flags });
  } else {
    sent = (await interaction.reply({ ...payload, withResponse: true }))?.resource?.message;
  }
  return ephemeral ? null : (sent?.id ?? null);
}

/** A refusal or an apology, only to the member: replaces a deferred reply's content, embeds and buttons. */
export async function tellMember(interaction: RepliableInteraction, message: string): Promise<void> {
  await respond(interaction, interaction.deferred && !interaction.replied ? { content: message, embeds: [], components: [] } : { content: message }, { ephemeral: true });
}

/** Promises a reply that takes a while (shown as "thinking…"); `respond` fills it in. */
export async function defer(interaction: RepliableInteraction, { ephemeral = false } = {}): Promise<void> {
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/** Promises an edit of the message a button sits on; `respond` makes it. */
export async function deferEdit(interaction: ButtonInteraction): Promise<void> {
  await interaction.deferUpdate();
}

/** Changes the message a button sits on (a page turned, a confirmation answered). */
export async function updateMessage(interaction: ButtonInteraction, reply: ReplyContent): Promise<void> {
  await interaction.update(outgoing(reply));
}

/** Opens a form; its submission comes back as a modal interaction. */
export async function showForm(interaction: ChatInputCommandInteraction | ButtonInteraction, form: ModalBuilder): Promise<void> {
  await interaction.showModal(form);
}

/** Autocomplete must answer within 3 s with at most 25 choices; an empty list is better than none. */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  choices: readonly { readonly name: string; readonly value: string }[],
): Promise<void> {
  if (interaction.responded) return;
  await interaction.respond(choices.slice(0, 25).map(({ name, value }) => ({ name: name.slice(0, 100), value: value.slice(0, 100) })));
}

/**
 * The bot's reply to a member's channel message, with the message's nonce: a retried or replayed send posts one
 * reply, not two. The sent message is returned so the caller can remember what it answered.
 */
export async function answerMessage(message: Message, reply: ReplyContent): Promise<Message> {
  return message.reply({ ...outgoing(reply), ...replyNonce(message.id) });
}

/**
 * A reply to a member's message on someone else's behalf (a helper's pick): without the nonce, which would make
 * Discord return the bot's own answer to that message, or a first helper's pick, instead of posting this one.
 */
export async function postReplyTo(message: Message, reply: ReplyContent): Promise<Message> {
  return message.reply(outgoing(reply));
}

/** A post in a channel (the moderators' log). */
export async function postInChannel(channel: SendableChannels, reply: ReplyContent): Promise<void> {
  await channel.send(outgoing(reply));
}
