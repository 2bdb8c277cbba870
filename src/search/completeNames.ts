import { normalizeText } from '../text/normalizeText.ts';
import type { BuildSteps } from './buildSteps.ts';
import { typoIndexSteps } from './nameTypos.ts';

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

interface Picked {
  readonly named: Nameable;
  readonly order: number;
}

/**
 * Autocomplete in tiers, like the discord.js support bot's tags: names equal to what was typed,
 * then names starting with it, then names containing it, then names containing every typed word.
 * Each record appears once, under its best-matching name; an empty query lists titles in file order.
 */
export function completeNames(names: readonly Nameable[], typed: string, limit = maxChoices): NamedChoice[] {
  return spelledTiers(names, normalizeText(typed))
    .slice(0, limit)
    .map(({ named }) => choiceOf(named));
}

function spelledTiers(names: readonly Nameable[], query: string): Picked[] {
  const words = query.split(' ');
  const picked = new Map<string, Picked & { tier: number }>();
  names.forEach((named, order) => {
    const tier = tierOf(named.match, query, words);
    if (tier === null) return;
    const previous = picked.get(named.value);
    if (!previous || tier < previous.tier) picked.set(named.value, { named, tier, order: previous?.order ?? order });
  });
  return [...picked.values()].sort((a, b) => a.tier - b.tier || a.order - b.order);
}

function tierOf(name: string, query: string, words: readonly string[]): number | null {
  if (!query) return 0;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(query)) return 2;
  if (words.every((word) => name.includes(word))) return 3;
  return null;
}

/** Autocomplete over one list of names, with what it needs built once per knowledge snapshot. */
export interface NameCompleter {
  /**
   * The tiers of `completeNames`, then names one slip away ("revnue" → "Revenue share"), closest
   * first; each record once, at most `limit`.
   */
  complete(typed: string, limit?: number): NamedChoice[];
}

export function* nameCompleterSteps(names: readonly Nameable[]): BuildSteps<NameCompleter> {
  const typos = yield* typoIndexSteps(names);
  return {
    complete(typed, limit = maxChoices) {
      const query = normalizeText(typed);
      const spelled = spelledTiers(names, query).slice(0, limit);
      if (spelled.length >= limit || !query) return spelled.map(({ named }) => choiceOf(named));
      const offered = new Set(spelled.map(({ named }) => named.value));
      const slips = typos.closest(query.split(' '), offered, limit - spelled.length).map((order) => names[order]!);
      return [...spelled.map(({ named }) => named), ...slips].map(choiceOf);
    },
  };
}
