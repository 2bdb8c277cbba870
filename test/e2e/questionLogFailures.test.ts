import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { unwritableDataDir } from '../questionLog/logSandbox.ts';

let emu: DiscordEmulator | undefined;
let bot: BotProcess | undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  if (bot) expect(await bot.stop()).toBe(0);
  await emu?.stop();
  bot = undefined;
  emu = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function askAws(): Promise<string> {
  const reply = await (await emu!.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'can openai use aws?' }] })).message();
  return reply.embeds[0]?.title ?? '';
}

describe('the bot keeps answering when its question log cannot be used', () => {
  it('starts with a corrupt database file, answers, warns once in its log and once in the mod-log, and leaves the file alone', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-corrupt-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const garbage = 'not a database at all\n'.repeat(500);
    await writeFile(path.join(dataDir, databaseFileName), garbage);
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
    bot = await startBotProcess(botEnv(emu, { DATA_DIR: dataDir, MOD_LOG_CHANNEL_ID: emu.channels.modLog.id }));

    expect(await askAws()).toMatch(/AWS/);
    expect(await askAws()).toMatch(/AWS/);
    const notice = await emu.waitForMessage((m) => m.channel_id === emu!.channels.modLog.id && m.content.includes('question log is unavailable'), 10_000);
    expect(notice.content).toContain('move it away');
    expect(bot.logs.filter((line) => String(line.msg).startsWith('Question log unavailable'))).toHaveLength(1);
    expect(emu.messagesIn(emu.channels.modLog.id).filter((m) => m.content.includes('question log'))).toHaveLength(1);
    expect(await readFile(path.join(dataDir, databaseFileName), 'utf8')).toBe(garbage);
  });

  it('answers with a DATA_DIR it cannot write, and says which folder to fix', async () => {
    const { dir, restore } = await unwritableDataDir();
    cleanups.push(restore);
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
    bot = await startBotProcess(botEnv(emu, { DATA_DIR: dir }));

    expect(await askAws()).toMatch(/AWS/);
    const warning = await bot.waitForLog((line) => String(line.msg).startsWith('Question log unavailable'));
    expect(String(warning.msg)).toContain(dir);
    // Feedback buttons need a logged question: without one the answer is shown without them.
    const reply = await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'can openai use aws?' }] })).message();
    expect(JSON.stringify(reply.components)).not.toContain('ask:vote');
  });
});
