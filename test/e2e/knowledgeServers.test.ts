import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { refusals } from '../../src/discord/preconditions.ts';
import { secretFileName, userHasher } from '../../src/questionLog/userHash.ts';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

// One bot in two servers, commands registered globally (as in production). Server A (the fixture guild) owns the
// knowledge; server B is any other server that added the bot, where the same person is an admin.
let emu: DiscordEmulator;
let kb: TempKnowledge;
let dataDir: string;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000, guilds: 2 });
  kb = await makeTempKnowledge();
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-servers-data-'));
});

afterAll(async () => {
  await emu.stop();
  await kb.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const inA = () => emu.channels.general.id;
const inB = () => emu.guilds[1]!.channels.general.id;

async function start(extra: Record<string, string>): Promise<BotProcess> {
  return startBotProcess({ ...botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: dataDir, ...extra }), DISCORD_GUILD_ID: '' });
}

async function kbCommand(channelId: string, subcommand: string, options: { name: string; value: string | number }[] = [], subcommandGroup?: string) {
  const result = await emu.runSlashCommand({ name: 'kb', subcommand, options, userId: emu.users.moderator.id, channelId, ...(subcommandGroup ? { subcommandGroup } : {}) });
  return { result, message: result.callbackType === 9 ? null : await result.message() };
}

function buttons(message: EmulatorMessage): string[] {
  return (message.components ?? []).flatMap((row) => ((row as { components?: { custom_id?: string }[] }).components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : [])));
}

const quantum = 'Does the deal cover quantum computing?';
const penguins = 'how many penguins live in antarctica?';
const carpet = 'what colour is the office carpet?';

describe('KNOWLEDGE_GUILD_IDS names server A', () => {
  let bot: BotProcess;

  beforeAll(async () => {
    bot = await start({ KNOWLEDGE_GUILD_IDS: emu.guildId });
    await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: quantum }], userId: emu.users.member.id, channelId: inA() });
    await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: penguins }], userId: emu.users.member.id, channelId: inB() });
    const dm = emu.sendMessage({ dm: true, authorId: emu.users.owner.id, content: carpet });
    await emu.waitForBotMessage({ after: dm.id });
  });

  afterAll(async () => {
    expect(await bot.stop()).toBe(0);
  });

  it("shows a moderator of server B only B's gaps and figures, without the buttons that change the knowledge", async () => {
    const gaps = (await kbCommand(inB(), 'gaps')).message!;
    expect(gaps.content).toContain('in this server');
    expect(gaps.content).toContain(penguins);
    expect(gaps.content).not.toMatch(/quantum|carpet/i);
    expect(buttons(gaps)).toEqual([]);

    const stats = (await kbCommand(inB(), 'stats', [{ name: 'days', value: 1 }])).message!;
    expect(stats.content).toContain('Questions in this server');
    expect(stats.content).toContain('Last 1 day: 1 question,');
  });

  it("shows server A's moderators every server's gaps and the DMs', with their buttons", async () => {
    const gaps = (await kbCommand(inA(), 'gaps')).message!;
    for (const question of [quantum, penguins, carpet]) expect(gaps.content).toContain(question);
    expect(buttons(gaps).some((id) => id.startsWith('kb:gap-alt:'))).toBe(true);
  });

  it("refuses every change from server B's admin, and leaves the knowledge files as they were", async () => {
    const files = async () => [await kb.read('faq.yaml'), await kb.read('regressions.yaml')];
    const before = await files();
    const recordId = (parse(before[0]!) as { faq: { id: string }[] }).faq[0]!.id;

    const alternate = await kbCommand(inB(), 'alternate', [
      { name: 'record', value: recordId },
      { name: 'question', value: penguins },
    ]);
    expect(alternate.message?.content).toBe(refusals.notKnowledgeServer);
    const add = await kbCommand(inB(), 'add', [], 'faq');
    expect(add.result.callbackType).not.toBe(9);
    expect(add.message?.content).toBe(refusals.notKnowledgeServer);
    expect((await kbCommand(inB(), 'reload')).message?.content).toBe(refusals.notKnowledgeServer);
    const typed = { name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: [{ name: 'id', value: recordId.slice(0, 3), focused: true }], userId: emu.users.moderator.id };
    expect(await emu.autocomplete({ ...typed, channelId: inB() })).toEqual([]);
    expect((await emu.autocomplete({ ...typed, channelId: inA() })).length).toBeGreaterThan(0);

    expect(await files()).toEqual(before);
  });

  it('names members in its log lines by the keyed hash the question log stores, never by Discord id', async () => {
    const hashOf = userHasher(Buffer.from(readFileSync(path.join(dataDir, secretFileName), 'utf8').trim(), 'hex'));
    const log = bot.stdout();
    for (const user of [emu.users.member, emu.users.owner, emu.users.moderator]) expect(log).not.toContain(user.id);
    expect(bot.logs.find((line) => line.msg === 'Answered /ask')?.member).toBe(hashOf(emu.users.member.id));
  });
});

describe('no knowledge server: the bot is in two servers and neither KNOWLEDGE_GUILD_IDS nor DISCORD_GUILD_ID is set', () => {
  let bot: BotProcess;

  const notAChannelHere = '222078108977594368';

  beforeAll(async () => {
    bot = await start({ ANSWER_CHANNEL_IDS: `${emu.channels.faq.id},${notAChannelHere}` });
  });

  afterAll(async () => {
    expect(await bot.stop()).toBe(0);
  });

  it('warns at start, refuses every change in every server saying what to set, and still shows each server its own gaps', async () => {
    const warning = bot.logs.find((line) => String(line.msg).startsWith('No knowledge server'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('KNOWLEDGE_GUILD_IDS');
    for (const channelId of [inA(), inB()]) {
      expect((await kbCommand(channelId, 'reload')).message?.content).toBe(refusals.noKnowledgeServer);
    }
    const gaps = (await kbCommand(inA(), 'gaps')).message!;
    expect(gaps.content).toContain(quantum);
    expect(gaps.content).not.toMatch(/penguins|carpet/i);
    expect(buttons(gaps)).toEqual([]);
  });

  it('warns at start about an answer channel id it cannot see, naming only that one', () => {
    const warning = bot.logs.find((line) => String(line.msg).startsWith('ANSWER_CHANNEL_IDS names channels the bot cannot see'));
    expect(warning?.['channels']).toEqual([notAChannelHere]);
  });
});
