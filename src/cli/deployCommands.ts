import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { z } from 'zod';
import { readBotConfigOrExit } from '../config/botConfig.ts';
import { createLogger } from '../discord/logger.ts';
import { loadCommands } from '../discord/loadCommands.ts';
import { registerCommands } from '../discord/registerCommands.ts';

const applicationSchema = z.object({ id: z.string() });

// `npm run deploy-commands [-- --force]`: registers the slash commands now (guild-scoped when DISCORD_GUILD_ID is set).
async function main(): Promise<number> {
  const config = readBotConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  const commands = await loadCommands(logger);
  const applicationId =
    config.clientId ?? applicationSchema.parse(await new REST({ api: config.apiBase }).setToken(config.token).get(Routes.currentApplication())).id;
  const result = await registerCommands(
    { token: config.token, apiBase: config.apiBase, applicationId, guildId: config.guildId },
    [...commands.values()].map((command) => command.data.toJSON()),
    logger,
    { force: process.argv.includes('--force') },
  );
  process.stdout.write(`Slash commands ${result === 'updated' ? 'registered' : 'were already up to date'} (${config.guildId ? `server ${config.guildId}` : 'global'}).\n`);
  return 0;
}

process.exitCode = await main();
