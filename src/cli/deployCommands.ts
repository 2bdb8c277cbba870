import 'dotenv/config';
import { parseArgs } from 'node:util';
import { Routes } from 'discord.js';
import { z } from 'zod';
import { readBotConfigOrExit } from '../config/botConfig.ts';
import { explainDiscordError } from '../discord/discordFailure.ts';
import { createLogger } from '../discord/logger.ts';
import { loadCommands } from '../discord/loadCommands.ts';
import { createRest, listedTwiceWarning, registerCommands, removeServerCopy } from '../discord/registerCommands.ts';

const applicationSchema = z.object({ id: z.string() });

const usage = `Usage: npm run deploy-commands [-- --force] [-- --global]

Registers the slash commands now: to the server DISCORD_GUILD_ID when it is set (at once), else globally.
  --force   register even when Discord already has these exact commands
  --global  register globally even with DISCORD_GUILD_ID set, and remove the copy registered to that server,
            which would otherwise list every command twice (the move from the test server to every server)`;

// Exit codes: 0 registered or already up to date; 1 bad configuration, or Discord refused or could not be reached;
// 2 an unknown argument.
async function main(): Promise<number> {
  let flags: { force: boolean; global: boolean };
  try {
    // `npm run deploy-commands -- --force -- --global`, as the usage writes it, hands the script a second `--`:
    // it separates nothing here.
    const args = process.argv.slice(2).filter((arg) => arg !== '--');
    const { values } = parseArgs({ args, options: { force: { type: 'boolean' }, global: { type: 'boolean' }, help: { type: 'boolean' } }, strict: true });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    flags = { force: values.force ?? false, global: values.global ?? false };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  const config = readBotConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  const commands = await loadCommands(logger);
  // Few retries: a person is waiting, and an unreachable API will not be there a few seconds later either.
  const rest = createRest(config.token, config.apiBase, { retries: 1 });
  const guildId = flags.global ? undefined : config.guildId;
  try {
    const applicationId = config.clientId ?? applicationSchema.parse(await rest.get(Routes.currentApplication())).id;
    const { result, alsoGlobal } = await registerCommands(
      { token: config.token, apiBase: config.apiBase, applicationId, guildId },
      [...commands.values()].map((command) => command.data.toJSON()),
      logger,
      { force: flags.force, rest },
    );
    process.stdout.write(`Slash commands ${result === 'updated' ? 'registered' : 'were already up to date'} (${guildId ? `server ${guildId}` : 'global'}).\n`);
    if (guildId && alsoGlobal.length > 0) process.stderr.write(`Warning: ${listedTwiceWarning(guildId)}.\n`);
    if (flags.global && config.guildId) {
      const removed = await removeServerCopy(rest, applicationId, config.guildId, logger);
      if (removed > 0) process.stdout.write(`Removed the ${removed} commands registered to server ${config.guildId}, so it lists each once. Empty DISCORD_GUILD_ID before the bot's next start, or it registers them there again.\n`);
    } else if (!guildId && result === 'updated') {
      process.stdout.write('If they were registered to a server before (DISCORD_GUILD_ID), it still has that copy and lists each twice: remove it with `DISCORD_GUILD_ID=<its id> npm run deploy-commands -- --global`.\n');
    }
    return 0;
  } catch (error) {
    // One line with the cause and the fix; the details, with stack, only for those who ask for debug logs.
    logger.debug({ err: error }, 'Registering the slash commands failed');
    process.stderr.write(`Could not register the slash commands: ${explainDiscordError(error, { apiBase: config.apiBase }).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
