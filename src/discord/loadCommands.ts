import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from './commandModule.ts';
import type { Logger } from './logger.ts';

export const commandsDir = fileURLToPath(new URL('../../commands/', import.meta.url));

/** Why a module's default export is not a command this bot can route, or null when it is one. */
export function commandModuleProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'it must `export default` a command ({ data, execute, … } satisfies CommandModule)';
  const candidate = value as Record<string, unknown>;
  const data = candidate['data'] as { name?: unknown; toJSON?: unknown } | undefined;
  const handles = typeof candidate['execute'] === 'function' || typeof candidate['executeOnMessage'] === 'function';
  if (typeof data?.name !== 'string' || typeof data.toJSON !== 'function' || !handles) {
    return 'its default export must have `data` (the definition) and `execute` (or `executeOnMessage` for a message command)';
  }
  for (const key of ['buttons', 'forms'] as const) {
    const handler = candidate[key] as { command?: unknown; parse?: unknown } | undefined;
    if (handler === undefined) continue;
    if (typeof handler.parse !== 'function') return `its \`${key}\` must come from handledBy(customIds, handler)`;
    // A custom id comes back to the command its prefix names: ids with another prefix would never arrive.
    if (handler.command !== data.name) return `its \`${key}\` use custom ids of /${String(handler.command)}, not /${data.name}`;
  }
  return null;
}

/**
 * Loads every module in `commands/`. Like the discord.js guide's loader, a file that is not a
 * command is skipped with a warning rather than taking the bot down.
 */
export async function loadCommands(logger: Logger, dir = commandsDir): Promise<Map<string, CommandModule>> {
  const commands = new Map<string, CommandModule>();
  const files = (await readdir(dir)).filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts')).sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    const problem = commandModuleProblem(module.default);
    if (problem) {
      logger.warn({ file, problem }, 'Skipping command file');
      continue;
    }
    const command = module.default as CommandModule;
    commands.set(command.data.name, command);
  }
  return commands;
}
