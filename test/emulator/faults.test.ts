import { DiscordAPIError, Events, GatewayIntentBits, type Client, type TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient, nextEvent } from './helpers.ts';

interface CloseEvent {
  code: number;
}

describe('DiscordEmulator: fatal gateway closes, a revoked token, duplicate-safe posts', () => {
  let emu: DiscordEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 200 });
    client = makeClient(emu);
  });

  afterEach(async () => {
    await client.destroy();
    await emu.stop();
  });

  const faq = (): TextChannel => client.channels.cache.get(emu.channels.faq.id) as TextChannel;

  it.each([4004, 4010, 4011, 4012, 4013, 4014])('closes a live session with %i on demand; discord.js gives up on it', async (code) => {
    await loginAndWait(client, emu);
    const disconnected = nextEvent<CloseEvent>(client, Events.ShardDisconnect);
    await emu.disconnectClients(code);
    expect((await disconnected).code).toBe(code);
    // A fatal close ends the session: no RESUME and no new IDENTIFY follow.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emu.resumes).toHaveLength(0);
    expect(emu.identifies).toHaveLength(1);
  });

  it('answers the next IDENTIFY with a chosen close code (here 4011, sharding required), so login fails', async () => {
    emu.rejectIdentify(4011);
    await expect(client.login(emu.token)).rejects.toThrow(/sharding is required/i);
    expect(emu.identifies).toHaveLength(0);
    expect(emu.gatewayCloses).toContainEqual(expect.objectContaining({ code: 4011, reason: 'Sharding required.' }));
  });

  it('switches a privileged intent off at run time: the next IDENTIFY asking for it is closed with 4014', async () => {
    await loginAndWait(client, emu);
    emu.setPrivilegedIntents({ messageContent: false });
    const disconnected = nextEvent<CloseEvent>(client, Events.ShardDisconnect);
    emu.invalidateSession(false);
    expect((await disconnected).code).toBe(4014);
    expect(emu.identifies).toHaveLength(1);
    const app = await client.application!.fetch();
    expect(app.flags.has('GatewayMessageContent')).toBe(false);

    const without = makeClient(emu, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    try {
      await loginAndWait(without, emu);
      expect(emu.identifies).toHaveLength(2);
    } finally {
      await without.destroy();
    }
  });

  it('revokes the token mid-run: REST answers 401, after which discord.js has no token at all', async () => {
    await loginAndWait(client, emu);
    await emu.revokeToken();
    const error = await faq().send({ content: 'after the reset', allowedMentions: { parse: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(401);
    // The defect this makes reproducible: every later request fails locally, silently for a bot that only logs.
    await expect(faq().send({ content: 'again', allowedMentions: { parse: [] } })).rejects.toThrow(/Expected token to be set/);
    expect(emu.tokenRevoked).toBe(true);
    expect(emu.requests.at(-1)).toMatchObject({ status: 401, authenticated: false });
  });

  it('revokes the token with the gateway closed too (4004), and refuses the old token on IDENTIFY', async () => {
    await loginAndWait(client, emu);
    const disconnected = nextEvent<CloseEvent>(client, Events.ShardDisconnect);
    await emu.revokeToken({ disconnect: true });
    expect((await disconnected).code).toBe(4004);
    const again = makeClient(emu);
    try {
      await expect(again.login(emu.token)).rejects.toThrow(/invalid token/i);
    } finally {
      await again.destroy();
    }
  });

  it('honours enforce_nonce: the same nonce again returns the existing message instead of a second one', async () => {
    await loginAndWait(client, emu);
    const first = await faq().send({ content: 'once', nonce: 'reply-1', enforceNonce: true, allowedMentions: { parse: [] } });
    const second = await faq().send({ content: 'once', nonce: 'reply-1', enforceNonce: true, allowedMentions: { parse: [] } });
    expect(second.id).toBe(first.id);
    expect(emu.messagesIn(emu.channels.faq.id).filter((m) => m.content === 'once')).toHaveLength(1);

    // Without enforce_nonce Discord does not deduplicate.
    await faq().send({ content: 'twice', nonce: 'reply-2', allowedMentions: { parse: [] } });
    await faq().send({ content: 'twice', nonce: 'reply-2', allowedMentions: { parse: [] } });
    expect(emu.messagesIn(emu.channels.faq.id).filter((m) => m.content === 'twice')).toHaveLength(2);
  });

  it('rejects a nonce longer than 25 characters with 50035, as Discord does', async () => {
    await loginAndWait(client, emu);
    const response = await fetch(`${emu.apiBase}/v10/channels/${emu.channels.faq.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x', nonce: 'n'.repeat(26), enforce_nonce: true }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 50035, errors: { nonce: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_MAX_LENGTH' })] } } });
  });

  describe('a POST that lands while the client gives up waiting (stallNext)', () => {
    let impatient: Client;

    beforeEach(async () => {
      impatient = makeClient(emu, { rest: { api: emu.apiBase, timeout: 300, retries: 1 } });
      await loginAndWait(impatient, emu);
    });

    afterEach(async () => {
      await impatient.destroy();
    });

    const channel = (): TextChannel => impatient.channels.cache.get(emu.channels.faq.id) as TextChannel;

    it('duplicates the message when the retry carries no enforced nonce', async () => {
      emu.stallNext({ method: 'POST', route: '/channels/:id/messages', ms: 1000 });
      await channel().send({ content: 'plain retry', allowedMentions: { parse: [] } });
      expect(emu.messagesIn(emu.channels.faq.id).filter((m) => m.content === 'plain retry')).toHaveLength(2);
      expect(emu.requests.filter((r) => r.method === 'POST' && r.route.endsWith('/messages')).map((r) => r.stalledMs)).toEqual([1000, undefined]);
    });

    it('posts once when the retry carries the same nonce with enforce_nonce', async () => {
      emu.stallNext({ method: 'POST', route: '/channels/:id/messages', ms: 1000 });
      const sent = await channel().send({ content: 'safe retry', nonce: 'r-1', enforceNonce: true, allowedMentions: { parse: [] } });
      const stored = emu.messagesIn(emu.channels.faq.id).filter((m) => m.content === 'safe retry');
      expect(stored.map((m) => m.id)).toEqual([sent.id]);
    });
  });
});
