import { ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { settle } from '../support/channelChecks.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';

// Which record each of the bot's answers gave is the bot's own memory, not the question log's: with
// QUESTION_LOG=off (no "Helpful" / "Not helpful" buttons, nothing in the message naming its record),
// a reply to an answer is still read in that answer's context.
let emu: DiscordEmulator;
let bot: BotProcess;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  bot = await startBotProcess(botEnv(emu, { QUESTION_LOG: 'off' }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
});

const embedsOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined) ?? [];
const titleOf = (message: EmulatorMessage) => embedsOf(message)[0]?.title;
const customIdsOf = (message: EmulatorMessage) =>
  ((message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap((row) => row.components).flatMap((c) => ('custom_id' in c ? [c.custom_id] : []));

const question = "when does microsoft's license to openai ip expire?";
const followUp = 'and is it still exclusive?';

describe('a follow-up replying to an answer, with the question log off', () => {
  it('is read in the context of the answer /ask gave', async () => {
    const channelId = emu.channels.general.id;
    const asked = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }], channelId });
    const answer = await asked.message();
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");
    expect(customIdsOf(answer).filter((id) => id.includes('vote'))).toEqual([]);
    // The bot has finished sending it (and noted what it answered): a member reads an answer before replying.
    await settle(emu, channelId);

    const reply = emu.sendMessage({ channelId, content: followUp, referencedMessageId: answer.id, replyPing: false });
    const followUpAnswer = await emu.waitForBotMessage({ channelId, after: reply.id });
    expect(followUpAnswer.message_reference?.message_id).toBe(reply.id);
    expect(titleOf(followUpAnswer)).toBe("Is Microsoft's license to OpenAI's IP still exclusive?");
  });

  it('is read in the context of an answer given in the channel', async () => {
    const channelId = emu.channels.general.id;
    const first = emu.sendMessage({ channelId, content: question, mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId, after: first.id });
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");
    await settle(emu, channelId);

    const reply = emu.sendMessage({ channelId, content: followUp, referencedMessageId: answer.id, replyPing: false });
    const followUpAnswer = await emu.waitForBotMessage({ channelId, after: reply.id });
    expect(titleOf(followUpAnswer)).toBe("Is Microsoft's license to OpenAI's IP still exclusive?");
  });

  it("is read in the context of a helper's pick (Apps → Answer with FAQ)", async () => {
    const channelId = emu.channels.general.id;
    const asked = emu.sendMessage({ channelId, content: 'hey when does the microsoft ip license run out' });
    const offered = await (await emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: asked.id, userId: emu.users.moderator.id })).message();
    const pickButton = ((offered.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[])
      .flatMap((row) => row.components)
      .find((c) => c.type === ComponentType.Button && 'custom_id' in c && 'label' in c && c.label === "When does Microsoft's license to OpenAI IP expire?");
    if (!pickButton || !('custom_id' in pickButton)) throw new Error('the expiry record was not offered');
    await (await emu.clickButton({ messageId: offered.id, customId: pickButton.custom_id, userId: emu.users.moderator.id })).message();
    const posted = await emu.waitForMessage((m) => m.message_reference?.message_id === asked.id && m.author.id === emu.users.bot.id);
    await settle(emu, channelId);

    const reply = emu.sendMessage({ channelId, content: followUp, referencedMessageId: posted.id, replyPing: false });
    const followUpAnswer = await emu.waitForBotMessage({ channelId, after: reply.id });
    expect(titleOf(followUpAnswer)).toBe("Is Microsoft's license to OpenAI's IP still exclusive?");
  });
});
