import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, isRunning, startBotProcess, type BotProcess, type LogLine } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

// The bot under SHARD_COUNT=2: a manager process and one bot process per shard, against an emulator whose two
// guilds are on different shards. Only shard 1's process ever sees the second guild's messages.
let emu: DiscordEmulator;
let bot: BotProcess;
let kb: TempKnowledge;
let metricsPort: number;

/** A port p with p and p + 1 free: under the manager, shard k serves METRICS_PORT + k. */
async function twoFreePorts(): Promise<number> {
  const listen = (port: number) =>
    new Promise<ReturnType<typeof createServer> | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  for (;;) {
    const first = await listen(0);
    const port = (first?.address() as { port: number } | null)?.port ?? 0;
    const second = port ? await listen(port + 1) : null;
    await Promise.all([first, second].map((server) => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))));
    if (first && second) return port;
  }
}

const shardReady = (shard: number, after = 0) => (line: LogLine) =>
  line.msg === 'Bot is ready' && JSON.stringify(line['shards']) === `[${shard}]` && (line.time ?? 0) > after;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, shards: 2, guilds: 2 });
  kb = await makeTempKnowledge();
  metricsPort = await twoFreePorts();
  bot = await startBotProcess(
    botEnv(emu, { SHARD_COUNT: 'auto', KNOWLEDGE_DIR: kb.dir, DATA_DIR: `${kb.dir}-data`, METRICS_PORT: String(metricsPort) }),
    { waitForReady: false },
  );
  await bot.waitForLog(shardReady(0), 20_000);
  await bot.waitForLog(shardReady(1), 20_000);
  await bot.waitForLog((line) => line.msg === 'Registered slash commands' || line.msg === 'Slash commands already up to date');
}, 60_000);

afterAll(async () => {
  const pids = bot.logs.filter((line) => typeof line['pid'] === 'number').map((line) => Number(line['pid']));
  expect(await bot.stop()).toBe(0);
  // Every shard process stopped with the manager.
  expect(pids.filter((pid) => isRunning(pid))).toEqual([]);
  await emu.stop();
  await kb.remove();
  await rm(`${kb.dir}-data`, { recursive: true, force: true });
});

/** Mentions the bot in `guild`'s general channel and resolves with its reply. */
async function askIn(guild: number, question: string): Promise<string> {
  const channelId = emu.guilds[guild]!.channels.general.id;
  const sent = emu.sendMessage({ channelId, content: question, mentionsBot: true, authorId: emu.users.member.id });
  const reply = await emu.waitForBotMessage({ channelId, after: sent.id }, 10_000);
  return JSON.stringify({ content: reply.content, embeds: reply.embeds });
}

describe('SHARD_COUNT=auto: one process per shard', () => {
  it("starts as many shards as Discord recommends, each identifying as its own shard", () => {
    expect(bot.logs.find((line) => line.msg === 'Sharding: one process per shard')).toMatchObject({ totalShards: 2, fromDiscord: true });
    expect(emu.identifies.map((identify) => identify.shard)).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
  });

  it('answers in a guild on each shard, each from its own process', async () => {
    expect(await askIn(0, 'can openai use aws?')).toContain('any cloud provider');
    expect(await askIn(1, 'can openai use aws?')).toContain('any cloud provider');
    // The shard processes share the manager's stdout: a log line may land just after the reply it precedes.
    const answeredBy = async (channelId: string) =>
      (await bot.waitForLog((line) => line.msg === 'Answering a channel question' && line['channelId'] === channelId))['shards'];
    expect(await answeredBy(emu.guilds[0]!.channels.general.id)).toEqual([0]);
    expect(await answeredBy(emu.guilds[1]!.channels.general.id)).toEqual([1]);
  });

  it('serves health and metrics per shard process, on METRICS_PORT + shard id', async () => {
    for (const shard of [0, 1]) {
      const health = await fetch(`http://127.0.0.1:${metricsPort + shard}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ healthy: true, gateway: { ready: true, shards: [{ id: shard, status: 'Ready' }] } });
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort + 1}/metrics`)).text();
    expect(metrics).toMatch(/^faqbot_questions_total\{source="mention",outcome="answered"\} 1$/m);
  });

  it('registers the slash commands once, from the process running shard 0', () => {
    const registrations = bot.logs.filter((line) => line.msg === 'Registered slash commands' || line.msg === 'Slash commands already up to date');
    expect(registrations.map((line) => line['shards'])).toEqual([[0]]);
    expect(emu.requests.filter((request) => request.method === 'PUT' && request.route.endsWith('/commands'))).toHaveLength(1);
  });

  it('serves an edit made through shard 0 from shard 1 within 5 s', async () => {
    const azureQuote = 'Under the new terms, OpenAI products will still ship first on Azure. However, this priority only lasts as long as Microsoft can and chooses to support the necessary capabilities.';
    const moderator = emu.users.moderator.id;
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'term', subcommand: 'edit', options: [{ name: 'id', value: 'azure' }], userId: moderator });
    const saved = await emu.submitModal({
      customId: String(opened.modal?.custom_id),
      userId: moderator,
      fields: { term: 'Azure', aliases: 'Microsoft Azure cloud', definition: 'OpenAI products still ship first on Azure (edited through shard 0).', quote: azureQuote, sources: 'article' },
    });
    expect(JSON.stringify(await saved.message())).toContain('Saved **term:azure**');
    // Shard 1's process reloads the files shard 0's process wrote (each watches the knowledge folder).
    await expect
      .poll(async () => (await askIn(1, 'what is azure?')).includes('edited through shard 0'), { timeout: 5_000, interval: 250 })
      .toBe(true);
  });

  it('starts a shard process again when it dies, and that shard answers again', async () => {
    const shard1 = bot.logs.find(shardReady(1));
    const pid = Number(shard1?.['pid']);
    expect(isRunning(pid)).toBe(true);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');

    await bot.waitForLog((line) => line.msg === 'Shard process died; starting it again' && line['shard'] === 1);
    const again = await bot.waitForLog(shardReady(1, killedAt), 30_000);
    expect(again['pid']).not.toBe(pid);
    expect(await askIn(1, 'can openai use aws?')).toContain('any cloud provider');
    // Shard 0 carried on meanwhile.
    expect(bot.logs.filter(shardReady(0))).toHaveLength(1);
  }, 60_000);
});
