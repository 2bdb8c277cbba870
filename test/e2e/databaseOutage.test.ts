import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';
import { takeDatabaseDown, testDatabase } from '../support/testDatabase.ts';

// The bot started with DATABASE_URL while its database refuses connections: it starts degraded, answers from its own
// knowledge folder, says so on /healthz, refuses /kb edits with the reason, and catches up once the database is back.
let emu: DiscordEmulator;
let bot: BotProcess;
let kb: TempKnowledge;
let dataDir: string;
let base: string;
let database: { url: string; name: string; drop: () => Promise<void> };
let outage: { restore: () => Promise<void> };

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  kb = await makeTempKnowledge();
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-outage-data-'));
  database = await testDatabase();
  outage = await takeDatabaseDown(database.name);
  bot = await startBotProcess(botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: dataDir, DATABASE_URL: database.url, METRICS_PORT: '0' }));
  const line = await bot.waitForLog((entry) => entry.msg === 'Serving /healthz and /metrics');
  base = `http://127.0.0.1:${String(line['port'])}`;
}, 60_000);

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await kb.remove();
  await rm(dataDir, { recursive: true, force: true });
  await database.drop();
});

const health = async () => {
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const gap = 'Does the deal cover quantum computing?';

describe('the database down at start', () => {
  it('answers from the knowledge it has, and /healthz says what is degraded, without the password', async () => {
    const sent = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    const reply = await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: sent.id }, 10_000);
    expect(JSON.stringify(reply.embeds)).toContain('any cloud provider');
    await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: gap }] })).message();

    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ gateway: { ready: true }, database: { writable: false }, knowledgeSharing: { connected: false } });
    expect((body['database'] as { queued: number }).queued).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(body)).not.toContain(new URL(database.url).password);
    expect(`${bot.stdout()}${bot.stderr()}`).not.toContain(new URL(database.url).password);
  });

  it('refuses a /kb edit, saying why, and changes no file', async () => {
    const before = await kb.read('faq.yaml');
    const result = await emu.runSlashCommand({
      name: 'kb',
      subcommand: 'alternate',
      options: [
        { name: 'record', value: 'microsoft-shareholder' },
        { name: 'question', value: gap },
      ],
      userId: emu.users.moderator.id,
    });
    expect((await result.message(15_000)).content).toContain('the shared knowledge database is unavailable');
    expect(await kb.read('faq.yaml')).toBe(before);
  });

  it('once the database is back: healthy, the questions asked meanwhile in /kb gaps, edits taken', async () => {
    await outage.restore();
    const end = Date.now() + 20_000;
    while ((await health()).status !== 200 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await health()).body).toMatchObject({ healthy: true, database: { writable: true }, knowledgeSharing: { connected: true, version: 1 } });
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    expect(gaps.content.split('\n').filter((line) => /quantum/i.test(line))).toEqual([expect.stringContaining('asked **1×**')]);
    const added = await (
      await emu.runSlashCommand({ name: 'kb', subcommand: 'alternate', options: [{ name: 'record', value: 'microsoft-shareholder' }, { name: 'question', value: gap }], userId: emu.users.moderator.id })
    ).message(15_000);
    expect(added.content).toContain('as a phrasing of **faq:microsoft-shareholder**');
  }, 40_000);
});
