import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge } from '../support/tempKnowledge.ts';

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, privilegedIntents: { messageContent: false } });
});

afterAll(async () => {
  await emu.stop();
});

async function runUntilExit(env: Record<string, string>) {
  const bot = await startBotProcess(env, { waitForReady: false });
  const code = await Promise.race([bot.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
  if (code === 'still running') await bot.stop('SIGKILL');
  return { code, output: `${bot.stdout()}\n${bot.stderr()}` };
}

describe('bad configuration', () => {
  it('names every missing or malformed variable, exits 1, and never echoes the token', async () => {
    const secretLooking = 'not-a-token-SECRET123';
    const { code, output } = await runUntilExit({
      DISCORD_TOKEN: secretLooking,
      COOLDOWN_SECONDS: 'soon',
      ANSWER_CHANNEL_IDS: '123,general',
      DISCORD_API_BASE: 'discord.com',
    });
    expect(code).toBe(1);
    expect(output).toContain('DISCORD_TOKEN does not look like a bot token');
    expect(output).toContain('COOLDOWN_SECONDS must be a whole number');
    expect(output).toContain('ANSWER_CHANNEL_IDS must be a comma-separated list of channel ids');
    expect(output).toContain('DISCORD_API_BASE must be an http(s) URL');
    expect(output).not.toContain('SECRET123');
  });

  it('explains where to get a token when none is set', async () => {
    const { code, output } = await runUntilExit({ DISCORD_API_BASE: emu.apiBase });
    expect(code).toBe(1);
    expect(output).toMatch(/DISCORD_TOKEN is missing: copy the bot token from the Discord Developer Portal/);
  });

  it('exits 1 with a clear message when Discord rejects the token, without printing it', async () => {
    const wrongToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.WRONG1.abcdefghijklmnopqrstuvwxyz0123';
    const { code, output } = await runUntilExit({ ...botEnv(emu), DISCORD_TOKEN: wrongToken });
    expect(code).toBe(1);
    expect(output).toContain('Discord rejected DISCORD_TOKEN');
    expect(output).not.toContain(wrongToken);
    expect(output).not.toContain('WRONG1');
  });
});

describe('invalid knowledge', () => {
  it('keeps the bot from starting: every problem with its file and line, then exit 1', async () => {
    const knowledge = await makeTempKnowledge();
    try {
      await knowledge.write('faq.yaml', 'faq:\n  - id: Not A Slug\n');
      const identifiesBefore = emu.identifies.length;
      const { code, output } = await runUntilExit({ ...botEnv(emu), KNOWLEDGE_DIR: knowledge.dir });
      expect(code).toBe(1);
      expect(output).toMatch(/faq\.yaml:2/);
      expect(output).toContain('The knowledge is not valid; fix it (npm run validate) and start again');
      expect(emu.identifies).toHaveLength(identifiesBefore);
    } finally {
      await knowledge.remove();
    }
  });
});

describe('without the Message Content intent', () => {
  it('falls back by itself and still answers mentions and slash commands', async () => {
    const bot = await startBotProcess(botEnv(emu));
    try {
      expect(bot.logs.some((line) => String(line.msg).includes('Discord refused the Message Content intent'))).toBe(true);
      expect(emu.identifies.at(-1)?.intents ?? 0).not.toBe(0);
      expect((emu.identifies.at(-1)?.intents ?? 0) & (1 << 15)).toBe(0);

      const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
      const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
      expect(JSON.stringify(answer.embeds)).toContain('any cloud provider');

      const slash = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'what is an llm' }], userId: emu.users.member.id });
      expect(JSON.stringify((await slash.message()).embeds)).toContain('Large language models');
      expect(bot.stdout()).not.toContain(emu.token);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  });
});

describe('credentials in DISCORD_API_BASE', () => {
  it('are never printed: an unreachable proxy is named with its user name and password masked', async () => {
    const { code, output } = await runUntilExit({ ...botEnv(emu), DISCORD_API_BASE: 'http://faq-user:hunter2-secret@127.0.0.1:9/api' });
    expect(code).toBe(1);
    expect(output).toContain('Could not reach Discord at http://***@127.0.0.1:9/api');
    expect(output).not.toContain('hunter2-secret');
    expect(output).not.toContain('faq-user');
  });
});
