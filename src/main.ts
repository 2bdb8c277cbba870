import 'dotenv/config';
import { meaningEngineOptions, startKnowledgeMeaning } from './app/meaning.ts';
import { openKnowledge } from './app/openKnowledge.ts';
import { runShardManager } from './app/runShardManager.ts';
import { watchParent } from './app/watchParent.ts';
import { hideShardSettingsFromDiscordJs, readBotConfigOrExit } from './config/botConfig.ts';
import { startBot, type RunningBot } from './discord/createBot.ts';
import { explainDiscordError } from './discord/discordFailure.ts';
import { loadCommands } from './discord/loadCommands.ts';
import { createLogger } from './discord/logger.ts';
import { formatProblem } from './knowledge/knowledgeProblem.ts';
import { loadDecisionModel, type DecisionModel } from './meaning/fusedDecision.ts';
import { OpsPortError, startOps, type Ops } from './ops/startOps.ts';
import { createModerationService } from './moderation/moderationService.ts';
import { QuestionLog } from './questionLog/questionLog.ts';

// The bot: `node dist/src/main.js` (or `npm start`; `npm run dev` from sources). Validate the whole configuration, load the knowledge,
// connect; stop cleanly on SIGINT/SIGTERM or when the process that started it is gone; exit 1 on anything fatal.
async function main(): Promise<void> {
  const config = readBotConfigOrExit(process.env);
  hideShardSettingsFromDiscordJs(process.env);
  const { sharding } = config;
  if (sharding.mode === 'manager') {
    await runShardManager(config, sharding.count, createLogger(config.logLevel).child({ role: 'shard-manager' }));
    return;
  }
  // Several shard processes may write to one log: each line says which shards, and which process, it comes from.
  const logger = sharding.mode === 'shards' ? createLogger(config.logLevel).child({ shards: sharding.ids, pid: process.pid }) : createLogger(config.logLevel);
  if (/^[a-z]+:\/\/[^/]*@/i.test(config.apiBase)) {
    logger.warn('DISCORD_API_BASE holds a user name or password: discord.js does not send them to the proxy (they are never logged either)');
  }
  let engineOptions = {};
  let decisionModel: DecisionModel | null = null;
  if (config.meaning === 'on') {
    try {
      decisionModel = loadDecisionModel();
      engineOptions = meaningEngineOptions(decisionModel);
    } catch (error) {
      logger.fatal(`MEANING=on needs the fitted decision: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
  const opened = await openKnowledge(config, logger, engineOptions);
  if (!opened.ok) {
    for (const problem of opened.problems) logger.error(formatProblem(problem));
    logger.fatal({ dir: config.knowledgeDir, problems: opened.problems.length }, 'The knowledge is not valid; fix it (npm run validate) and start again');
    process.exit(1);
  }
  const knowledge = opened.knowledge;
  // Returns at once: questions are answered by their words alone until the encoder is ready.
  const meaning = startKnowledgeMeaning(knowledge.store, {
    setting: config.meaning,
    dataDir: config.dataDir,
    logger: logger.child({ component: 'meaning' }),
    ...(decisionModel ? { classifierTemperature: decisionModel.classifierTemperature } : {}),
  });
  const commands = await loadCommands(logger);
  // Opening it never stops the bot: an unusable database is reported, and retried, by the log itself.
  const questionLog = new QuestionLog({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, enabled: config.questionLog, retentionDays: config.retentionDays, logger });
  // Tried once before connecting (a database that is down costs at most its connect timeout): rows are taken from the first question on.
  await questionLog.ready();
  let bot: RunningBot | null = null;
  let ops: Ops;
  try {
    // Before connecting: /healthz answers 503 while the bot connects, rather than nothing.
    ops = await startOps(
      config,
      { knowledge: knowledge.store, client: () => bot?.client, meaning, ...(config.questionLog ? { questionLog } : {}), ...(knowledge.shared ? { sharedKnowledge: knowledge.shared } : {}) },
      logger,
    );
  } catch (error) {
    if (!(error instanceof OpsPortError)) throw error;
    logger.fatal(error.message);
    await meaning.close();
    await knowledge.close();
    await questionLog.close();
    process.exit(1);
  }

  // Signals are handled from here on, even while connecting: a stop that arrives before the bot
  // is ready waits for it and then stops it cleanly, instead of killing the process mid-start.
  let stopping: number | null = null;
  const stopNow = (exitCode: number) => {
    void (bot ? bot.stop() : Promise.resolve())
      .then(() => ops.close())
      .then(() => meaning.close())
      .then(() => knowledge.close())
      .then(() => questionLog.close())
      .then(() => {
        if (exitCode === 0) logger.info('Stopped cleanly');
        process.exit(exitCode);
      });
  };
  const shutdown = (exitCode: number) => {
    if (stopping !== null) return;
    stopping = exitCode;
    if (bot) stopNow(exitCode);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'Received signal');
    shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  watchParent(() => {
    logger.warn('The process that started the bot has exited; stopping');
    shutdown(0);
  });

  try {
    bot = await startBot({ config, logger, knowledge: knowledge.store, meaning, moderation: createModerationService({ store: knowledge.store, writer: knowledge.writer, questionLog, logger }), metrics: ops.metrics, questionLog }, commands);
  } catch (error) {
    logger.fatal(explainDiscordError(error, { apiBase: config.apiBase }).message);
    await ops.close();
    await meaning.close();
    await knowledge.close();
    await questionLog.close();
    process.exit(1);
  }
  if (stopping !== null) {
    stopNow(stopping);
    return;
  }
  void bot.failure.then((failure) => {
    // Exit non-zero, so a supervisor that restarts on failure sees one, with the cause and the fix in the log.
    logger.fatal({ closeCode: failure.closeCode, kind: failure.kind }, failure.message);
    shutdown(1);
  });
  // Nothing left to wait for while not stopping: the connection is gone without a word. Never a silent exit 0.
  process.on('beforeExit', () => {
    if (stopping !== null) return;
    logger.fatal('The bot lost its connection to Discord and has nothing left to do; exiting');
    process.exit(1);
  });
}

await main();
