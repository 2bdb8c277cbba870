import type { Client, Message } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyNonce } from '../../src/discord/messageNonce.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient, nextEvent } from '../emulator/helpers.ts';

describe('replyNonce: a channel reply is posted once, even when it is sent twice', () => {
  let emu: DiscordEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 200 });
    // A REST timeout far below the stall below: the client gives up on a POST that has landed, and retries it.
    client = makeClient(emu, { rest: { api: emu.apiBase, timeout: 300, retries: 1 } });
    await loginAndWait(client, emu);
  });

  afterEach(async () => {
    await client.destroy();
    await emu.stop();
  });

  async function question(content: string): Promise<Message> {
    const received = nextEvent<Message>(client, 'messageCreate');
    emu.sendMessage({ channelId: emu.channels.faq.id, authorId: emu.users.member.id, content });
    return received;
  }

  const botReplies = () => emu.messagesIn(emu.channels.faq.id).filter((m) => m.author.id === emu.users.bot.id);

  it('is a nonce of at most 25 characters, the same for the same message, enforced', () => {
    const nonce = replyNonce('1234567890123456789');
    expect(nonce).toEqual(replyNonce('1234567890123456789'));
    expect(nonce.enforceNonce).toBe(true);
    expect(String(nonce.nonce).length).toBeLessThanOrEqual(25);
    expect(replyNonce('1234567890123456788').nonce).not.toBe(nonce.nonce);
  });

  it('a reply whose POST times out on our side but lands on Discord is posted once', async () => {
    const asked = await question('can openai use aws?');
    emu.stallNext({ method: 'POST', route: '/channels/:id/messages', ms: 1000 });
    const reply = await asked.reply({ content: 'the answer', allowedMentions: { parse: [] }, ...replyNonce(asked.id) });
    expect(botReplies().map((m) => m.id)).toEqual([reply.id]);
    expect(emu.requests.filter((r) => r.method === 'POST' && r.route.endsWith('/messages'))).toHaveLength(2);
  });

  it('the same message answered twice (an event handled again) gets one reply', async () => {
    const asked = await question('is azure exclusive?');
    const first = await asked.reply({ content: 'answer', allowedMentions: { parse: [] }, ...replyNonce(asked.id) });
    const second = await asked.reply({ content: 'answer', allowedMentions: { parse: [] }, ...replyNonce(asked.id) });
    expect(second.id).toBe(first.id);
    expect(botReplies()).toHaveLength(1);
  });
});
