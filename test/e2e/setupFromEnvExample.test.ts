import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, startBotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

let emu: DiscordEmulator;
let folder: string;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  folder = await mkdtemp(path.join(tmpdir(), 'faq-setup-'));
});

afterAll(async () => {
  await emu.stop();
  await rm(folder, { recursive: true, force: true });
});

/** `.env.example` with these variables filled in, as a new user edits it; each must be there, as `NAME=`. */
function fillIn(example: string, values: Record<string, string>): string {
  let text = example;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    if (!line.test(text)) throw new Error(`test setup: .env.example has no ${name}= line`);
    text = text.replace(line, `${name}=${value}`);
  }
  return text;
}

describe("the README's setup: cp .env.example .env, set DISCORD_TOKEN, npm start", () => {
  it('starts the bot, which answers a mention and /ask', async () => {
    const example = await readFile(path.join(projectRoot, '.env.example'), 'utf8');
    // Only the token is the user's to set; the API base points the bot at the emulator instead of discord.com,
    // and DATA_DIR keeps the question log out of the checkout.
    const envFile = path.join(folder, '.env');
    await writeFile(envFile, fillIn(example, { DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase, DATA_DIR: path.join(folder, 'data') }));

    // `npm start` in the project folder; dotenv reads the .env named by DOTENV_CONFIG_PATH, not one of the checkout.
    const bot = await startBotProcess({ DOTENV_CONFIG_PATH: envFile }, { command: ['npm', 'start', '--silent'], cwd: projectRoot });
    try {
      const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
      const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id }, 10_000);
      expect(JSON.stringify(answer.embeds)).toContain('any cloud provider');

      // Another member: .env.example's 5 s cooldown holds the first one back.
      const slash = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'what is an llm' }], userId: emu.users.owner.id });
      expect(JSON.stringify((await slash.message()).embeds)).toContain('Large language models');
      expect(bot.stdout()).not.toContain(emu.token);
    } finally {
      // npm 11 exits at once on SIGTERM; the bot notices its parent is gone and stops cleanly.
      bot.killParent('SIGTERM');
      await bot.exited;
    }
    expect(bot.logs.some((line) => line.msg === 'Stopped cleanly')).toBe(true);
  });
});
