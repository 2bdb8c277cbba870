import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

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

describe('a token revoked while the bot runs', () => {
  it('is a fatal error with a clear message and exit code 1, not silence', async () => {
    bot = await startBotProcess(botEnv(emu));
    await emu.revokeToken();
    // The gateway stays up, so the question arrives; the reply is what meets the 401.
    emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const code = await Promise.race([bot.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    expect(code).toBe(1);
    const fatal = bot.logs.find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/Discord rejected DISCORD_TOKEN/);
    expect(fatal?.msg).toMatch(/reset|revoked/);
    const output = `${bot.stdout()}\n${bot.stderr()}`;
    expect(output).not.toContain('Expected token to be set');
    expect(output).not.toContain(emu.token);
  });
});

describe('REST errors in the log', () => {
  it('carry the route, status and Discord code, but neither the interaction token nor the request body', async () => {
    bot = await startBotProcess(botEnv(emu));
    // Every attempt at the callback fails (discord.js retries a 5xx), so the handler's error reaches the log.
    emu.failNext({ route: /\/callback$/, status: 502, times: 10 });
    await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'can openai use aws?' }] }).catch(() => undefined);
    const logged = await bot.waitForLog((line) => line.msg === 'Interaction handler failed', 20_000);

    const callback = emu.requests.find((r) => r.route.endsWith('/callback'));
    const interactionToken = callback?.route.split('/')[3] ?? '';
    expect(interactionToken.length).toBeGreaterThan(20);
    const line = JSON.stringify(logged);
    expect(line).not.toContain(interactionToken);
    // The callback body held the answer; none of it belongs in a log.
    expect(JSON.stringify(callback?.body)).toContain('any cloud provider');
    expect(line).not.toContain('any cloud provider');
    expect(line).not.toContain('requestBody');
    expect(line).toContain('502');
    expect(line).toMatch(/\/interactions\/\d+\/\[redacted\]\/callback/);
    expect(bot.stdout()).not.toContain(interactionToken);
  });
});
