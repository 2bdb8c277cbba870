import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botEnv, isRunning, projectRoot, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

let emu: DiscordEmulator;
let bot: BotProcess | undefined;

beforeEach(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
});

afterEach(async () => {
  if (bot && bot.pid && isRunning(bot.pid)) process.kill(bot.pid, 'SIGKILL');
  await bot?.stop('SIGKILL');
  bot = undefined;
  await emu.stop();
});

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);

describe('the bot and the process that started it', () => {
  it('stops cleanly when its parent dies without passing a signal on', async () => {
    bot = await startBotProcess(botEnv(emu), { underParent: true });
    expect(isRunning(bot.pid)).toBe(true);
    bot.killParent('SIGKILL');

    expect(await within(bot.exited, 15_000)).not.toBe('timed out');
    expect(bot.logs.some((line) => line.msg === 'The process that started the bot has exited; stopping')).toBe(true);
    expect(bot.logs.some((line) => line.msg === 'Stopped cleanly')).toBe(true);
    await expect.poll(() => isRunning(bot!.pid)).toBe(false);
  });

  it('finishes a reply in flight before it stops', async () => {
    bot = await startBotProcess(botEnv(emu), { underParent: true });
    // The reply lands at once but its response comes 1.5 s later: the bot is mid-reply when its parent dies.
    emu.stallNext({ method: 'POST', route: `/channels/${emu.channels.general.id}/messages`, ms: 1500 });
    emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const post = await emu.waitFor((r) => r.method === 'POST' && r.route === `/channels/${emu.channels.general.id}/messages`, 10_000);
    bot.killParent('SIGKILL');

    expect(await within(bot.exited, 15_000)).not.toBe('timed out');
    const draining = bot.logs.find((line) => line.msg === 'Shutting down: finishing replies in flight');
    expect(draining?.inFlight).toBe(1);
    const stopped = bot.logs.find((line) => line.msg === 'Stopped cleanly');
    expect(stopped?.time ?? 0).toBeGreaterThanOrEqual(post.at + 1400);
    expect(bot.logs.some((line) => line.msg === 'Handler failed')).toBe(false);
  });

  it('stops when `npm start` gets SIGTERM (npm 11 exits at once)', async () => {
    bot = await startBotProcess(botEnv(emu), { command: ['npm', 'start', '--silent'], cwd: projectRoot });
    bot.killParent('SIGTERM');
    expect(await within(bot.exited, 15_000)).not.toBe('timed out');
    expect(bot.logs.some((line) => line.msg === 'Stopped cleanly')).toBe(true);
  });
});
