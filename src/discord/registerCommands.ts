import { isDeepStrictEqual } from 'node:util';
import { REST, Routes, type RESTOptions, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import type { Logger } from './logger.ts';

export interface RegisterTarget {
  readonly token: string;
  readonly apiBase: string;
  readonly applicationId: string;
  /** Guild-scoped registration shows up at once; global can take a while to reach every client. */
  readonly guildId: string | undefined;
}

// Only the fields we send are compared: Discord adds ids, versions and defaults to what it returns.
const registeredSchema = z.array(z.looseObject({ name: z.string() }));
const comparedKeys = ['name', 'description', 'options', 'default_member_permissions', 'dm_permission', 'contexts', 'nsfw'] as const;

function comparable(command: Record<string, unknown>): unknown {
  return stripEmpty(Object.fromEntries(comparedKeys.map((key) => [key, command[key]])));
}

// Discord fills in defaults (false, null, [], and '' for a context-menu command's description) that our
// definitions leave out; they mean the same.
function stripEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripEmpty);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== undefined && inner !== null && inner !== false && inner !== '' && !(Array.isArray(inner) && inner.length === 0))
      .map(([key, inner]) => [key, stripEmpty(inner)]),
  );
}

export function createRest(token: string, apiBase: string, options: Partial<RESTOptions> = {}): REST {
  return new REST({ ...options, api: apiBase }).setToken(token);
}

/**
 * Registers the slash commands, but only when they differ from what Discord already has: every PUT
 * counts against a daily limit and makes clients refresh their command list. The bot passes its
 * client's `rest`, so a rejected token is noticed there like any other 401.
 */
export async function registerCommands(
  target: RegisterTarget,
  commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
  logger: Logger,
  { force = false, rest = createRest(target.token, target.apiBase) }: { force?: boolean; rest?: REST } = {},
): Promise<'updated' | 'unchanged'> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? { guildId: target.guildId } : { scope: 'global' };

  if (!force) {
    const existing = registeredSchema.parse(await rest.get(route));
    const byName = (list: readonly Record<string, unknown>[]) =>
      [...list].sort((a, b) => String(a.name).localeCompare(String(b.name))).map(comparable);
    const wanted = commands.map((command) => ({ ...command }) as Record<string, unknown>);
    if (isDeepStrictEqual(byName(existing), byName(wanted))) {
      logger.info({ ...scope, count: commands.length }, 'Slash commands already up to date');
      return 'unchanged';
    }
  }
  await rest.put(route, { body: commands });
  logger.info({ ...scope, count: commands.length, names: commands.map((c) => c.name) }, 'Registered slash commands');
  return 'updated';
}
