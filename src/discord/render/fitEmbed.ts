import type { APIEmbed, APIEmbedField } from 'discord.js';
import { truncate } from './safeText.ts';

/** Discord's embed limits; lengths are counted as discord.js validates them (UTF-16 units). */
export const embedLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Shared by all embeds of one message. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

// A field cut shorter than this says too little to be worth its name; it is dropped instead.
const shortestUsefulField = 40;
// Discord rejects empty field names and values; a zero-width space is the usual stand-in.
const blank = '\u200b';

/** The characters Discord counts against the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * Any embed made to fit Discord's limits, so a send never fails on length. Validated knowledge
 * already fits part by part; what can still overflow is the 6000 total, so parts are cut from
 * the least important: the fields named in `shrinkFirst` (in that order), then the description,
 * then the other fields from last to first, then footer, author and title.
 */
export function fitEmbed(embed: APIEmbed, shrinkFirst: readonly string[] = [], maxTotal: number = embedLimits.total): APIEmbed {
  const fitted = clampParts(embed);
  let fields = [...(fitted.fields ?? [])];
  const named = shrinkFirst.flatMap((name) => fields.filter((field) => field.name === name));
  const others = fields.filter((field) => !named.includes(field)).reverse();
  const order: (APIEmbedField | 'description' | 'footer' | 'author' | 'title')[] = [...named, 'description', ...others, 'footer', 'author', 'title'];

  for (const part of order) {
    const excess = embedLength({ ...fitted, fields }) - maxTotal;
    if (excess <= 0) break;
    if (typeof part === 'object') {
      const room = part.value.length - excess;
      fields = room < shortestUsefulField ? fields.filter((field) => field !== part) : fields.map((field) => (field === part ? { ...field, value: truncate(field.value, room) } : field));
    } else if (part === 'description' || part === 'title') {
      const room = (fitted[part]?.length ?? 0) - excess;
      if (room > 0) fitted[part] = truncate(fitted[part] ?? '', room);
      else delete fitted[part];
    } else if (part === 'footer' && fitted.footer) {
      const room = fitted.footer.text.length - excess;
      if (room > 0) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, room) };
      else delete fitted.footer;
    } else if (part === 'author') {
      delete fitted.author;
    }
  }
  if (fields.length > 0) fitted.fields = fields;
  else delete fitted.fields;
  return fitted;
}

/** At most 10 embeds sharing the 6000 total in order: later embeds give way to earlier ones. */
export function fitMessageEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted: APIEmbed[] = [];
  let budget: number = embedLimits.total;
  for (const embed of embeds.slice(0, embedLimits.embedsPerMessage)) {
    // A sliver of an embed would say nothing; the rest are left out.
    if (budget < shortestUsefulField) break;
    const one = fitEmbed(embed, [], budget);
    budget -= embedLength(one);
    fitted.push(one);
  }
  return fitted;
}

/** Every part cut to its own limit, empty parts removed or filled, at most 25 fields. */
function clampParts(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (embed.title) fitted.title = truncate(embed.title, embedLimits.title);
  else delete fitted.title;
  if (embed.description) fitted.description = truncate(embed.description, embedLimits.description);
  else delete fitted.description;
  if (embed.footer?.text) fitted.footer = { ...embed.footer, text: truncate(embed.footer.text, embedLimits.footerText) };
  else delete fitted.footer;
  if (embed.author?.name) fitted.author = { ...embed.author, name: truncate(embed.author.name, embedLimits.authorName) };
  else delete fitted.author;
  if (embed.fields && embed.fields.length > 0) {
    fitted.fields = embed.fields.slice(0, embedLimits.fields).map((field) => ({
      ...field,
      name: truncate(field.name, embedLimits.fieldName) || blank,
      value: truncate(field.value, embedLimits.fieldValue) || blank,
    }));
  } else delete fitted.fields;
  return fitted;
}
