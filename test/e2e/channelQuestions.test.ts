import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { botRepliesTo, settle } from '../support/channelChecks.ts';

let emu: DiscordEmulator;
let bot: BotProcess;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  bot = await startBotProcess(botEnv(emu, { ANSWER_CHANNEL_IDS: `${emu.channels.faq.id},${emu.channels.forum.id}` }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
});

const titleOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined)?.[0]?.title;


describe('when spoken to', () => {
  it('answers a mention in any channel, as a reply that pings nobody', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');
    expect(answer.message_reference?.message_id).toBe(question.id);
    const [request] = botRepliesTo(emu, question.id);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  });

  it('answers a mention it cannot match with a short friendly hint', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'what is the capital of france', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    expect(answer.content).toMatch(/don't have an answer/);
    expect(answer.content).toMatch(/\/faq/);
  });

  it('answers a reply to one of its own messages, and direct messages', async () => {
    const first = emu.sendMessage({ channelId: emu.channels.general.id, content: 'what is vendor lock-in?', mentionsBot: true });
    const botMessage = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: first.id });
    const followUp = emu.sendMessage({ channelId: emu.channels.general.id, content: 'and does microsoft still own part of openai?', referencedMessageId: botMessage.id, replyPing: false });
    expect(titleOf(await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: followUp.id }))).toBe('Does Microsoft still own part of OpenAI?');

    const dm = emu.sendMessage({ dm: true, content: 'is the revenue share openai pays capped?' });
    expect(titleOf(await emu.waitForBotMessage({ channelId: dm.channel_id, after: dm.id }))).toBe('Does OpenAI still pay Microsoft a revenue share?');
  });

  it('neutralises mentions in what it echoes: user text cannot make it ping', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: '@everyone <@&1> compare ip license', mentionsBot: true });
    await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    for (const request of botRepliesTo(emu, question.id)) expect(request.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});

describe('in answer channels', () => {
  it('answers a plain question when confident', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.faq.id, content: 'Does Microsoft still pay OpenAI a revenue share?' });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.faq.id, after: question.id });
    expect(titleOf(answer)).toBe('Does Microsoft still pay OpenAI a revenue share?');
  });

  it('stays silent for chatter, off-topic questions and unsure matches', async () => {
    const silent = [
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'good morning everyone' }),
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'how tall is mount everest?' }),
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'revenue share?' }),
    ];
    await settle(emu, emu.channels.faq.id);
    for (const message of silent) expect(botRepliesTo(emu, message.id)).toEqual([]);
  });

  it('answers the starter message of a new forum post when confident', async () => {
    const { thread, message } = emu.startForumThread({ forumChannelId: emu.channels.forum.id, title: 'IP license question', content: 'When does Microsoft’s license to OpenAI IP expire?' });
    const answer = await emu.waitForBotMessage({ channelId: thread.id, after: (BigInt(message.id) - 1n).toString() });
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");
  });
});

describe('elsewhere', () => {
  it('stays silent in other channels unless mentioned', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?' });
    await settle(emu, emu.channels.general.id);
    expect(botRepliesTo(emu, question.id)).toEqual([]);
  });

  it('never answers bots, webhooks or itself', async () => {
    const fromBot = emu.sendMessage({ channelId: emu.channels.faq.id, content: 'can openai use aws?', isBot: true, author: { id: '1234567890123456789', username: 'OtherBot' }, mentionsBot: true });
    const fromWebhook = emu.sendMessage({ channelId: emu.channels.faq.id, content: 'can openai use aws?', webhookId: '1234567890123456790', mentionsBot: true });
    await settle(emu, emu.channels.faq.id);
    expect(botRepliesTo(emu, fromBot.id)).toEqual([]);
    expect(botRepliesTo(emu, fromWebhook.id)).toEqual([]);
    // Its own answers reach it as MESSAGE_CREATE too; none of them was answered.
    const own = emu.messagesIn(emu.channels.faq.id).filter((m) => m.author.id === emu.users.bot.id);
    for (const message of own) expect(botRepliesTo(emu, message.id)).toEqual([]);
  });
});

describe('cooldown', () => {
  it('gives one polite notice per cooldown window, then stays silent', async () => {
    const cooled = await startBotProcess(botEnv(emu, { COOLDOWN_SECONDS: '60' }));
    try {
      const channelId = emu.channels.general.id;
      const author = { authorId: emu.users.moderator.id };
      const first = emu.sendMessage({ channelId, content: 'can openai use aws?', mentionsBot: true, ...author });
      await emu.waitForMessage((m) => m.message_reference?.message_id === first.id && m.author.id === emu.users.bot.id);
      const second = emu.sendMessage({ channelId, content: 'what is an llm?', mentionsBot: true, ...author });
      const notice = await emu.waitForMessage((m) => m.message_reference?.message_id === second.id && /ask again/.test(m.content));
      expect(notice.content).toMatch(/ask again in \d+s/);
      const third = emu.sendMessage({ channelId, content: 'what is azure?', mentionsBot: true, ...author });
      await settle(emu, channelId);
      const repliesToThird = emu.messagesIn(channelId).filter((m) => m.message_reference?.message_id === third.id);
      // Both bot processes see the message; only the one with the cooldown stays silent.
      expect(repliesToThird.filter((m) => /ask again/.test(m.content))).toEqual([]);
    } finally {
      expect(await cooled.stop()).toBe(0);
    }
  });
});
