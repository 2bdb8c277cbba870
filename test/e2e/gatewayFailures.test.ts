import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

const MESSAGE_CONTENT = 1 << 15;

let emu: DiscordEmulator;
let bot: BotProcess | undefined;

beforeEach(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
});

afterEach(async () => {
  await bot?.stop('SIGKILL');
  bot = undefined;
  await emu.stop();
});

/** The exit code, or 'still running' after `ms`: a bot that hangs on must fail the test, not time it out. */
async function exitWithin(process: BotProcess, ms = 15_000): Promise<number | null | 'still running'> {
  return Promise.race([process.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

const output = (process: BotProcess) => `${process.stdout()}\n${process.stderr()}`;

describe('a fatal gateway close while running', () => {
  it('4004 (authentication failed): exits 1 and says the token was reset, without printing it', async () => {
    bot = await startBotProcess(botEnv(emu));
    await emu.disconnectClients(4004);
    expect(await exitWithin(bot)).toBe(1);
    const fatal = bot.logs.find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/4004/);
    expect(fatal?.msg).toMatch(/DISCORD_TOKEN/);
    expect(fatal?.msg).toMatch(/Developer Portal/);
    expect(output(bot)).not.toContain(emu.token);
  });

  it('4012 (invalid API version): exits 1 and says to update discord.js', async () => {
    bot = await startBotProcess(botEnv(emu));
    await emu.disconnectClients(4012);
    expect(await exitWithin(bot)).toBe(1);
    const fatal = bot.logs.find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/4012/);
    expect(fatal?.msg).toMatch(/update discord\.js/i);
  });

  it('4014 (Message Content switched off in the portal): falls back as at start and keeps answering', { timeout: 45_000 }, async () => {
    bot = await startBotProcess(botEnv(emu));
    expect((emu.identifies[0]?.intents ?? 0) & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);

    emu.setPrivilegedIntents({ messageContent: false });
    emu.invalidateSession(false);
    await bot.waitForLog((line) => String(line.msg).includes('Discord refused the Message Content intent'), 20_000);
    await bot.waitForLog((line) => line.msg === 'Bot is ready' && line.messageContent === false, 20_000);
    expect((emu.identifies.at(-1)?.intents ?? MESSAGE_CONTENT) & MESSAGE_CONTENT).toBe(0);

    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id }, 10_000);
    expect(JSON.stringify(answer.embeds)).toContain('any cloud provider');
    expect(await bot.stop()).toBe(0);
  });
});

describe('a fatal gateway close at start', () => {
  it('4011 (sharding required): exits 1 naming the cause and the fix', async () => {
    emu.rejectIdentify(4011);
    bot = await startBotProcess(botEnv(emu), { waitForReady: false });
    expect(await exitWithin(bot)).toBe(1);
    expect(output(bot)).toMatch(/4011/);
    expect(output(bot)).toMatch(/Set SHARD_COUNT=auto/);
    expect(output(bot)).not.toContain(emu.token);
  });
});
