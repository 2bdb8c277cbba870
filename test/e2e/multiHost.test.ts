import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';
import { testDatabase } from '../support/testDatabase.ts';

// Two hosts as an operator runs them: SHARD_COUNT=2, one shard each, each with its own DATA_DIR and knowledge folder,
// one PostgreSQL database (DATABASE_URL). The emulator's two guilds are on different shards, so every message in the
// second guild is handled by host B alone; the knowledge server (KNOWLEDGE_GUILD_IDS) is the first, on host A.
let emu: DiscordEmulator;
let database: { url: string; drop: () => Promise<void> };
const hosts: { bot: BotProcess; kb: TempKnowledge; dataDir: string }[] = [];

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, shards: 2, guilds: 2 });
  database = await testDatabase();
  for (const shard of [0, 1]) {
    const kb = await makeTempKnowledge();
    const dataDir = await mkdtemp(path.join(tmpdir(), `faq-host-${shard}-data-`));
    const env = botEnv(emu, { SHARD_COUNT: '2', SHARD_IDS: String(shard), KNOWLEDGE_DIR: kb.dir, DATA_DIR: dataDir, DATABASE_URL: database.url, KNOWLEDGE_GUILD_IDS: emu.guildId });
    // Only shard 0's host registers the slash commands; the other is ready once connected.
    const bot = await startBotProcess(env, { waitForReady: shard === 0 });
    if (shard !== 0) await bot.waitForLog((line) => line.msg === 'Bot is ready');
    hosts.push({ bot, kb, dataDir });
  }
}, 60_000);

afterAll(async () => {
  for (const host of hosts) {
    expect(await host.bot.stop()).toBe(0);
    await host.kb.remove();
    await rm(host.dataDir, { recursive: true, force: true });
  }
  await emu.stop();
  await database.drop();
});

const channelOf = (guild: number) => emu.guilds[guild]!.channels.general.id;

/** Mentions the bot in `guild`'s general channel; resolves with the reply's first embed title (or its text). */
async function askIn(guild: number, question: string): Promise<string> {
  const sent = emu.sendMessage({ channelId: channelOf(guild), content: question, mentionsBot: true, authorId: emu.users.member.id });
  const reply = await emu.waitForBotMessage({ channelId: channelOf(guild), after: sent.id }, 10_000);
  return reply.embeds?.[0]?.title ?? reply.content;
}

async function kbCommand(subcommand: string, options: { name: string; value: string }[] = []): Promise<string> {
  const result = await emu.runSlashCommand({ name: 'kb', subcommand, options, userId: emu.users.moderator.id, channelId: channelOf(0) });
  // An edit starts the edit thread first (most of a second, more on a busy machine).
  return (await result.message(15_000)).content;
}

async function eventually<T>(attempt: () => Promise<T>, holds: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (holds(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const gap = 'Does the deal cover quantum computing?';

describe('two hosts, one database', () => {
  it('puts a gap asked on each host into the knowledge server\'s /kb gaps', async () => {
    expect(emu.guilds.map((guild) => guild.shard)).toEqual([0, 1]);
    await askIn(0, gap);
    await askIn(1, 'is quantum computing covered by the deal');
    // Each host writes its rows within about 100 ms of the question.
    const gaps = await eventually(() => kbCommand('gaps'), (content) => /quantum.*asked \*\*2×\*\*/i.test(content), 10_000);
    const lines = gaps.split('\n').filter((line) => /quantum/i.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('asked **2×**');
  });

  it('answers on host B, within 15 s, the alternate a moderator added on host A', async () => {
    const record = (await hosts[1]!.kb.read('faq.yaml')).match(/- id: microsoft-shareholder\n\s+question: (.+)\n/)![1]!;
    expect(await askIn(1, gap)).not.toBe(record);
    const added = await kbCommand('alternate', [
      { name: 'record', value: 'microsoft-shareholder' },
      { name: 'question', value: gap },
    ]);
    expect(added).toContain('as a phrasing of **faq:microsoft-shareholder**');
    const answer = await eventually(() => askIn(1, gap), (title) => title === record, 15_000);
    expect(answer).toBe(record);
    expect(await hosts[1]!.kb.read('faq.yaml')).toContain(gap);
  }, 30_000);
});
