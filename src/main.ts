import 'dotenv/config';
import { readBotConfigOrExit } from './config/botConfig.ts';
import { createLogger } from './discord/logger.ts';
import { loadCommands } from './discord/loadCommands.ts';
import { startBot } from './discord/createBot.ts';
import { openKnowledge } from './discord/openKnowledge.ts';

// `npm start`: validate the whole configuration, load the knowledge, then connect.
async function main(): Promise<void> {
  const config = readBotConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  const knowledge = await openKnowledge(config, logger);
  const commands = await loadCommands(logger);
  let bot;
  try {
    bot = await startBot({ config, logger, knowledge: knowledge.store, moderation: knowledge.moderation }, commands);
  } catch (error) {
    const invalidToken = error instanceof Error && /invalid token|401|Unauthorized/i.test(`${error.message} ${String((error as { code?: unknown }).code)}`);
    logger.fatal(
      invalidToken
        ? 'Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (your application → Bot) and put the new one in .env.'
        : `Could not connect to Discord at ${config.apiBase}: ${error instanceof Error ? error.message : String(error)}`,
    );
    await knowledge.close();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Received signal');
    void bot
      .stop()
      .then(() => knowledge.close())
      .then(() => {
        logger.info('Stopped cleanly');
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
