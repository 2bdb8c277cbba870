import { ActionRowBuilder, type ButtonBuilder, type EmbedBuilder } from 'discord.js';

/** What every reply of this bot allows: no @everyone, no roles, no users, not even the asker. */
export const noPings: NoPings = Object.freeze({ parse: Object.freeze([] as const), repliedUser: false });

export interface NoPings {
  readonly parse: readonly [];
  readonly repliedUser: false;
}

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
