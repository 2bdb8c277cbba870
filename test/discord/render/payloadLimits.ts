import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { answerIds } from '../../../src/discord/render/answerIds.ts';
import { faqListIds } from '../../../src/discord/render/faqListIds.ts';
import type { ReplyPayload } from '../../../src/discord/render/replyPayload.ts';
import { FormErrors } from '../../support/emulator/errors.ts';
import { checkMessageFields } from '../../support/emulator/limits.ts';

/** A payload as it goes over the wire: every builder serialised, as discord.js does before sending. */
export interface PayloadJson {
  readonly content: string | undefined;
  readonly embeds: APIEmbed[];
  readonly rows: APIActionRowComponent<APIComponentInMessageActionRow>[];
  readonly buttons: APIButtonComponentWithCustomId[];
  readonly allowedMentions: ReplyPayload['allowedMentions'];
}

export function toJson(payload: ReplyPayload): PayloadJson {
  const rows = payload.components.map((row) => row.toJSON());
  return {
    content: payload.content,
    embeds: payload.embeds.map((embed) => embed.toJSON()),
    rows,
    buttons: rows.flatMap((row) => row.components) as APIButtonComponentWithCustomId[],
    allowedMentions: payload.allowedMentions,
  };
}

/** Every part Discord counts towards the 6000 total, by UTF-16 length (discord.js) and by code point (Discord). */
export function embedChars(embeds: readonly APIEmbed[]): { utf16: number; codePoints: number } {
  const texts = embeds.flatMap((embed) => [
    embed.title ?? '',
    embed.description ?? '',
    embed.footer?.text ?? '',
    embed.author?.name ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
  ]);
  return { utf16: texts.join('').length, codePoints: [...texts.join('')].length };
}

/** Checks every Discord limit a user would otherwise meet as a failed send. */
export function expectWithinDiscordLimits(payload: ReplyPayload): PayloadJson {
  const json = toJson(payload);
  expect(json.allowedMentions).toEqual({ parse: [], repliedUser: false });
  expect(json.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(json.embeds.length).toBeLessThanOrEqual(10);
  expect(embedChars(json.embeds).utf16).toBeLessThanOrEqual(6000);
  for (const embed of json.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  }
  expect(json.rows.length).toBeLessThanOrEqual(5);
  for (const row of json.rows) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(5);
  }
  for (const button of json.buttons) {
    expect(button.label?.length ?? 0).toBeGreaterThan(0);
    expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
    expect(button.custom_id.length).toBeLessThanOrEqual(100);
    expect(answerIds.decode(button.custom_id) ?? faqListIds.decode(button.custom_id), button.custom_id).not.toBeNull();
  }
  const customIds = json.buttons.map((button) => button.custom_id);
  expect(new Set(customIds).size).toBe(customIds.length);

  // The loopback emulator's validator is an independent reading of the same limits.
  const errors = new FormErrors();
  checkMessageFields(errors, [], {
    ...(json.content !== undefined ? { content: json.content } : {}),
    embeds: json.embeds,
    components: json.rows,
    allowed_mentions: { parse: [...json.allowedMentions.parse], replied_user: json.allowedMentions.repliedUser },
  } as unknown as Parameters<typeof checkMessageFields>[2]);
  expect(errors.toJSON()).toEqual({});
  return json;
}
