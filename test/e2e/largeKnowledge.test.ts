import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { makeGeneratedKnowledge, type GeneratedKnowledge } from '../support/generatedKnowledge.ts';

// More records than Discord lets a bot offer (25 autocomplete choices), and a list of exactly three pages.
let emu: DiscordEmulator;
let bot: BotProcess;
let kb: GeneratedKnowledge;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  kb = await makeGeneratedKnowledge(30);
  // As files are on a server: saved well before the bot loads them.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const name of await readdir(kb.dir)) await utimes(path.join(kb.dir, name), anHourAgo, anHourAgo);
  bot = await startBotProcess(botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: `${kb.dir}-data` }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await kb.remove();
});

const focused = (name: string, value: string) => [{ name, value, focused: true }];

describe('autocomplete with more matching records than Discord allows', () => {
  it('offers exactly 25 choices for FAQ questions, terms and table rows', async () => {
    const member = emu.users.member.id;
    const lists = [
      await emu.autocomplete({ name: 'faq', options: focused('question', kb.sharedWord), userId: member }),
      await emu.autocomplete({ name: 'term', options: focused('name', kb.sharedWord), userId: member }),
      await emu.autocomplete({ name: 'compare', options: focused('feature', kb.sharedWord), userId: member }),
    ];
    for (const choices of lists) {
      expect(choices).toHaveLength(25);
      for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(new Set(choices.map((choice) => choice.value)).size).toBe(25);
    }
  });

  it('offers 25 records for a partly typed word with a slip in it, in every picker', async () => {
    // "orhcar": the start of the shared word "orchard", two letters swapped.
    const slip = `${kb.sharedWord.slice(0, 2)}${kb.sharedWord[3]}${kb.sharedWord[2]}${kb.sharedWord.slice(4, 6)}`;
    const member = emu.users.member.id;
    const lists = [
      await emu.autocomplete({ name: 'faq', options: focused('question', slip), userId: member }),
      await emu.autocomplete({ name: 'term', options: focused('name', slip), userId: member }),
      await emu.autocomplete({ name: 'compare', options: focused('feature', slip), userId: member }),
      await emu.autocomplete({ name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: focused('id', slip), userId: emu.users.moderator.id }),
    ];
    for (const choices of lists) {
      expect(choices).toHaveLength(25);
      expect(new Set(choices.map((choice) => choice.value)).size).toBe(25);
    }
    expect(lists[0]?.[0]).toEqual({ name: `How do I care for the alder tree in the ${kb.sharedWord}?`, value: 'alder-care' });
  });

  it('offers exactly 25 record ids to a moderator editing, and none to a member', async () => {
    const options = { name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: focused('id', kb.sharedWord) };
    const choices = await emu.autocomplete({ ...options, userId: emu.users.moderator.id });
    expect(choices).toHaveLength(25);
    for (const choice of choices) expect(String(choice.value)).toMatch(/^[a-z]+-care$/);
    expect(await emu.autocomplete({ ...options, userId: emu.users.member.id })).toEqual([]);
  });
});

describe('the FAQ list with exactly three pages of questions', () => {
  const embedOf = (message: EmulatorMessage) => (message.embeds as APIEmbed[] | undefined)?.[0];
  const next = (message: EmulatorMessage) => {
    const rows = (message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];
    return rows.flatMap((row) => row.components).filter((c): c is APIButtonComponentWithCustomId => 'custom_id' in c)[1];
  };

  it('ends on a full last page with Next disabled, never an empty one', async () => {
    const member = emu.users.member.id;
    let list = await (await emu.runSlashCommand({ name: 'faq', userId: member })).message();
    expect(embedOf(list)?.footer?.text).toBe('Page 1 of 3 · 30 questions');
    for (const page of [2, 3]) {
      const button = next(list);
      expect(button?.custom_id).toBe(`faq:page:${page}`);
      const turned = await emu.clickButton({ customId: button!.custom_id, messageId: list.id, userId: member });
      expect(turned.callbackType).toBe(7);
      list = await turned.message();
    }
    expect(embedOf(list)?.footer?.text).toBe('Page 3 of 3 · 30 questions');
    expect(embedOf(list)?.description).toMatch(/^21\. .*\n(.*\n)*30\. How do I care for the dogwood tree in the orchard\?/);
    expect(next(list)?.disabled).toBe(true);
  });
});

describe('editing a record of files older than the served knowledge', () => {
  it('fills the form with the record as served, and saving it is no conflict', async () => {
    const moderator = emu.users.moderator.id;
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: [{ name: 'id', value: 'birch-care' }], userId: moderator });
    expect(JSON.stringify(opened.modal)).toContain('How do I care for the birch tree in the orchard?');
    const saved = await emu.submitModal({
      customId: String(opened.modal?.custom_id),
      userId: moderator,
      fields: { question: 'How do I care for the birch tree in the orchard?', alternates: 'birch care tips', answer: 'The birch tree needs care plan 2 from the handbook.', quote: '', sources: 'handbook' },
    });
    expect(JSON.stringify(await saved.message())).toContain('Saved **faq:birch-care**');
  });
});
