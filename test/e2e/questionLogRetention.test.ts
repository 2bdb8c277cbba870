import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

const dayMs = 24 * 60 * 60 * 1000;
let emu: DiscordEmulator;
let bot: BotProcess;
let dataDir: string;

/** Questions recorded `daysAgo` days ago, by a log whose clock is set back: what the bot finds when it starts. */
async function recordedDaysAgo(daysAgo: number, questions: readonly string[]): Promise<void> {
  const loaded = await loadKnowledge(bundledKnowledgeDir);
  if (!loaded.ok) throw new Error('bundled knowledge must be valid');
  const engine = createAnswerEngine(loaded.knowledge);
  const log = new QuestionLog({ dataDir, enabled: true, retentionDays: 365, now: () => Date.now() - daysAgo * dayMs, purge: false });
  await log.ready();
  for (const question of questions) {
    const reply = engine.ask(question);
    if (reply.status !== 'chat') log.record({ guildId: emu.guild.id, channelKind: 'slash', userId: emu.users.member.id, question, reply });
  }
  await log.close();
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-retention-'));
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  await recordedDaysAgo(40, ['does the deal cover quantum computing?']);
  await recordedDaysAgo(10, ['does the deal cover fusion reactors?']);
  bot = await startBotProcess(botEnv(emu, { DATA_DIR: dataDir, RETENTION_DAYS: '30' }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('retention', () => {
  it('purges questions older than RETENTION_DAYS when the bot starts, and keeps the newer ones', async () => {
    await bot.waitForLog((line) => line.msg === 'Purged question log rows past the retention period');
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', options: [{ name: 'days', value: 365 }], userId: emu.users.moderator.id })).message();
    expect(gaps.content).toMatch(/fusion reactors/i);
    expect(gaps.content).not.toMatch(/quantum/i);
  });
});
