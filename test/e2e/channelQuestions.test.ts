import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { botRepliesTo, settle } from '../support/channelChecks.ts';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { memberHashIn } from '../support/memberHash.ts';

let emu: DiscordEmulator;
let bot: BotProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-channel-data-'));
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  bot = await startBotProcess(botEnv(emu, { ANSWER_CHANNEL_IDS: `${emu.channels.faq.id},${emu.channels.forum.id}`, DATA_DIR: dataDir }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const titleOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined)?.[0]?.title;
const footerOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined)?.[0]?.footer?.text ?? '';
/** How closely an answer matched, as its footer says ("match: strong"). */
const matchOf = (message: EmulatorMessage) => /match: (\w+)/.exec(footerOf(message))?.[1];

describe('when spoken to', () => {
  it('answers a mention in any channel, as a reply that pings nobody', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');
    expect(answer.message_reference?.message_id).toBe(question.id);
    const [request] = botRepliesTo(emu, question.id);
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
    // A POST that times out on the bot's side but lands is not posted twice when retried.
    expect(request?.body).toMatchObject({ nonce: `r${question.id}`, enforce_nonce: true });
  });

  it('answers a mention it cannot match with a short friendly hint, naming what the sources never mention', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'what is the capital of France', mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    expect(answer.content).toMatch(/^The sources don't mention France\. I only know about /);
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

  it('shows moderators the questions it stayed silent on for want of an answer, not the chatter', async () => {
    emu.sendMessage({ channelId: emu.channels.faq.id, content: 'does the deal say anything about chess engines?' });
    emu.sendMessage({ channelId: emu.channels.faq.id, content: 'lol nice weather today' });
    await settle(emu, emu.channels.faq.id);
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    expect(gaps.content).toMatch(/chess engines/);
    expect(gaps.content).not.toMatch(/weather/);
  });

  it('logs at most ten unanswered questions an hour from one member, so no one fills the gap review', async () => {
    const author = { authorId: '1234567890123456004', author: { username: 'flooder' } };
    const marker = 'zebracorn';
    for (let i = 1; i <= 15; i++) emu.sendMessage({ channelId: emu.channels.faq.id, content: `does the deal say anything about ${marker} herd ${i}?`, ...author });
    // Someone else's unanswered question still reaches the log.
    emu.sendMessage({ channelId: emu.channels.faq.id, content: `is there a ${marker} clause for newcomers?` });
    await settle(emu, emu.channels.faq.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const db = new BetterSqlite3(path.join(dataDir, databaseFileName), { readonly: true });
    try {
      const logged = db.prepare('SELECT question FROM questions WHERE question LIKE ?').all(`%${marker}%`) as { question: string }[];
      expect(logged.filter((row) => row.question.includes('herd'))).toHaveLength(10);
      expect(logged.filter((row) => row.question.includes('newcomers'))).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  // `npm run ask -- --json "what barrier does this remove for enterprises?"`: answered (multi-cloud-market) at 0.458.
  it('stays silent for a question it answers below 0.6 confidence, though it answers it when asked', async () => {
    const question = 'what barrier does this remove for enterprises?';
    const overheard = emu.sendMessage({ channelId: emu.channels.faq.id, content: question });
    await settle(emu, emu.channels.faq.id);
    expect(botRepliesTo(emu, overheard.id)).toEqual([]);

    const asked = emu.sendMessage({ channelId: emu.channels.general.id, content: question, mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: asked.id });
    expect(titleOf(answer)).toBe('How does multi-cloud access change the AI market?');
    // Weak: below 0.5.
    expect(matchOf(answer)).toBe('weak');
  });

  // `npm run ask -- --json "openai can use aws now, nice"`: answered (any-cloud-provider) at 0.728.
  it('stays silent for an on-topic statement it would answer confidently, because nobody asked', async () => {
    const statement = 'openai can use aws now, nice';
    const overheard = emu.sendMessage({ channelId: emu.channels.faq.id, content: statement });
    await settle(emu, emu.channels.faq.id);
    expect(botRepliesTo(emu, overheard.id)).toEqual([]);

    const asked = emu.sendMessage({ channelId: emu.channels.general.id, content: statement, mentionsBot: true });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: asked.id });
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');
    // Strong: 0.7 or more.
    expect(matchOf(answer)).toBe('strong');
  });

  it('answers the starter message of a new forum post when confident', async () => {
    const { thread, message } = emu.startForumThread({ forumChannelId: emu.channels.forum.id, title: 'IP license question', content: 'When does Microsoft’s license to OpenAI IP expire?' });
    const answer = await emu.waitForBotMessage({ channelId: thread.id, after: (BigInt(message.id) - 1n).toString() });
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");
  });
});

describe('mentions in the text', () => {
  it('reads a question that starts by addressing another member as the question it is', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.faq.id, content: `<@${emu.users.moderator.id}> can openai use aws now` });
    const answer = await emu.waitForBotMessage({ channelId: emu.channels.faq.id, after: question.id });
    expect(answer.message_reference?.message_id).toBe(question.id);
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');
  });

  it('answers a mention of the bot, in each of its forms, exactly as it answers the question alone', async () => {
    const alone = emu.sendMessage({ channelId: emu.channels.faq.id, content: 'can openai use aws now?' });
    const plain = await emu.waitForBotMessage({ channelId: emu.channels.faq.id, after: alone.id });
    expect(titleOf(plain)).toBe('Can OpenAI now use AWS or Google Cloud?');
    for (const mention of [`<@${emu.users.bot.id}>`, `<@!${emu.users.bot.id}>`, `<@&${emu.roles.bot.id}>`]) {
      const asked = emu.sendMessage({ channelId: emu.channels.general.id, content: `${mention} can openai use aws now?` });
      const answer = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: asked.id });
      expect(answer.message_reference?.message_id, mention).toBe(asked.id);
      expect(titleOf(answer), mention).toBe(titleOf(plain));
      expect(footerOf(answer), mention).toBe(footerOf(plain));
    }
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
  // Its own emulator and bot, so every reply seen here comes from the bot with the cooldown.
  let cooledEmu: DiscordEmulator;
  let cooled: BotProcess;
  let cooledData: string;

  beforeAll(async () => {
    cooledEmu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
    cooledData = await mkdtemp(path.join(tmpdir(), 'faq-cooled-data-'));
    cooled = await startBotProcess(botEnv(cooledEmu, { COOLDOWN_SECONDS: '60', ANSWER_CHANNEL_IDS: cooledEmu.channels.faq.id, DATA_DIR: cooledData }));
  });

  afterAll(async () => {
    expect(await cooled.stop()).toBe(0);
    await cooledEmu.stop();
    await rm(cooledData, { recursive: true, force: true });
  });

  /** Logs arrive through a pipe, possibly after the reply: wait for one the bot writes after everything sent so far. */
  const logsCaughtUp = async () => {
    const mark = cooled.logs.length;
    const probe = cooledEmu.sendMessage({ channelId: cooledEmu.channels.general.id, content: 'what is azure?', mentionsBot: true, authorId: '1234567890123456002' });
    await cooled.waitForLog((line) => cooled.logs.indexOf(line) >= mark && line.msg === 'Answering a channel question' && line.member === memberHashIn(cooledData, probe.author.id));
  };
  const engineReadsBy = (userId: string) => cooled.logs.filter((line) => line.msg === 'Engine read a channel message' && line.member === memberHashIn(cooledData, userId)).length;
  const repliesTo = (message: EmulatorMessage) => cooledEmu.messagesIn(message.channel_id).filter((m) => m.message_reference?.message_id === message.id);
  /** A random-word question near Discord's length limit: costly to read, and read at most once per window. */
  const costlyQuestion = () => `${Array.from({ length: 500 }, (_, i) => `qz${(i * 7919).toString(36)}x`).join(' ')}?`.slice(0, 3999);

  it('gives one polite notice per cooldown window, then stays silent, and reads nothing in between', async () => {
    const channelId = cooledEmu.channels.general.id;
    const author = { authorId: cooledEmu.users.moderator.id };
    const first = cooledEmu.sendMessage({ channelId, content: 'can openai use aws?', mentionsBot: true, ...author });
    const answer = await cooledEmu.waitForBotMessage({ channelId, after: first.id });
    expect(titleOf(answer)).toBe('Can OpenAI now use AWS or Google Cloud?');

    const second = cooledEmu.sendMessage({ channelId, content: costlyQuestion(), mentionsBot: true, ...author });
    const notice = await cooledEmu.waitForBotMessage({ channelId, after: second.id });
    expect(notice.message_reference?.message_id).toBe(second.id);
    expect(notice.content).toMatch(/^⏳ One moment please — you can ask again in \d+s\.$/);

    const later = [costlyQuestion(), 'what is azure?', 'thanks!'].map((content) => cooledEmu.sendMessage({ channelId, content, mentionsBot: true, ...author }));
    await settle(cooledEmu, channelId);
    for (const message of later) expect(repliesTo(message)).toEqual([]);
    await logsCaughtUp();
    // The engine read the first question only: a member inside their window costs no engine work.
    expect(engineReadsBy(cooledEmu.users.moderator.id)).toBe(1);
  });

  it('says nothing about the wait to a member who only says thanks', async () => {
    const channelId = cooledEmu.channels.general.id;
    const author = { authorId: cooledEmu.users.owner.id };
    const first = cooledEmu.sendMessage({ channelId, content: 'what is an llm?', mentionsBot: true, ...author });
    await cooledEmu.waitForBotMessage({ channelId, after: first.id });
    const thanks = cooledEmu.sendMessage({ channelId, content: 'thanks bot, that helped!', mentionsBot: true, ...author });
    await settle(cooledEmu, channelId);
    expect(repliesTo(thanks)).toEqual([]);
  });

  it('answers replies to its answers inside the window, a few per window, then gives the notice', async () => {
    const channelId = cooledEmu.channels.general.id;
    const author = { authorId: '1234567890123456003' };
    const reply = (to: EmulatorMessage, content: string) => cooledEmu.sendMessage({ channelId, content, referencedMessageId: to.id, replyPing: false, ...author });
    // Other tests' probes may still be answered in this channel: wait for the reply to this very message.
    const answerTo = (message: EmulatorMessage) => cooledEmu.waitForMessage((m) => m.author.id === cooledEmu.users.bot.id && m.message_reference?.message_id === message.id);
    const first = cooledEmu.sendMessage({ channelId, content: "when does microsoft's license to openai ip expire?", mentionsBot: true, ...author });
    const answer = await answerTo(first);
    expect(titleOf(answer)).toBe("When does Microsoft's license to OpenAI IP expire?");

    // Sent at once, well inside the 60 s window: a follow-up is answered, not refused.
    const followUp = reply(answer, 'and is it still exclusive?');
    const followUpAnswer = await answerTo(followUp);
    expect(titleOf(followUpAnswer)).toBe("Is Microsoft's license to OpenAI's IP still exclusive?");
    const second = reply(followUpAnswer, 'does microsoft still own part of openai?');
    expect(titleOf(await answerTo(second))).toBe('Does Microsoft still own part of OpenAI?');

    // Thanks in reply get no wait notice and use up nothing.
    const thanks = reply(followUpAnswer, "thanks, that's really helpful!");
    // The allowance (two per window) is used up: the next reply gets the notice, as any question would.
    const third = reply(followUpAnswer, 'what is an llm?');
    const notice = await answerTo(third);
    expect(notice.content).toMatch(/^⏳ One moment please — you can ask again in \d+s\.$/);
    expect(repliesTo(thanks)).toEqual([]);
  });

  it('does not start the window for an overheard question it leaves unanswered', async () => {
    const channelId = cooledEmu.channels.faq.id;
    // Someone new: `settle` asks as the fixture member, whose window is running.
    const author = { authorId: '1234567890123456001', author: { username: 'newcomer' } };
    const unsure = cooledEmu.sendMessage({ channelId, content: 'does anthropic use google cloud?', ...author });
    const clear = cooledEmu.sendMessage({ channelId, content: 'Does Microsoft still pay OpenAI a revenue share?', ...author });
    const answer = await cooledEmu.waitForBotMessage({ channelId, after: clear.id });
    expect(answer.message_reference?.message_id).toBe(clear.id);
    expect(repliesTo(unsure)).toEqual([]);
  });

});

describe('one question window for /ask and channel questions', () => {
  let askEmu: DiscordEmulator;
  let asked: BotProcess;
  let askedData: string;

  beforeAll(async () => {
    askEmu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
    askedData = await mkdtemp(path.join(tmpdir(), 'faq-asked-data-'));
    asked = await startBotProcess(botEnv(askEmu, { COOLDOWN_SECONDS: '60', DATA_DIR: askedData }));
  });

  afterAll(async () => {
    expect(await asked.stop()).toBe(0);
    await askEmu.stop();
    await rm(askedData, { recursive: true, force: true });
  });

  it('applies to /ask too, as declared on its definition: a private notice, and no engine work', async () => {
    const userId = askEmu.users.member.id;
    const ask = (question: string) => askEmu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }], userId });
    const answered = await (await ask('when does the ip license expire')).message();
    expect(JSON.stringify(answered.embeds)).toContain('2032');
    const refused = await (await ask('what is an llm')).message();
    expect(refused.content).toMatch(/^⏳ One moment please — you can use \/ask again in \d+s\.$/);
    expect((refused.flags ?? 0) & 64).toBe(64);
    const member = memberHashIn(askedData, userId);
    await asked.waitForLog((line) => line.msg === 'Refused interaction' && line.member === member);
    expect(asked.logs.filter((line) => line.msg === 'Answered /ask' && line.member === member)).toHaveLength(1);
    // Another member is not held back by someone else's window.
    const other = await (await askEmu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'what is an llm' }], userId: askEmu.users.owner.id })).message();
    expect(other.embeds ?? []).toHaveLength(1);
  });

  it('is one window for /ask and channel questions: a mention right after /ask gets the notice', async () => {
    const channelId = askEmu.channels.general.id;
    const author = { authorId: askEmu.users.moderator.id };
    const answered = await (await askEmu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'what is an llm' }], userId: author.authorId })).message();
    expect(answered.embeds ?? []).toHaveLength(1);
    const mention = askEmu.sendMessage({ channelId, content: 'when does the ip license expire?', mentionsBot: true, ...author });
    const notice = await askEmu.waitForBotMessage({ channelId, after: mention.id });
    expect(notice.content).toMatch(/^⏳ One moment please/);
  });
});
