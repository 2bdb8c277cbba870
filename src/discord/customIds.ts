import type { z } from 'zod';

/** Discord refuses a button or form whose custom id is longer. */
export const customIdMaxLength = 100;

/**
 * The custom ids of one command, `<command>:<part>:<part>…`: a button or form comes back to the
 * command whose name starts its id, and only that command's codec reads the rest.
 */
export interface CustomIds<Id> {
  /** The command these ids belong to: the text before the first colon. */
  readonly command: string;
  /** The custom id for `id`; throws a RangeError for one Discord would refuse or this codec could not read back. */
  encode(id: Id): string;
  /** What a custom id stands for, or null for anything this command did not make (or that was tampered with). */
  decode(customId: string): Id | null;
}

/** The command a custom id belongs to: the text before its first colon. */
export function commandOfCustomId(customId: string): string {
  const colon = customId.indexOf(':');
  return colon < 0 ? customId : customId.slice(0, colon);
}

/**
 * One codec per command. `parts` reads the colon-separated parts after the command name (a custom
 * id comes back from Discord, so it is parsed like any other outside input); `format` writes them.
 */
export function defineCustomIds<Id>(command: string, parts: z.ZodType<Id>, format: (id: Id) => readonly (string | number)[]): CustomIds<Id> {
  if (!/^[a-z0-9_-]+$/.test(command)) throw new RangeError(`Not a command name: ${command}`);
  const decode = (customId: string): Id | null => {
    if (customId.length > customIdMaxLength || commandOfCustomId(customId) !== command) return null;
    const parsed = parts.safeParse(customId.split(':').slice(1));
    return parsed.success ? parsed.data : null;
  };
  return {
    command,
    decode,
    encode(id) {
      const customId = [command, ...format(id)].join(':');
      // A button that would be refused, or would not decode, is dead on arrival: fail where it is built.
      if (customId.length > customIdMaxLength) throw new RangeError(`Custom id over ${customIdMaxLength} characters: ${customId}`);
      if (decode(customId) === null) throw new RangeError(`Cannot encode as a custom id of /${command}: ${customId}`);
      return customId;
    },
  };
}
