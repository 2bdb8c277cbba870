import type { ChildProcess } from 'node:child_process';
import { Routes, ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BotConfig } from '../config/botConfig.ts';
import { explainDiscordError } from '../discord/discordFailure.ts';
import { createRest } from '../discord/registerCommands.ts';
import { watchParent } from './watchParent.ts';

const gatewayBotSchema = z.object({ shards: z.number().int().min(1) });

/** Discord's recommended shard count, asked at DISCORD_API_BASE (discord.js's own helper always asks discord.com). */
async function recommendedShardCount(config: BotConfig): Promise<number> {
  const rest = createRest(config.token, config.apiBase, { retries: 1 });
  return gatewayBotSchema.parse(await rest.get(Routes.gatewayBot())).shards;
}

/**
 * SHARD_COUNT without SHARD_IDS: this process starts one bot process per shard with discord.js's ShardingManager
 * (the same entry point, which then runs as that shard) and starts again any that dies. A shard that exits with
 * code 1 has hit something a restart does not fix (its log says what): everything stops with code 1 so a supervisor
 * sees it. SIGINT/SIGTERM, or the process that started this one going away, stop every shard cleanly.
 */
export async function runShardManager(config: BotConfig, count: number | 'auto', logger: Logger): Promise<void> {
  let totalShards: number;
  try {
    totalShards = count === 'auto' ? await recommendedShardCount(config) : count;
  } catch (error) {
    logger.fatal(explainDiscordError(error, { apiBase: config.apiBase }).message);
    process.exit(1);
  }
  const entry = process.argv[1];
  if (!entry) throw new Error('The sharding manager needs the path of the script it runs');
  const manager = new ShardingManager(entry, {
    totalShards,
    token: config.token,
    mode: 'process',
    respawn: true,
    // Under `npm run dev` the shards need tsx's loader too.
    execArgv: process.execArgv,
  });

  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // Read by discord.js when a shard process exits: nothing is started again from here on.
    manager.respawn = false;
    logger.info({ shards: manager.shards.size }, 'Stopping every shard');
    const children = [...manager.shards.values()].map((shard) => shard.process).filter((child): child is ChildProcess => child !== null);
    await Promise.all(children.map(stopChild));
    if (exitCode === 0) logger.info('Stopped cleanly');
    process.exit(exitCode);
  };

  manager.on('shardCreate', (shard: Shard) => {
    logger.info({ shard: shard.id, of: totalShards }, 'Starting shard process');
    shard.on('death', (child) => {
      if (stopping) return;
      const exitCode = 'exitCode' in child ? child.exitCode : null;
      if (exitCode === 1) {
        logger.fatal({ shard: shard.id }, 'A shard stopped on a fatal error (its log says why); stopping every shard');
        void stopAll(1);
        return;
      }
      logger.warn({ shard: shard.id, exitCode, signal: 'signalCode' in child ? child.signalCode : null }, 'Shard process died; starting it again');
    });
  });
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'Received signal');
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  watchParent(() => {
    logger.warn('The process that started the bot has exited; stopping');
    void stopAll(0);
  });

  logger.info({ totalShards, fromDiscord: count === 'auto' }, 'Sharding: one process per shard');
  try {
    // discord.js waits between shards (Discord allows one IDENTIFY per 5 s) and for each to be ready.
    await manager.spawn({ amount: totalShards, timeout: 60_000 });
  } catch (error) {
    if (stopping) return;
    logger.fatal({ err: error }, 'A shard did not become ready; stopping every shard');
    await stopAll(1);
  }
}

/** SIGTERM, then the child's own clean stop (it finishes replies in flight, 10 s at most). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
