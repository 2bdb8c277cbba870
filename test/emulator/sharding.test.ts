import { Events, type Client, type Message } from 'discord.js';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeClient } from './helpers.ts';

describe('DiscordEmulator: sharding', () => {
  let emu: DiscordEmulator;
  let clients: Client[] = [];

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300, shards: 2, guilds: 2 });
  });

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.destroy()));
    clients = [];
    await emu.stop();
  });

  /** One client per shard, as a ShardingManager's processes would run them. */
  async function shardClients(): Promise<[Client, Client]> {
    const started = [0, 1].map((id) => makeClient(emu, { shards: [id], shardCount: 2 }));
    clients = started;
    await Promise.all(
      started.map(async (client) => {
        const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
        await client.login(emu.token);
        await ready;
      }),
    );
    return [started[0]!, started[1]!];
  }

  it('recommends the configured number of shards in GET /gateway/bot', async () => {
    const response = await fetch(`${emu.apiBase}/v10/gateway/bot`, { headers: { Authorization: `Bot ${emu.token}` } });
    expect(((await response.json()) as { shards: number }).shards).toBe(2);
  });

  it('places the guilds on different shards: (guild_id >> 22) % 2', () => {
    const [first, second] = emu.guilds;
    expect(first?.id).toBe(emu.guildId);
    expect(first?.shard).toBe(0);
    expect(second?.shard).toBe(1);
    expect(Number((BigInt(second!.id) >> 22n) % 2n)).toBe(1);
    expect(second?.channels.general.id).not.toBe(emu.channels.general.id);
  });

  it('gives each shard only its own guilds in READY and GUILD_CREATE', async () => {
    const [shard0, shard1] = await shardClients();
    expect([...shard0.guilds.cache.keys()]).toEqual([emu.guilds[0]!.id]);
    expect([...shard1.guilds.cache.keys()]).toEqual([emu.guilds[1]!.id]);
    expect(emu.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("sends a guild's messages only to its shard, and DMs to shard 0", async () => {
    const [shard0, shard1] = await shardClients();
    const seen: { shard: number; content: string }[] = [];
    shard0.on(Events.MessageCreate, (message: Message) => seen.push({ shard: 0, content: message.content }));
    shard1.on(Events.MessageCreate, (message: Message) => seen.push({ shard: 1, content: message.content }));

    emu.sendMessage({ channelId: emu.guilds[1]!.channels.general.id, content: 'in the second guild' });
    emu.sendMessage({ channelId: emu.guilds[0]!.channels.general.id, content: 'in the first guild' });
    emu.sendMessage({ dm: true, content: 'a direct message' });
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual(
      expect.arrayContaining([
        { shard: 1, content: 'in the second guild' },
        { shard: 0, content: 'in the first guild' },
        { shard: 0, content: 'a direct message' },
      ]),
    );
  });

  it('lets the bot answer in the second guild, with its own members and permissions', async () => {
    const [, shard1] = await shardClients();
    shard1.on(Events.MessageCreate, (message: Message) => {
      if (!message.author.bot) void message.reply('heard you');
    });
    const channel = emu.guilds[1]!.channels.faq.id;
    const question = emu.sendMessage({ channelId: channel, content: 'anyone there?' });
    expect(question.guild_id).toBe(emu.guilds[1]!.id);
    const reply = await emu.waitForBotMessage({ channelId: channel, after: question.id });
    expect(reply.content).toBe('heard you');
    expect(reply.guild_id).toBe(emu.guilds[1]!.id);
  });

  it('closes an IDENTIFY for a shard that does not exist with 4010', async () => {
    const url = `${emu.gatewayUrl}?v=10&encoding=json`;
    const ws = new WebSocket(url);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.once('message', () => ws.send(JSON.stringify({ op: 2, d: { token: emu.token, intents: 1, properties: {}, shard: [2, 2] } })));
    expect(await closed).toBe(4010);
  });
});
