import { Events, RESTEvents, type Client, type Message, type RateLimitData, type TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient, nextEvent } from './helpers.ts';

describe('DiscordEmulator: rate limits, server errors and gateway recovery', () => {
  let emu: DiscordEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 200 });
    client = makeClient(emu);
    await loginAndWait(client, emu);
  });

  afterEach(async () => {
    await client.destroy();
    await emu.stop();
  });

  const faq = (): TextChannel => client.channels.cache.get(emu.channels.faq.id) as TextChannel;

  it('answers an injected 429 once; discord.js waits retry_after and retries successfully', async () => {
    emu.failNext({ method: 'POST', route: '/channels/:id/messages', status: 429, retryAfter: 0.1 });
    const rateLimited = new Promise<RateLimitData>((resolve) => client.rest.once(RESTEvents.RateLimited, resolve));
    const sent = await faq().send({ content: 'after a 429', allowedMentions: { parse: [] } });

    const attempts = emu.requests.filter((r) => r.route === `/channels/${emu.channels.faq.id}/messages`);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[0]).toMatchObject({ injected: true, error: { retry_after: 0.1, global: false } });
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
    expect((await rateLimited).scope).toBe('user');
    expect(emu.message(sent.id)?.content).toBe('after a 429');
  });

  it('answers an injected 5xx once; discord.js retries and succeeds', async () => {
    emu.failNext({ route: /\/messages$/, status: 502 });
    const sent = await faq().send({ content: 'after a 502', allowedMentions: { parse: [] } });
    const statuses = emu.requests.filter((r) => r.route.endsWith('/messages')).map((r) => r.status);
    expect(statuses).toEqual([502, 200]);
    expect(emu.message(sent.id)).toBeDefined();
  });

  it('resumes after a forced disconnect: replays missed events, sends RESUMED, and the client keeps working', async () => {
    const reconnecting = nextEvent<number>(client, Events.ShardReconnecting);
    const resumed = nextEvent<[number, number]>(client, Events.ShardResume);
    const received: string[] = [];
    client.on('messageCreate', (m: Message) => {
      if (!m.author.bot) received.push(m.content);
    });

    await emu.disconnectClients(4000);
    await reconnecting;
    // Sent while the socket is down: must be replayed on RESUME.
    emu.sendMessage({ channelId: emu.channels.general.id, content: 'missed while offline' });
    const resume = await emu.waitForResume(5000);
    await resumed;

    expect(resume.path).toBe('/gateway/resume');
    expect(resume.sessionId).toBeTruthy();
    expect(resume.replayed).toBeGreaterThanOrEqual(1);
    expect(emu.identifies).toHaveLength(1);
    await expect.poll(() => received).toEqual(['missed while offline']);

    emu.sendMessage({ channelId: emu.channels.general.id, content: 'after resume' });
    await expect.poll(() => received).toEqual(['missed while offline', 'after resume']);
    const sent = await faq().send({ content: 'still alive', allowedMentions: { parse: [] } });
    expect(emu.message(sent.id)?.content).toBe('still alive');
  });

  it('re-identifies after a non-resumable INVALID_SESSION and keeps receiving events', async () => {
    emu.invalidateSession(false);
    const second = await emu.waitForIdentify(5000, 2);
    expect(second.intents).toBe(emu.identifies[0]?.intents);
    await emu.waitForReady();
    const message = nextEvent<Message>(client, 'messageCreate');
    emu.sendMessage({ content: 'after re-identify' });
    expect((await message).content).toBe('after re-identify');
  });

  it('resumes on the same socket after a resumable INVALID_SESSION', async () => {
    emu.invalidateSession(true);
    const resume = await emu.waitForResume(5000);
    expect(resume.path).toBe('/gateway');
    expect(emu.identifies).toHaveLength(1);
  });

  it('resumes via resume_gateway_url when asked to RECONNECT (op 7)', async () => {
    emu.requestReconnect();
    const resume = await emu.waitForResume(5000);
    expect(resume.path).toBe('/gateway/resume');
    expect(emu.identifies).toHaveLength(1);
  });

  it('answers heartbeats with HEARTBEAT_ACK (discord.js measures a ping)', async () => {
    await expect.poll(() => emu.gatewayFrames.filter((f) => f.op === 1).length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => client.ws.ping, { timeout: 3000 }).toBeGreaterThanOrEqual(0);
  });
});
