import { normalizeText } from '../text/normalizeText.ts';

/** One name a record can be picked by: its title or one of its other phrasings. */
export interface NamedChoice {
  /** What the member sees (Discord caps choice names at 100 characters; validation ensures it). */
  readonly name: string;
  /** The record id sent back when the choice is picked. */
  readonly value: string;
}

/**
 * A name to match what was typed against (normalised once, when the engine is built), and what
 * makes the choice to offer. The choice itself is made only for the few names offered: at 10,000
 * records there are tens of thousands of names, each an object and a string more to keep.
 */
export interface Nameable {
  readonly match: string;
  /** The record id sent back when the choice is picked. */
  readonly value: string;
  readonly title: string;
  /** Set for a name other than the title: shown as "alias — title", so members see what they pick. */
  readonly alias: string | null;
}

/** A record's title, and its other names. */
export function nameablesOf(value: string, title: string, aliases: readonly string[]): Nameable[] {
  return [{ match: normalizeText(title), value, title, alias: null }, ...aliases.map((alias) => ({ match: normalizeText(alias), value, title, alias }))];
}

/** The choice a name offers (Discord caps choice names at 100 characters; validation ensures a title fits). */
function choiceOf({ value, title, alias }: Nameable): NamedChoice {
  if (alias === null) return { name: title, value };
  const name = `${alias} — ${title}`;
  return { name: name.length <= 100 ? name : alias, value };
}

export const maxChoices = 25;

/**
 * Autocomplete in tiers, like the discord.js support bot's tags: names equal to what was typed,
 * then names starting with it, then names containing it, then names containing every typed word.
 * Each record appears once, under its best-matching name; an empty query lists titles in file order.
 */
export function completeNames(names: readonly Nameable[], typed: string, limit = maxChoices): NamedChoice[] {
  const query = normalizeText(typed);
  const picked = new Map<string, { named: Nameable; tier: number; order: number }>();
  names.forEach((named, order) => {
    const tier = tierOf(named.match, query);
    if (tier === null) return;
    const previous = picked.get(named.value);
    if (!previous || tier < previous.tier) picked.set(named.value, { named, tier, order: previous?.order ?? order });
  });
  return [...picked.values()]
    .sort((a, b) => a.tier - b.tier || a.order - b.order)
    .slice(0, limit)
    .map(({ named }) => choiceOf(named));
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
