import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
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

const embedsOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined) ?? [];
const titleOf = (message: EmulatorMessage) => embedsOf(message)[0]?.title;
const embedText = (embed: APIEmbed | undefined) => `${embed?.title ?? ''}\n${embed?.description ?? ''}`;
const buttonLabels = (message: EmulatorMessage) => {
  const rows = (message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];
  return rows.flatMap((row) => row.components).filter((c): c is APIButtonComponentWithCustomId => 'custom_id' in c).map((button) => button.label);
};
const botMessagesReplyingTo = (channelId: string, messageId: string) =>
  emu.messagesIn(channelId).filter((m) => m.author.id === emu.users.bot.id && m.message_reference?.message_id === messageId);


describe('chat that is not a question', () => {
  it('gets no post at all when overheard in an answer channel', async () => {
    const chatter = [
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'thanks bot, that helped!' }),
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'lol' }),
      emu.sendMessage({ channelId: emu.channels.faq.id, content: 'good bot' }),
    ];
    await settle(emu, emu.channels.faq.id);
    for (const message of chatter) {
      expect(botRepliesTo(emu, message.id)).toEqual([]);
      expect(botMessagesReplyingTo(emu.channels.faq.id, message.id)).toEqual([]);
    }
  });

  it('gets one short friendly line, never a record, when addressed to the bot', async () => {
    const cases = [
      { content: 'thanks bot, that helped!', line: "You're welcome! Ask me anytime." },
      { content: 'lol', line: '😄' },
      { content: 'good bot', line: 'Thank you! Happy to help.' },
    ];
    const sent: EmulatorMessage[] = [];
    for (const channelId of [emu.channels.faq.id, emu.channels.general.id]) {
      for (const { content, line } of cases) {
        const chat = emu.sendMessage({ channelId, content, mentionsBot: true });
        sent.push(chat);
        const reply = await emu.waitForBotMessage({ channelId, after: chat.id });
        expect(reply.message_reference?.message_id).toBe(chat.id);
        expect(reply.content).toBe(line);
        expect(embedsOf(reply)).toEqual([]);
        expect(reply.components ?? []).toEqual([]);
        const requests = botRepliesTo(emu, chat.id);
        expect(requests).toHaveLength(1);
        expect(requests[0]?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
      }
    }
    // One line each: nothing else followed any of them.
    await settle(emu, emu.channels.faq.id);
    await settle(emu, emu.channels.general.id);
    for (const chat of sent) expect(botMessagesReplyingTo(chat.channel_id, chat.id)).toHaveLength(1);
  });
});

describe('follow-ups', () => {
  it('reads a reply to one of its answers in the context of that answer', async () => {
    const channelId = emu.channels.general.id;
    const first = emu.sendMessage({ channelId, content: "when does microsoft's license to openai ip expire?", mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId, after: first.id });
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");

    const followUp = emu.sendMessage({ channelId, content: 'and is it still exclusive?', referencedMessageId: answer.id, replyPing: false });
    const followUpAnswer = await emu.waitForBotMessage({ channelId, after: followUp.id });
    expect(followUpAnswer.message_reference?.message_id).toBe(followUp.id);
    expect(titleOf(followUpAnswer)).toBe("Is Microsoft's license to OpenAI's IP still exclusive?");
    expect(embedsOf(followUpAnswer)[0]?.description).toContain('non-exclusive');
    const [request] = botRepliesTo(emu, followUp.id);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  });

  it('takes thanks sent as a reply to its answer as thanks: one short line, never a record', async () => {
    const channelId = emu.channels.general.id;
    const first = emu.sendMessage({ channelId, content: 'can openai use aws?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId, after: first.id });
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');

    const thanks = emu.sendMessage({ channelId, content: "thanks, that's really helpful!", referencedMessageId: answer.id, replyPing: false });
    const reply = await emu.waitForBotMessage({ channelId, after: thanks.id });
    expect(reply.message_reference?.message_id).toBe(thanks.id);
    expect(reply.content).toBe("You're welcome! Ask me anytime.");
    expect(embedsOf(reply)).toEqual([]);
    expect(reply.components ?? []).toEqual([]);
  });

  it('does not guess that answer for the same words without the reply context', async () => {
    const channelId = emu.channels.general.id;
    const alone = emu.sendMessage({ channelId, content: 'and is it still exclusive?', mentionsBot: true });
    const reply = await emu.waitForBotMessage({ channelId, after: alone.id });
    expect(reply.message_reference?.message_id).toBe(alone.id);
    // Alone, "it" could be the cloud deal or the IP license: the member is asked which one.
    expect(embedsOf(reply)).toEqual([]);
    expect(reply.content).toBe("I'm not sure which of these you mean:");
    expect(buttonLabels(reply)).toEqual(expect.arrayContaining(["Is Microsoft's license to OpenAI's IP still exclusive?", 'Can OpenAI now use AWS or Google Cloud?']));
  });
});

describe('a question asking for what the sources do not state', () => {
  it('says the sources lack it, then offers the closest questions', async () => {
    const channelId = emu.channels.general.id;
    const question = emu.sendMessage({ channelId, content: 'what exact percentage does openai pay microsoft?', mentionsBot: true });
    const reply = await emu.waitForBotMessage({ channelId, after: question.id });
    expect(embedsOf(reply)).toEqual([]);
    expect(reply.content).toBe("The sources don't give that percentage. The closest questions I can answer:");
    expect(buttonLabels(reply)).toEqual(expect.arrayContaining(['Does OpenAI still pay Microsoft a revenue share?', 'None of these']));
    const [request] = botRepliesTo(emu, question.id);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });
});

describe('two questions in one message', () => {
  it('answers both in one reply, one embed per answer', async () => {
    // `npm run ask -- --json` on this phrasing: id ip-license-term, also [any-cloud-provider].
    const channelId = emu.channels.general.id;
    const question = emu.sendMessage({ channelId, content: 'when does the license to openai ip end and can openai use aws now?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId, after: question.id });
    expect(answer.message_reference?.message_id).toBe(question.id);
    const embeds = embedsOf(answer);
    expect(embeds).toHaveLength(2);
    expect(embeds[0]?.title).toBe("When does Microsoft's license to OpenAI IP expire?");
    expect(embedText(embeds[0])).toContain('2032');
    expect(embeds[1]?.title).toBe('Can OpenAI now use AWS or Google Cloud?');
    expect(embedText(embeds[1])).toContain('any cloud provider');

    await settle(emu, channelId);
    expect(botMessagesReplyingTo(channelId, question.id)).toHaveLength(1);
    const requests = botRepliesTo(emu, question.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  });
});
