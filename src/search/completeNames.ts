import { normalizeText } from '../text/normalizeText.ts';

/** One name a record can be picked by: its title or one of its other phrasings. */
export interface NamedChoice {
  /** What the member sees (Discord caps choice names at 100 characters; validation ensures it). */
  readonly name: string;
  /** The record id sent back when the choice is picked. */
  readonly value: string;
}

/** A name to match what was typed against (normalised once, when the engine is built), and the choice to offer. */
export interface Nameable {
  readonly match: string;
  readonly choice: NamedChoice;
}

/** A record's title, and its other names shown as "alias — title" so members see what they pick. */
export function nameablesOf(value: string, title: string, aliases: readonly string[]): Nameable[] {
  return [
    { match: normalizeText(title), choice: { name: title, value } },
    ...aliases.map((alias) => {
      const name = `${alias} — ${title}`;
      return { match: normalizeText(alias), choice: { name: name.length <= 100 ? name : alias, value } };
    }),
  ];
}

export const maxChoices = 25;

/**
 * Autocomplete in tiers, like the discord.js support bot's tags: names equal to what was typed,
 * then names starting with it, then names containing it, then names containing every typed word.
 * Each record appears once, under its best-matching name; an empty query lists titles in file order.
 */
export function completeNames(names: readonly Nameable[], typed: string, limit = maxChoices): NamedChoice[] {
  const query = normalizeText(typed);
  const picked = new Map<string, { choice: NamedChoice; tier: number; order: number }>();
  names.forEach(({ match, choice }, order) => {
    const tier = tierOf(match, query);
    if (tier === null) return;
    const previous = picked.get(choice.value);
    if (!previous || tier < previous.tier) picked.set(choice.value, { choice, tier, order: previous?.order ?? order });
  });
  return [...picked.values()]
    .sort((a, b) => a.tier - b.tier || a.order - b.order)
    .slice(0, limit)
    .map(({ choice }) => choice);
}

function tierOf(name: string, query: string): number | null {
  if (!query) return 0;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(query)) return 2;
  const words = query.split(' ');
  if (words.every((word) => name.includes(word))) return 3;
  return null;
}
