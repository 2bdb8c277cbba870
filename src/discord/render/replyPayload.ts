import { ActionRowBuilder, type ButtonBuilder, type EmbedBuilder, type MessageMentionOptions } from 'discord.js';

/** What every message of this bot allows: no @everyone, no roles, no users, not even the asker. */
export const noPings = Object.freeze({ parse: [] as never[], repliedUser: false as const }) satisfies MessageMentionOptions;

export type NoPings = typeof noPings;

/** A message ready for `reply`, `followUp` or `editReply`. */
export interface ReplyPayload {
  readonly content?: string;
  readonly embeds: EmbedBuilder[];
  readonly components: ActionRowBuilder<ButtonBuilder>[];
  readonly allowedMentions: NoPings;
}

export const buttonsPerRow = 5;
export const rowsPerMessage = 5;
export const buttonsPerMessage = buttonsPerRow * rowsPerMessage;

/** Buttons laid out five to a row; anything past 25 would be rejected, so it is left out. */
export function buttonRows(buttons: readonly ButtonBuilder[]): ActionRowBuilder<ButtonBuilder>[] {
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let start = 0; start < Math.min(buttons.length, buttonsPerMessage); start += buttonsPerRow) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(start, start + buttonsPerRow)));
  }
  return rows;
}
