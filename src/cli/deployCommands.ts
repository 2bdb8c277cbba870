import 'dotenv/config';
import { Routes } from 'discord.js';
import { z } from 'zod';
import { readBotConfigOrExit } from '../config/botConfig.ts';
import { explainDiscordError } from '../discord/discordFailure.ts';
import { createLogger } from '../discord/logger.ts';
import { loadCommands } from '../discord/loadCommands.ts';
import { createRest, registerCommands } from '../discord/registerCommands.ts';

const applicationSchema = z.object({ id: z.string() });

// `npm run deploy-commands [-- --force]`: registers the slash commands now (guild-scoped when DISCORD_GUILD_ID is set).
// Exit codes: 0 registered or already up to date; 1 bad configuration, or Discord refused or could not be reached.
async function main(): Promise<number> {
  const config = readBotConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  const commands = await loadCommands(logger);
  // Few retries: a person is waiting, and an unreachable API will not be there a few seconds later either.
  const rest = createRest(config.token, config.apiBase, { retries: 1 });
  try {
    const applicationId = config.clientId ?? applicationSchema.parse(await rest.get(Routes.currentApplication())).id;
    const result = await registerCommands(
      { token: config.token, apiBase: config.apiBase, applicationId, guildId: config.guildId },
      [...commands.values()].map((command) => command.data.toJSON()),
      logger,
      { force: process.argv.includes('--force'), rest },
    );
    process.stdout.write(`Slash commands ${result === 'updated' ? 'registered' : 'were already up to date'} (${config.guildId ? `server ${config.guildId}` : 'global'}).\n`);
    return 0;
  } catch (error) {
    // One line with the cause and the fix; the details, with stack, only for those who ask for debug logs.
    logger.debug({ err: error }, 'Registering the slash commands failed');
    process.stderr.write(`Could not register the slash commands: ${explainDiscordError(error, { apiBase: config.apiBase }).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
