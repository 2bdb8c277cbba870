import type { APIEmbed } from 'discord.js';
import { EmbedBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { embedLength, fitEmbed, fitMessageEmbeds } from '../../../src/discord/render/fitEmbed.ts';
import { embedChars } from './payloadLimits.ts';
import { longText } from './replyFixtures.ts';

/** Passing each part through the builder's setters applies discord.js's own length validation. */
function expectBuilderAccepts(embed: APIEmbed): void {
  const builder = new EmbedBuilder();
  if (embed.title) builder.setTitle(embed.title);
  if (embed.description) builder.setDescription(embed.description);
  if (embed.footer) builder.setFooter({ text: embed.footer.text });
  if (embed.author) builder.setAuthor({ name: embed.author.name });
  if (embed.fields) builder.addFields(embed.fields);
  expect(builder.toJSON().fields?.length ?? 0).toBeLessThanOrEqual(25);
}

describe('fitEmbed', () => {
  it('leaves an embed that fits exactly as it was', () => {
    const embed: APIEmbed = { title: 'T', description: 'D', color: 1, fields: [{ name: 'Quote', value: '> q' }], footer: { text: 'F' } };
    expect(fitEmbed(embed, ['Quote'])).toEqual(embed);
  });

  it('cuts every part to its own limit and keeps at most 25 fields', () => {
    const fitted = fitEmbed({
      title: longText(300),
      description: longText(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `${i} ${longText(300)}`, value: longText(1100) })),
      footer: { text: longText(2100) },
      author: { name: longText(300) },
    });
    expect(fitted.title?.length).toBeLessThanOrEqual(256);
    expect(fitted.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(fitted.fields?.length).toBeLessThanOrEqual(25);
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
    expect(embedChars([fitted]).codePoints).toBeLessThanOrEqual(6000);
    expectBuilderAccepts(fitted);
  });

  it('gives up the quote first, then the description, and keeps the sources and title', () => {
    const embed: APIEmbed = {
      title: longText(256),
      description: longText(4096),
      fields: [
        { name: 'Quote', value: longText(1024) },
        { name: 'Sources', value: longText(1024) },
      ],
      footer: { text: longText(1000) },
    };
    const fitted = fitEmbed(embed, ['Quote']);
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.title).toBe(embed.title);
    expect(fitted.fields?.map((field) => field.name)).toEqual(['Sources']);
    expect(fitted.fields?.[0]?.value).toBe(embed.fields?.[1]?.value);
    expect(fitted.description?.endsWith('…')).toBe(true);
    expect(fitted.footer?.text).toBe(embed.footer?.text);
  });

  it('only shortens the quote when that is enough', () => {
    const embed: APIEmbed = {
      title: 'Title',
      description: longText(4096),
      fields: [
        { name: 'Quote', value: longText(1000) },
        { name: 'Sources', value: longText(1000) },
      ],
    };
    const fitted = fitEmbed(embed, ['Quote']);
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.description).toBe(embed.description);
    expect(fitted.fields?.[0]?.name).toBe('Quote');
    expect(fitted.fields?.[0]?.value.endsWith('…')).toBe(true);
  });

  it('fills empty field names and values, which Discord rejects', () => {
    const fitted = fitEmbed({ fields: [{ name: '', value: '' }] });
    expect(fitted.fields?.[0]?.name.length).toBeGreaterThan(0);
    expect(fitted.fields?.[0]?.value.length).toBeGreaterThan(0);
  });

  it('fits within a smaller budget when asked', () => {
    const fitted = fitEmbed({ title: 'Title', description: longText(3000), fields: [{ name: 'Sources', value: longText(900) }] }, [], 1000);
    expect(embedLength(fitted)).toBeLessThanOrEqual(1000);
  });
});

describe('fitMessageEmbeds', () => {
  it('keeps at most 10 embeds that share the 6000 total', () => {
    const embeds = Array.from({ length: 12 }, (_, i): APIEmbed => ({ title: `Embed ${i}`, description: longText(2000) }));
    const fitted = fitMessageEmbeds(embeds);
    expect(fitted.length).toBeLessThanOrEqual(10);
    expect(embedChars(fitted).utf16).toBeLessThanOrEqual(6000);
    expect(fitted[0]).toEqual(embeds[0]);
  });
});
