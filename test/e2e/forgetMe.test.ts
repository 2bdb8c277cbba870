import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';

let emu: DiscordEmulator;
let bot: BotProcess;
let dataDir: string;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-forget-data-'));
  bot = await startBotProcess(botEnv(emu, { DATA_DIR: dataDir }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Counts rows as a moderator with disk access would; the bot writes within about 100 ms. */
async function count(sql: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const db = new BetterSqlite3(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const onDisk = async () => Buffer.concat(await Promise.all((await readdir(dataDir)).map((file) => readFile(path.join(dataDir, file)))));

function button(message: EmulatorMessage, test: (customId: string, label: string) => boolean): string {
  for (const row of message.components ?? []) {
    for (const component of (row as { components?: { custom_id?: string; label?: string }[] }).components ?? []) {
      if (component.custom_id && test(component.custom_id, component.label ?? '')) return component.custom_id;
    }
  }
  throw new Error(`no such button on ${JSON.stringify(message.components)}`);
}

const ask = async (question: string, userId: string) => (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }], userId })).message();

describe('/privacy and /forget-me, as members use them', () => {
  it("/privacy says who sees members' questions, and what /forget-me deletes", async () => {
    const reply = await (await emu.runSlashCommand({ name: 'privacy', userId: emu.users.member.id })).message();
    expect(reply.content).toContain("moderators of any other server see only their own server's questions");
    expect(reply.content).toContain('the picks others made under your questions');
  });

  it("deletes the picks others made under the member's questions, leaves none of their words on disk, and stores nothing for a vote afterwards", async () => {
    const vague = 'what about the money';
    const unsure = await ask(vague, emu.users.member.id);
    const answer = await ask('can openai use aws?', emu.users.member.id);
    // Another member presses a suggestion under the member's "did you mean…" reply: a label of the member's words.
    await emu.clickButton({ messageId: unsure.id, customId: button(unsure, (id) => id.startsWith('ask:show:faq:')), userId: emu.users.owner.id });
    expect(await count(`SELECT COUNT(*) AS n FROM labels WHERE question = '${vague}'`)).toBe(1);
    expect((await onDisk()).includes(vague)).toBe(true);

    const reply = await (await emu.runSlashCommand({ name: 'forget-me', userId: emu.users.member.id })).message();
    expect(reply.content).toContain('deleted 3 recorded items');
    expect(await count(`SELECT (SELECT COUNT(*) FROM questions) + (SELECT COUNT(*) FROM labels) AS n`)).toBe(0);
    expect((await onDisk()).includes(vague)).toBe(false);

    // The answer is still in the channel; a vote on it now would be a new row about a forgotten question.
    await emu.clickButton({ messageId: answer.id, customId: button(answer, (_id, label) => label === 'Helpful'), userId: emu.users.owner.id });
    expect(await count('SELECT COUNT(*) AS n FROM votes')).toBe(0);
  });
});
