import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';

/**
 * The decisions the dispatcher makes before any handler runs, as plain functions over plain data
 * so they are tested directly; the end-to-end tests prove the wiring.
 */

export const refusals = {
  notModerator: 'Only moderators can change the knowledge base (Manage Server permission or a moderator role).',
  noTools: 'Moderator tools are not available on this bot.',
  unknownCommand: 'That command is not available any more; it may have been removed in an update.',
  unknownButton: 'This button is no longer supported. Please ask again.',
  unknownForm: 'That form has expired. Please run the command again.',
  notOnMessage: 'That button does not belong to this message.',
  notYours: 'Only the member who ran this command can use these buttons.',
} as const;

export interface Member {
  readonly isModerator: boolean;
  readonly hasModeratorTools: boolean;
}

/** Why a member may not use a command (or its autocomplete, buttons and forms); null when they may. */
export function moderatorRefusal(moderatorOnly: boolean, member: Member): string | null {
  if (!moderatorOnly) return null;
  if (!member.isModerator) return refusals.notModerator;
  if (!member.hasModeratorTools) return refusals.noTools;
  return null;
}

/**
 * A button acts only on the message it is on: a custom id that none of the message's components
 * carries was not pressed there (a forged press on someone else's message).
 */
export function isOnMessage(components: readonly unknown[], customId: string): boolean {
  const stack: unknown[] = [...components];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if ((node as { custom_id?: unknown }).custom_id === customId) return true;
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
  return false;
}

/** Whether the member pressing a button is the one whose command made the message (unknown: no). */
export function pressedByInvoker(invokerId: string | undefined, presserId: string): boolean {
  return invokerId !== undefined && invokerId === presserId;
}

/** An option as an interaction carries it: name, value, and the options of a subcommand (group). */
export interface GivenOption {
  readonly name: string;
  readonly value?: unknown;
  readonly options?: readonly GivenOption[];
}

export interface OverLongOption {
  readonly name: string;
  readonly max: number;
  readonly length: number;
}

/**
 * The first string option longer than its definition's `max_length`. Discord's client enforces the
 * limit; a longer value was sent around it, and is refused before any handler (or the engine) sees it.
 * An option the definition leaves unbounded is measured against 6,000, the most a message could hold.
 */
export function overLongOption(definition: readonly APIApplicationCommandOption[] | undefined, given: readonly GivenOption[]): OverLongOption | null {
  for (const option of given) {
    const declared = definition?.find((candidate) => candidate.name === option.name);
    if (option.options) {
      const nested = declared && 'options' in declared ? (declared.options as readonly APIApplicationCommandOption[] | undefined) : undefined;
      const found = overLongOption(nested, option.options);
      if (found) return found;
      continue;
    }
    if (typeof option.value !== 'string') continue;
    const max = declared?.type === ApplicationCommandOptionType.String && declared.max_length !== undefined ? declared.max_length : 6000;
    const length = [...option.value].length;
    if (length > max) return { name: option.name, max, length };
  }
  return null;
}
