import { afterEach, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

let emu: DiscordEmulator | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop('SIGKILL');
  bot = undefined;
  await emu?.stop();
  emu = undefined;
});

describe('SHARD_IDS with SHARD_COUNT: a range of shards in one process (one host of several)', () => {
  it('runs both shards in this one process and answers in both guilds', async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, shards: 2, guilds: 2 });
    bot = await startBotProcess(botEnv(emu, { SHARD_COUNT: '2', SHARD_IDS: '0-1' }));
    const ready = bot.logs.filter((line) => line.msg === 'Bot is ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ shards: [0, 1], guilds: 2 });
    expect(bot.logs.some((line) => line.msg === 'Sharding: one process per shard')).toBe(false);

    for (const guild of emu.guilds) {
      const sent = emu.sendMessage({ channelId: guild.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
      const reply = await emu.waitForBotMessage({ channelId: guild.channels.general.id, after: sent.id }, 10_000);
      expect(JSON.stringify(reply.embeds)).toContain('any cloud provider');
    }
    expect(await bot.stop()).toBe(0);
  });
});

describe('a fatal error in a shard process', () => {
  it('stops every shard and the manager with exit code 1, the cause in the log', async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, shards: 2, guilds: 2 });
    const wrongToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.WRONG1.abcdefghijklmnopqrstuvwxyz0123';
    bot = await startBotProcess(botEnv(emu, { SHARD_COUNT: '2', DISCORD_TOKEN: wrongToken }), { waitForReady: false });
    expect(await bot.exited).toBe(1);
    expect(bot.stdout()).toContain('Discord rejected DISCORD_TOKEN');
    expect(bot.logs.some((line) => line.msg === 'A shard stopped on a fatal error (its log says why); stopping every shard')).toBe(true);
    expect(`${bot.stdout()}${bot.stderr()}`).not.toContain('WRONG1');
  });
});
