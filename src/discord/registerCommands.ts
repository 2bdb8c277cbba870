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

export interface Registration {
  readonly result: 'updated' | 'unchanged';
  /**
   * Registered to a server: those of the commands the application also has globally. That server lists each of
   * them twice (Discord shows both copies), until one copy is removed.
   */
  readonly alsoGlobal: readonly string[];
}

/**
 * Registers the slash commands, but only when they differ from what Discord already has: every PUT
 * counts against a daily limit and makes clients refresh their command list. The bot passes its
 * client's `rest`, so a rejected token is noticed there like any other 401. Registering to a server,
 * it also looks whether the same commands are registered globally, which that server then lists twice.
 */
export async function registerCommands(
  target: RegisterTarget,
  commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
  logger: Logger,
  { force = false, rest = createRest(target.token, target.apiBase) }: { force?: boolean; rest?: REST } = {},
): Promise<Registration> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? { guildId: target.guildId } : { scope: 'global' };
  const alsoGlobal = async () => {
    if (!target.guildId) return [];
    const global = new Set(registeredSchema.parse(await rest.get(Routes.applicationCommands(target.applicationId))).map((command) => command.name));
    return commands.map((command) => command.name).filter((name) => global.has(name));
  };

  if (!force) {
    const existing = registeredSchema.parse(await rest.get(route));
    const byName = (list: readonly Record<string, unknown>[]) =>
      [...list].sort((a, b) => String(a.name).localeCompare(String(b.name))).map(comparable);
    const wanted = commands.map((command) => ({ ...command }) as Record<string, unknown>);
    if (isDeepStrictEqual(byName(existing), byName(wanted))) {
      logger.info({ ...scope, count: commands.length }, 'Slash commands already up to date');
      return { result: 'unchanged', alsoGlobal: await alsoGlobal() };
    }
  }
  await rest.put(route, { body: commands });
  logger.info({ ...scope, count: commands.length, names: commands.map((c) => c.name) }, 'Registered slash commands');
  return { result: 'updated', alsoGlobal: await alsoGlobal() };
}

/**
 * Removes every command registered to one server (the copy DISCORD_GUILD_ID was given while setting up), once they
 * are registered globally: the server would list each command twice. Returns how many there were.
 */
export async function removeServerCopy(rest: REST, applicationId: string, guildId: string, logger: Logger): Promise<number> {
  const route = Routes.applicationGuildCommands(applicationId, guildId);
  const registered = registeredSchema.parse(await rest.get(route));
  if (registered.length === 0) return 0;
  await rest.put(route, { body: [] });
  logger.info({ guildId, count: registered.length }, "Removed the server's copy of the slash commands");
  return registered.length;
}

/** What the bot and deploy-commands say when a server lists the commands twice, with the fix. */
export function listedTwiceWarning(guildId: string): string {
  return (
    `Server ${guildId} (DISCORD_GUILD_ID) lists these slash commands twice: they are registered to it and globally. ` +
    'To keep them global only, run `npm run deploy-commands -- --global` (it removes the server\'s copy) and empty DISCORD_GUILD_ID ' +
    '(set KNOWLEDGE_GUILD_IDS to that server so its moderators keep the knowledge); to keep them in that server only, ' +
    'remove the global ones in the Developer Portal or with the API'
  );
}
