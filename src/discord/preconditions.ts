import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';

/**
 * The decisions the dispatcher makes before any handler runs, as plain functions over plain data
 * so they are tested directly; the end-to-end tests prove the wiring.
 */

export const refusals = {
  notModerator: 'Only moderators can change the knowledge base (Manage Server permission or a moderator role).',
  noTools: 'Moderator tools are not available on this bot.',
  notKnowledgeServer:
    "Every server this bot is in gets the same answers, so only the moderators of the bot's knowledge server can change them or review every server's questions. Here, `/kb gaps` and `/kb stats` show this server's own questions.",
  noKnowledgeServer:
    "Nobody can change the knowledge yet: no server is set as the bot's knowledge server. The bot's operator sets KNOWLEDGE_GUILD_IDS in .env to the ids of the servers whose moderators own it, and restarts the bot.",
  unknownCommand: 'That command is not available any more; it may have been removed in an update.',
  unknownButton: 'This button is no longer supported. Please ask again.',
  unknownForm: 'That form has expired. Please run the command again.',
  notOnMessage: 'That button does not belong to this message.',
  notYours: 'Only the member who ran this command can use these buttons.',
} as const;

export interface Member {
  /** Manage Server or one of MOD_ROLE_IDS, in the server the interaction comes from. */
  readonly isModerator: boolean;
  readonly hasModeratorTools: boolean;
  /** That server's standing to the knowledge (see knowledgeServers.ts). */
  readonly server: 'knowledge server' | 'other server' | 'no knowledge server';
}

/**
 * What a moderator-only interaction does: `read` its own server's figures (the subcommands a command declares
 * read-only), or `change` the knowledge and see every server's questions (everything else: other subcommands,
 * autocomplete, buttons, forms).
 */
export type ModeratorAccess = 'read' | 'change';

/** Whose questions a moderator's reports cover: every server's and the DMs', or their own server's only. */
export type ModeratorScope = { readonly kind: 'every server' } | { readonly kind: 'own server'; readonly guildId: string };

/**
 * Whether a member may use a moderator-only command (or its autocomplete, buttons and forms), and over what: the
 * moderators of a knowledge server over everything; a moderator elsewhere only reads their own server's figures.
 */
export function moderatorDecision(member: Member, access: ModeratorAccess, guildId: string | null): { readonly scope: ModeratorScope } | { readonly refusal: string } {
  if (!member.isModerator || guildId === null) return { refusal: refusals.notModerator };
  if (!member.hasModeratorTools) return { refusal: refusals.noTools };
  if (member.server === 'knowledge server') return { scope: { kind: 'every server' } };
  if (access === 'read') return { scope: { kind: 'own server', guildId } };
  return { refusal: member.server === 'no knowledge server' ? refusals.noKnowledgeServer : refusals.notKnowledgeServer };
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
