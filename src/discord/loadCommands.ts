import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from './commandModule.ts';
import type { Logger } from './logger.ts';

export const commandsDir = fileURLToPath(new URL('../../commands/', import.meta.url));

function isCommandModule(value: unknown): value is CommandModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof CommandModule, unknown>>;
  const data = candidate.data as { name?: unknown; toJSON?: unknown } | undefined;
  return typeof data?.name === 'string' && typeof data.toJSON === 'function' && typeof candidate.execute === 'function';
}

/**
 * Loads every module in `commands/`. Like the discord.js guide's loader, a file without both
 * `data` and `execute` is skipped with a warning rather than taking the bot down.
 */
export async function loadCommands(logger: Logger, dir = commandsDir): Promise<Map<string, CommandModule>> {
  const commands = new Map<string, CommandModule>();
  const files = (await readdir(dir)).filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts')).sort();
  for (const file of files) {
    const module: unknown = await import(pathToFileURL(path.join(dir, file)).href);
    if (!isCommandModule(module)) {
      logger.warn({ file }, 'Skipping command file: it must export `data` and `execute`');
      continue;
    }
    commands.set(module.data.name, module);
  }
  return commands;
}
