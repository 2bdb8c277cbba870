import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

// The bot with MEANING=on, on a knowledge folder of three records: a question that shares almost
// no words with its record is answered once the sentence encoder is ready.
let emu: DiscordEmulator;
let bot: BotProcess;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faq-meaning-bot-'));
  await cp(fileURLToPath(new URL('../fixtures/mini-knowledge/', import.meta.url)), path.join(root, 'knowledge'), { recursive: true });
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  bot = await startBotProcess(botEnv(emu, { KNOWLEDGE_DIR: path.join(root, 'knowledge'), DATA_DIR: path.join(root, 'data'), METRICS_PORT: '0', MEANING: 'on' }));
}, 60_000);

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await rm(root, { recursive: true, force: true });
});

describe('with the sentence encoder on', () => {
  it('says in /healthz when it is ready, and then answers a member in other words than the record\'s', async () => {
    const serving = await bot.waitForLog((entry) => entry.msg === 'Serving /healthz and /metrics');
    await bot.waitForLog((entry) => entry.msg === 'Sentence encoder ready', 60_000);
    const health = (await (await fetch(`http://127.0.0.1:${String(serving['port'])}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ encoder: { state: 'ready', records: 5, phrasings: 10 } });

    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'what time do you open in the morning?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    expect((answer.embeds as APIEmbed[] | undefined)?.[0]?.title).toBe('When is the office open?');
  }, 90_000);
});
