import { ChannelType, type Client, type Message } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient, nextEvent } from './helpers.ts';

describe('DiscordEmulator: login and messages', () => {
  let emu: DiscordEmulator;
  let client: Client | undefined;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300 });
  });

  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await emu.stop();
  });

  it('lets an unmodified discord.js client log in and see the fixture guild', async () => {
    client = makeClient(emu);
    await loginAndWait(client, emu);

    expect(client.user?.id).toBe(emu.users.bot.id);
    const guild = client.guilds.cache.get(emu.guildId);
    expect(guild?.name).toBe(emu.guild.name);
    expect(guild?.ownerId).toBe(emu.users.owner.id);
    expect(guild?.channels.cache.get(emu.channels.faq.id)?.name).toBe('faq');
    expect(guild?.channels.cache.get(emu.channels.forum.id)?.type).toBe(ChannelType.GuildForum);
    expect(guild?.roles.everyone.id).toBe(emu.guildId);
    expect(guild?.roles.cache.get(emu.roles.moderator.id)?.permissions.has('ManageGuild')).toBe(true);
    // Realistic: without GUILD_PRESENCES only the bot's own member arrives in GUILD_CREATE.
    expect(guild?.members.cache.map((m) => m.id)).toEqual([emu.users.bot.id]);
    const member = await guild?.members.fetch(emu.users.moderator.id);
    expect(member?.roles.cache.has(emu.roles.moderator.id)).toBe(true);
    expect(member?.permissions.has('ManageGuild')).toBe(true);

    const identify = emu.identifies[0];
    expect(identify?.intents).toBe(client.options.intents.bitfield);
    expect(emu.gatewayFrames.every((f) => JSON.stringify(f.d).includes(emu.token) === false)).toBe(true);
    expect(emu.requests[0]).toMatchObject({ method: 'GET', route: '/gateway/bot', authenticated: true, status: 200 });
    expect(JSON.stringify(emu.requests)).not.toContain(emu.token);
  });

  it('rejects a wrong token with 401 on REST and the login fails', async () => {
    client = makeClient(emu);
    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
    expect(emu.requests[0]).toMatchObject({ route: '/gateway/bot', status: 401, errorCode: 0, authenticated: false });
  });

  it('closes with 4014 when a privileged intent is not enabled for the application', async () => {
    await emu.stop();
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300, privilegedIntents: { messageContent: false } });
    client = makeClient(emu);
    await expect(client.login(emu.token)).rejects.toThrow(/disallowed intents/i);
    expect(emu.identifies).toHaveLength(0);
  });

  it('closes the gateway with 4004 when IDENTIFY carries a wrong token', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
    const hello = await new Promise<{ op: number; d: { heartbeat_interval: number } }>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 300 } });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect(await closed).toBe(4004);
    expect(emu.gatewayFrames[0]).toMatchObject({ op: 2, d: { token: '[redacted]' } });
  });

  it('delivers MESSAGE_CREATE and stores the reply the client sends', async () => {
    client = makeClient(emu);
    client.on('messageCreate', (message: Message) => {
      if (message.author.bot) return;
      void message.reply({ content: `echo: ${message.content}`, allowedMentions: { repliedUser: false } });
    });
    await loginAndWait(client, emu);

    const question = emu.sendMessage({ channelId: emu.channels.faq.id, authorId: emu.users.member.id, content: 'hello bot' });
    const reply = await emu.waitForBotMessage({ channelId: emu.channels.faq.id, after: question.id });

    expect(reply.content).toBe('echo: hello bot');
    expect(reply.author.id).toBe(emu.users.bot.id);
    expect(reply.type).toBe(19);
    expect(reply.message_reference?.message_id).toBe(question.id);
    expect(reply.mentions).toEqual([]);
    expect(emu.messagesIn(emu.channels.faq.id).map((m) => m.id)).toEqual([question.id, reply.id]);
    const write = emu.messageWrites.find((w) => w.messageId === reply.id);
    expect(write).toMatchObject({ kind: 'channel.create', accepted: true, allowedMentionsPresent: true });
  });

  it('blanks content for clients without the MessageContent intent unless the bot is mentioned', async () => {
    const { GatewayIntentBits } = await import('discord.js');
    client = makeClient(emu, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const seen: string[] = [];
    client.on('messageCreate', (m: Message) => seen.push(m.content));
    await loginAndWait(client, emu);

    const plain = nextEvent<Message>(client, 'messageCreate');
    emu.sendMessage({ content: 'secret words' });
    expect((await plain).content).toBe('');
    const mentioned = nextEvent<Message>(client, 'messageCreate');
    emu.sendMessage({ content: 'what is the deal?', mentionsBot: true });
    const m = await mentioned;
    expect(m.content).toBe(`<@${emu.users.bot.id}> what is the deal?`);
    expect(m.mentions.users.has(emu.users.bot.id)).toBe(true);
  });

  it('delivers DMs on a DM channel created on the fly, and forum threads with their starter message', async () => {
    client = makeClient(emu);
    await loginAndWait(client, emu);

    const dm = nextEvent<Message>(client, 'messageCreate');
    const sent = emu.sendMessage({ dm: true, authorId: emu.users.moderator.id, content: 'psst' });
    const received = await dm;
    expect(received.channel.type).toBe(ChannelType.DM);
    expect(received.guildId).toBeNull();
    expect(received.content).toBe('psst');
    await received.reply({ content: 'hi in DM', allowedMentions: { parse: [] } });
    expect(emu.messagesIn(sent.channel_id).map((m) => m.content)).toEqual(['psst', 'hi in DM']);

    const threadCreated = nextEvent<{ id: string; parentId: string }>(client, 'threadCreate');
    const starter = nextEvent<Message>(client, 'messageCreate');
    const { thread, message } = emu.startForumThread({ authorId: emu.users.member.id, title: 'Is Azure exclusive?', content: 'Details inside' });
    expect((await threadCreated).parentId).toBe(emu.channels.forum.id);
    const first = await starter;
    expect(first.id).toBe(thread.id);
    expect(message.id).toBe(thread.id);
    expect(first.channelId).toBe(thread.id);
    await first.reply({ content: 'Answer in thread', allowedMentions: { parse: [] } });
    expect(emu.messagesIn(thread.id).map((m) => m.content)).toEqual(['Details inside', 'Answer in thread']);
  });
});
