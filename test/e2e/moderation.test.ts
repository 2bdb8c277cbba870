import { readFile, rm, writeFile } from 'node:fs/promises';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';
import { aliasBomb } from '../knowledge/hostileYaml.ts';

let emu: DiscordEmulator;
let bot: BotProcess;
let kb: TempKnowledge;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  kb = await makeTempKnowledge();
  bot = await startBotProcess(
    botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: `${kb.dir}-data`, MOD_LOG_CHANNEL_ID: emu.channels.modLog.id }),
  );
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await kb.remove();
  await rm(`${kb.dir}-data`, { recursive: true, force: true });
});

const ask = async (question: string) => {
  const result = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }], userId: emu.users.member.id });
  const message = await result.message();
  return JSON.stringify({ content: message.content, embeds: message.embeds });
};

/** Polls until the served answer satisfies `check` (the watcher reloads within a second or so). */
async function eventually(question: string, check: (reply: string) => boolean, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await ask(question);
    if (check(reply) || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('editing the files', () => {
  it('serves a valid edit without a restart', async () => {
    await kb.replace('faq.yaml', 'continues\n      **through 2032**.', 'continues\n      **through 2032** (edited on disk).');
    expect(await eventually('when does the ip license expire', (reply) => reply.includes('edited on disk'))).toContain('edited on disk');
  });

  it('keeps the last good answers when an edit breaks the files, and tells the mod-log where', async () => {
    const before = await ask('what is vendor lock-in');
    const terms = await kb.read('terms.yaml');
    await kb.write('terms.yaml', terms.replace('sources: [article]', 'sources: [nowhere]'));
    const notice = await emu.waitForMessage((m) => m.channel_id === emu.channels.modLog.id && m.content.includes('do not validate'), 10_000);
    expect(notice.content).toMatch(/terms\.yaml:\d+ terms\[0\] \(azure\)\.sources\[0\]: unknown source "nowhere"/);
    expect(await ask('what is vendor lock-in')).toBe(before);
    await kb.write('terms.yaml', terms);
  });
});

describe('editing from Discord', () => {
  const moderator = () => emu.users.moderator.id;

  it('adds an FAQ record through a form, writes it to the file, and answers it at once', async () => {
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'add', userId: moderator() });
    expect(opened.callbackType).toBe(9);
    const customId = String(opened.modal?.custom_id);
    const saved = await emu.submitModal({
      customId,
      userId: moderator(),
      fields: {
        question: 'Does the article name a publication date?',
        alternates: 'When was the article published?',
        answer: 'The article does not state a publication date.',
        quote: '',
        sources: 'article',
      },
    });
    const confirmation = JSON.stringify(await saved.message());
    expect(confirmation).toContain('Added **faq:does-the-article-name-a-publication-date**');
    const file = await kb.read('faq.yaml');
    expect(file).toContain('- id: does-the-article-name-a-publication-date');
    expect(file).toContain('# FAQ records: what members ask, and the sourced answer the bot gives.');
    expect(await ask('when was the article published?')).toContain('does not state a publication date');
    const audit = await readFile(`${kb.dir}-data/audit.log.jsonl`, 'utf8');
    expect(audit).toContain('"action":"add"');
    await emu.waitForMessage((m) => m.channel_id === emu.channels.modLog.id && m.content.includes('added **faq:does-the-article-name-a-publication-date**'));
  });

  it('edits a record in a form prefilled with the current text', async () => {
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'term', subcommand: 'edit', options: [{ name: 'id', value: 'azure' }], userId: moderator() });
    const modal = JSON.stringify(opened.modal);
    const quote = 'Under the new terms, OpenAI products will still ship first on Azure. However, this priority only lasts as long as Microsoft can and chooses to support the necessary capabilities.';
    expect(modal).toContain('OpenAI products still ship first on Azure');
    expect(modal).toContain(quote);
    const saved = await emu.submitModal({
      customId: String(opened.modal?.custom_id),
      userId: moderator(),
      fields: { term: 'Azure', aliases: 'Microsoft Azure cloud', definition: 'OpenAI products still ship first on Azure (edited from Discord).', quote, sources: 'article' },
    });
    expect(JSON.stringify(await saved.message())).toContain('Saved **term:azure**');
    expect(await kb.read('terms.yaml')).toContain('OpenAI products still ship first on Azure (edited from Discord).');
    const term = JSON.stringify(await (await emu.runSlashCommand({ name: 'term', options: [{ name: 'name', value: 'azure' }], userId: emu.users.member.id })).message());
    expect(term).toContain('edited from Discord');
    // The form does not show the editors' note: saving it keeps the note, still apart from the sources.
    expect(term).toContain(`"name":"Editors' note (not from the sources)","value":"Microsoft's cloud computing platform."`);
  });

  it('removes a record after confirmation, but not one that others still link to', async () => {
    const remove = async (id: string) => {
      const asked = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'remove', options: [{ name: 'id', value: id }], userId: moderator() });
      const confirm = await asked.message();
      const removeButton = JSON.stringify(confirm.components).match(/"custom_id":"(kb:remove:[^"]+)"/)?.[1];
      expect(removeButton).toBeDefined();
      const removed = await emu.clickButton({ customId: removeButton!, messageId: confirm.id, userId: moderator() });
      return (await removed.message()).content;
    };
    const records = (parse(await kb.read('faq.yaml')) as { faq: { id: string; related?: string[] }[] }).faq;
    const linked = records.find((record) => records.some((other) => other.related?.includes(record.id)))!;
    const linkers = records.filter((other) => other.related?.includes(linked.id)).map((other) => `faq:${other.id}`);
    const refused = await (await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'remove', options: [{ name: 'id', value: linked.id }], userId: moderator() })).message();
    expect(refused.content).toContain(`**faq:${linked.id}** cannot be removed: ${linkers.join(', ')} link`);
    expect(refused.content).not.toContain('unknown FAQ record');
    expect(JSON.stringify(refused.components ?? [])).not.toContain('kb:remove:');
    expect(await kb.read('faq.yaml')).toContain(`- id: ${linked.id}`);
    expect(await remove('initial-azure-phase')).toContain('Removed **faq:initial-azure-phase**');
    expect(await kb.read('faq.yaml')).not.toContain('- id: initial-azure-phase');
  });

  it('refuses an edit based on a record someone else changed in the meantime', async () => {
    const open = () => emu.runSlashCommand({ name: 'kb', subcommandGroup: 'term', subcommand: 'edit', options: [{ name: 'id', value: 'gigawatt-scale-power' }], userId: moderator() });
    const first = await open();
    const second = await open();
    const quote = 'By targeting gigawatt-scale power, the companies aim to solve the energy bottleneck that currently limits the size and speed of AI training.';
    const fields = (definition: string) => ({ term: 'Gigawatt-scale power', aliases: 'gigawatt scale\ngigawatt', definition, quote, sources: 'article' });
    const saved = await emu.submitModal({ customId: String(first.modal?.custom_id), userId: moderator(), fields: fields('First moderator’s wording.') });
    expect((await saved.message()).content).toContain('Saved **term:gigawatt-scale-power**');
    const stale = await emu.submitModal({ customId: String(second.modal?.custom_id), userId: moderator(), fields: fields('Second moderator’s wording.') });
    expect((await stale.message()).content).toMatch(/Not saved: .*changed by someone else/);
    const file = await kb.read('terms.yaml');
    expect(file).toContain('First moderator’s wording.');
    expect(file).not.toContain('Second moderator’s wording.');
  });

  it('refuses an invalid edit with the reason and leaves the file untouched', async () => {
    const before = await kb.read('faq.yaml');
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'add', userId: moderator() });
    const saved = await emu.submitModal({
      customId: String(opened.modal?.custom_id),
      userId: moderator(),
      fields: { question: 'A question citing nothing real?', alternates: '', answer: 'An answer.', quote: '', sources: 'made-up-source' },
    });
    expect(JSON.stringify(await saved.message())).toMatch(/Not saved.*unknown source \\"made-up-source\\"/);
    expect(await kb.read('faq.yaml')).toBe(before);
  });

  it('answers an edit of a file that cannot be read with its file:line problem, not "no such record"', async () => {
    const faq = await kb.read('faq.yaml');
    await kb.write('faq.yaml', `${faq}${aliasBomb()}`);
    try {
      const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: [{ name: 'id', value: 'any-cloud-provider' }], userId: moderator() });
      const reply = (await opened.message()).content;
      expect(reply).toMatch(/faq\.yaml:\d+/);
      expect(reply).not.toMatch(/There is no/);
      expect(opened.modal ?? null).toBeNull();
    } finally {
      await kb.write('faq.yaml', faq);
    }
  });

  it('refuses members without Manage Server or a moderator role, and changes nothing', async () => {
    const before = await kb.read('faq.yaml');
    const refused = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'remove', options: [{ name: 'id', value: 'any-cloud-provider' }], userId: emu.users.member.id });
    const message = await refused.message();
    expect(message.content).toContain('Only moderators can change the knowledge base');
    expect((message.flags ?? 0) & 64).toBe(64);
    const reload = await emu.runSlashCommand({ name: 'kb', subcommand: 'reload', userId: emu.users.member.id });
    expect((await reload.message()).content).toContain('Only moderators');
    expect(await kb.read('faq.yaml')).toBe(before);
  });

  it('reloads, validates and reports stats on request', async () => {
    const reload = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'reload', userId: moderator() })).message();
    expect(reload.content).toMatch(/Reloaded \(version \d+\): \d+ FAQ records/);
    const validate = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'validate', userId: moderator() })).message();
    expect(validate.content).toContain('The knowledge files are valid');
    const checked = await (
      await emu.runSlashCommand({ name: 'kb', subcommand: 'validate', options: [{ name: 'confusions', value: true }], userId: moderator() })
    ).message();
    expect(checked.content).toContain('The knowledge files are valid');
    expect(checked.content).toMatch(/Phrasings asked with themselves left out\*\* \(\d+\): \d+% reach their own record/);
    expect(checked.content).toMatch(/\nfaq:[a-z0-9-]+ ".+" → (faq|term|table):[a-z0-9-]+/);
    expect(checked.content.length).toBeLessThanOrEqual(2000);
    const stats = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'stats', userId: moderator() })).message();
    expect(stats.content).toMatch(/Knowledge version \d+/);
  });
});

describe('who may edit: checked on every command, button and form', () => {
  const moderator = () => emu.users.moderator.id;
  const audit = () => readFile(`${kb.dir}-data/audit.log.jsonl`, 'utf8').catch(() => '');
  const kbFiles = async () => ({ faq: await kb.read('faq.yaml'), terms: await kb.read('terms.yaml'), audit: await audit() });

  /** The moderator loses Manage Server (their role's permissions) while `work` runs, as when demoted mid-edit. */
  async function whileDemoted<T>(work: () => Promise<T>): Promise<T> {
    const role = emu.roles.moderator;
    const permissions = role.permissions;
    role.permissions = '0';
    try {
      return await work();
    } finally {
      role.permissions = permissions;
    }
  }

  /** A record no other record links to (one that does cannot be removed: no Remove button is offered). */
  const unlinkedRecord = async () => {
    const records = (parse(await kb.read('faq.yaml')) as { faq: { id: string; related?: string[] }[] }).faq;
    return records.find((record) => !records.some((other) => other.related?.includes(record.id)))!.id;
  };
  const askToRemove = async (id: string) => {
    const confirm = await (await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'remove', options: [{ name: 'id', value: id }], userId: moderator() })).message();
    const ids = [...JSON.stringify(confirm.components).matchAll(/"custom_id":"(kb:[^"]+)"/g)].map((match) => match[1] ?? '');
    const remove = ids.find((customId) => customId.startsWith('kb:remove:'));
    expect(remove).toBeDefined();
    expect(ids).toContain('kb:cancel');
    return { confirm, remove: remove! };
  };

  it('refuses the form of a moderator demoted after opening it: file and audit log unchanged', async () => {
    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'term', subcommand: 'edit', options: [{ name: 'id', value: 'azure' }], userId: moderator() });
    const before = await kbFiles();
    const refused = await whileDemoted(async () =>
      (
        await emu.submitModal({
          customId: String(opened.modal?.custom_id),
          userId: moderator(),
          fields: { term: 'Azure', aliases: 'Microsoft Azure', definition: 'Written by a demoted moderator.', sources: 'article' },
        })
      ).message(),
    );
    expect(refused.content).toContain('Only moderators can change the knowledge base');
    expect((refused.flags ?? 0) & 64).toBe(64);
    expect(await kbFiles()).toEqual(before);
  });

  it('refuses the Remove button to a member and to a demoted moderator: the record stays', async () => {
    const { confirm, remove } = await askToRemove(await unlinkedRecord());
    const before = await kbFiles();
    const byMember = await (await emu.clickButton({ customId: remove, messageId: confirm.id, userId: emu.users.member.id })).message();
    expect(byMember.content).toContain('Only moderators can change the knowledge base');
    const byDemoted = await whileDemoted(async () => (await emu.clickButton({ customId: remove, messageId: confirm.id, userId: moderator() })).message());
    expect(byDemoted.content).toContain('Only moderators can change the knowledge base');
    expect(await kbFiles()).toEqual(before);
    const cancelled = await emu.clickButton({ customId: 'kb:cancel', messageId: confirm.id, userId: moderator() });
    expect(cancelled.callbackType).toBe(7);
    expect((await cancelled.message()).content).toBe('Cancelled — nothing was changed.');
  });

  it("acts on a confirmation only for the moderator who asked for it: nobody else can cancel or confirm it", async () => {
    const { confirm, remove } = await askToRemove(await unlinkedRecord());
    const before = await kbFiles();
    const cancelByMember = await emu.clickButton({ customId: 'kb:cancel', messageId: confirm.id, userId: emu.users.member.id });
    expect(cancelByMember.callbackType).toBe(4);
    expect((await cancelByMember.message()).content).toContain('Only moderators can change the knowledge base');
    // The guild owner is a moderator too (Manage Server), but this confirmation is not theirs.
    const removeByOwner = await emu.clickButton({ customId: remove, messageId: confirm.id, userId: emu.users.owner.id });
    expect(removeByOwner.callbackType).toBe(4);
    expect((await removeByOwner.message()).content).toBe('Only the member who ran this command can use these buttons.');
    expect(emu.message(confirm.id)?.content).toBe(confirm.content);
    expect(emu.message(confirm.id)?.components).toEqual(confirm.components);
    expect(await kbFiles()).toEqual(before);
  });

  it('refuses an id longer than the option allows with a short private reply (no 6,000-character echo)', async () => {
    for (const id of ['x'.repeat(6000), 'no-such-record-'.repeat(4).slice(0, 64)]) {
      const reply = await (await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: [{ name: 'id', value: id }], userId: moderator() })).message();
      expect((reply.flags ?? 0) & 64).toBe(64);
      expect(reply.content.length).toBeLessThanOrEqual(200);
      expect(reply.content).toMatch(id.length > 64 ? /^The `id` option is too long: at most 64 characters\.$/ : /^There is no FAQ record with the id "no-such-record-/);
    }
  });
});

describe('editing a record with a field longer than the form holds', () => {
  const moderator = () => emu.users.moderator.id;
  const longAnswer = `Industry precedents **suggest** this move mirrors the evolution of other major tech partnerships. ${'When a platform reaches a certain scale, the exclusive phase often gives way to a distribution phase. '.repeat(45)}`
    .slice(0, 4050)
    .trim();
  const servedAnswer = async () => {
    const reply = await (await emu.runSlashCommand({ name: 'faq', options: [{ name: 'question', value: 'industry-precedent' }], userId: emu.users.member.id })).message();
    return (reply.embeds as APIEmbed[] | undefined)?.[0]?.description ?? '';
  };
  const recordInFile = async () => (parse(await kb.read('faq.yaml')) as { faq: { id: string; question: string; answer: string }[] }).faq.find((r) => r.id === 'industry-precedent');

  it('keeps a 4,050-character answer whole when the moderator edits only the question', async () => {
    await kb.replace(
      'faq.yaml',
      `      Industry precedents **suggest** this move mirrors the evolution of other
      major tech partnerships: when a platform reaches a certain scale, the
      "exclusive" phase **often** gives way to a "distribution" phase to maximize
      total market reach.`,
      `      ${longAnswer}`,
    );
    const deadline = Date.now() + 8000;
    while ((await servedAnswer()) !== longAnswer && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 150));
    expect(longAnswer.length).toBeGreaterThan(4000);
    expect(await servedAnswer()).toBe(longAnswer);

    const opened = await emu.runSlashCommand({ name: 'kb', subcommandGroup: 'faq', subcommand: 'edit', options: [{ name: 'id', value: 'industry-precedent' }], userId: moderator() });
    const inputs = Object.fromEntries(
      ((opened.modal?.['components'] ?? []) as { component: { custom_id: string; value?: string; placeholder?: string } }[]).map(({ component }) => [component.custom_id, component]),
    );
    expect(inputs['answer']?.value).toBeUndefined();
    expect(inputs['answer']?.placeholder).toContain('Too long for this form');
    // Saved as shown, with only the question changed.
    const fields = Object.fromEntries(Object.entries(inputs).map(([id, input]) => [id, input.value ?? '']));
    const saved = await emu.submitModal({
      customId: String(opened.modal?.custom_id),
      userId: moderator(),
      fields: { ...fields, question: 'Has this happened in other tech partnerships before?' },
    });
    expect((await saved.message()).content).toMatch(/^✅ Saved \*\*faq:industry-precedent\*\*\. Kept as they were \(too long for the form\): Answer\./);
    const record = await recordInFile();
    expect(record?.question).toBe('Has this happened in other tech partnerships before?');
    expect(record?.answer).toBe(longAnswer);
    expect(await servedAnswer()).toBe(longAnswer);
  });
});

describe('the bot keeps working after bad input', () => {
  it('still answers after all of the above', async () => {
    await writeFile(kb.file('notes.tmp'), 'editor scratch file');
    expect(await ask('can openai use aws')).toContain('any cloud provider');
  });
});
